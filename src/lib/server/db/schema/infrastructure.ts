// Objects the speed-up code keeps, not a domain area.
import { bigint, pgSequence, pgTable, text } from 'drizzle-orm/pg-core';

/** Moved by every write (migrations/0010); src/lib/server/cache/page-cache.ts reads it in SQL. */
export const pageCacheGeneration = pgSequence('page_cache_generation');

/** Moved by writes that change one part of what pages show (migrations/0012), read with the counter above. */
export const pageCacheScopes = pgTable('page_cache_scopes', {
	scope: text('scope').primaryKey(),
	generation: bigint('generation', { mode: 'number' }).notNull()
});
