import path from 'node:path';
import type { OpenOptions } from '../db/client';

/** Every setting the server reads from its environment; the README's configuration table lists them. */
export function databaseOptions(env: NodeJS.ProcessEnv = process.env): OpenOptions {
	if (env.DATABASE_URL) {
		return {
			kind: 'postgresql',
			url: env.DATABASE_URL,
			poolSize: positiveInteger(env.DATABASE_POOL_SIZE, 10)
		};
	}
	return { kind: 'pglite', dataDir: path.resolve(env.PGLITE_DIR || './data') };
}

/** How long start-up waits for a database server that does not answer yet before giving up. */
export const databaseWaitSeconds = (env: NodeJS.ProcessEnv = process.env) => positiveInteger(env.DATABASE_WAIT_SECONDS, 60);

/** Demo content is seeded into an empty database unless SEED_DEMO=false (do that in production). */
export const seedDemoOnStart = (env: NodeJS.ProcessEnv = process.env) => env.SEED_DEMO !== 'false';

export function positiveInteger(value: string | undefined, fallback: number, options: { allowZero?: boolean } = {}): number {
	const parsed = Number.parseInt(value ?? '', 10);
	return Number.isInteger(parsed) && (parsed > 0 || (options.allowZero === true && parsed === 0)) ? parsed : fallback;
}

/** How long a signed-out reader's page may be served again (src/lib/server/cache/page-cache.ts); 0 turns it off. */
export const pageCacheMs = (env: NodeJS.ProcessEnv = process.env) => positiveInteger(env.PAGE_CACHE_MS, 1000, { allowZero: true });
