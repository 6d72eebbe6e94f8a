// Objects the speed-up code keeps, not a domain area.
import { pgSequence } from 'drizzle-orm/pg-core';

/** Moved by every write (migrations/0010); src/lib/server/cache/page-cache.ts reads it in SQL. */
export const pageCacheGeneration = pgSequence('page_cache_generation');
