-- Moves on every write any app instance handles. Each instance keeps signed-out readers' pages for a
-- moment (src/lib/server/page-cache.ts) and serves a kept page only while this has not moved, so a
-- write made on one instance shows on every other at once. A sequence, not a row: nextval never
-- waits for another writer and is seen by every session the moment it returns.
create sequence page_cache_generation;
