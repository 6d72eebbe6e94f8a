// Rate limits live in the database (rate-limiter-flexible's Drizzle store), so every app instance
// sharing a PostgreSQL server counts against the same limit.
import { sql } from 'drizzle-orm';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { connection, db, type Database } from '$lib/server/db';
import { rateLimits } from '$lib/server/db/schema';
import { positiveInteger } from '$lib/server/config';

type LimitName = 'signInIp' | 'signInAccount' | 'registerIp' | 'comment' | 'flag';

/** Points per window and window length in seconds; each can be changed with the env var named. */
const LIMITS: Record<LimitName, { points: number; seconds: number; env: string }> = {
	signInIp: { points: 30, seconds: 15 * 60, env: 'RATE_LIMIT_SIGN_IN_PER_IP' },
	signInAccount: { points: 8, seconds: 15 * 60, env: 'RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT' },
	registerIp: { points: 10, seconds: 60 * 60, env: 'RATE_LIMIT_REGISTRATIONS_PER_IP' },
	comment: { points: 30, seconds: 60, env: 'RATE_LIMIT_COMMENTS_PER_USER' },
	flag: { points: 20, seconds: 60 * 60, env: 'RATE_LIMIT_FLAGS_PER_USER' }
};

// The library's Drizzle store builds its one query anew on every action, which took longer than the
// rest of saving a comment; this store runs the same upsert (same table, same expiry rule), built once
// per database and kept prepared. Everything else (counting, blocking, cleanup) is the library's.
const upserts = new WeakMap<Database, ReturnType<typeof prepareUpsert>>();

function prepareUpsert(database: Database) {
	const expired = sql`${rateLimits.expire} <= ${sql.placeholder('now')}::timestamptz`;
	return database
		.insert(rateLimits)
		.values({ key: sql.placeholder('key'), points: sql.placeholder('points'), expire: sql.placeholder('expire') })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: {
				points: sql`case when ${expired} then ${sql.placeholder('points')} else ${rateLimits.points} + ${sql.placeholder('points')} end`,
				expire: sql`case when ${expired} then ${sql.placeholder('nextExpire')}::timestamptz else ${rateLimits.expire} end`
			}
		})
		.returning()
		.prepare('rate_limit_upsert');
}

type LimitRow = typeof rateLimits.$inferSelect;
type Upsert = (this: RateLimiterDrizzle, key: string, points: number, msDuration: number, forceExpire: boolean) => Promise<LimitRow>;
const libraryUpsert = (RateLimiterDrizzle.prototype as unknown as { _upsert: Upsert })._upsert;

class PreparedDrizzleLimiter extends RateLimiterDrizzle {
	async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<LimitRow> {
		if (forceExpire) return libraryUpsert.call(this, key, points, msDuration, true);
		const database = connection().db;
		let upsert = upserts.get(database);
		if (!upsert) upserts.set(database, (upsert = prepareUpsert(database)));
		const now = new Date();
		const expire = msDuration > 0 ? new Date(now.getTime() + msDuration) : null;
		// Drizzle encodes the column's value (a Date); the two inside SQL it passes as they are, as text.
		const [row] = await upsert.execute({ key, points, expire, now: now.toISOString(), nextExpire: expire?.toISOString() ?? null });
		return row;
	}
}

const limiters = new Map<LimitName, RateLimiterDrizzle>();

function limiter(name: LimitName): RateLimiterDrizzle {
	let found = limiters.get(name);
	if (!found) {
		const limit = LIMITS[name];
		found = new PreparedDrizzleLimiter({
			storeClient: db,
			schema: rateLimits,
			keyPrefix: name,
			points: positiveInteger(process.env[limit.env], limit.points),
			duration: limit.seconds
		});
		limiters.set(name, found);
	}
	return found;
}

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one action against the limit; refuses it once the window's points are used up. */
export async function consume(name: LimitName, key: string): Promise<LimitResult> {
	try {
		await limiter(name).consume(key);
		return { allowed: true };
	} catch (rejection) {
		if (rejection instanceof RateLimiterRes) {
			return { allowed: false, retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) };
		}
		throw rejection;
	}
}

/** Looks without counting: for limits that only count failures (sign-in per account). */
export async function peek(name: LimitName, key: string): Promise<LimitResult> {
	const state = await limiter(name).get(key);
	const points = limiter(name).points;
	if (state && state.consumedPoints >= points) {
		return { allowed: false, retryAfterSeconds: Math.ceil(state.msBeforeNext / 1000) };
	}
	return { allowed: true };
}

export async function reset(name: LimitName, key: string): Promise<void> {
	await limiter(name).delete(key);
}
