-- Counters for writes that change only a part of what pages show: an endorsement changes one
-- section's comments' counts, so it moves its section's row here instead of page_cache_generation,
-- and only the pages that show that section's comments (and those that show every section's) are
-- drawn again (src/lib/server/cache/page-cache.ts). A row per scope ever written to.
create table page_cache_scopes (
	scope text primary key,
	generation bigint not null
);
