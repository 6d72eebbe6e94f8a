// Rate limits live in the database (rate-limiter-flexible's Drizzle store), so every app instance
// sharing a PostgreSQL server counts against the same limit.
import { sql } from 'drizzle-orm';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { db, preparedStatement } from '$lib/server/db';
import { gathered } from '$lib/server/db/gather';
import { rateLimits } from '$lib/server/db/schema';
import { positiveInteger } from '$lib/server/operations/config';

type LimitName = 'signInPair' | 'signInAddress' | 'signInAccount' | 'registerIp' | 'comment' | 'flag';

/** Points per window and window length in seconds; each can be changed with the env var named. */
const LIMITS: Record<LimitName, { points: number; seconds: number; env: string }> = {
	// Password failures (sign-in and the current-password check), see src/lib/server/accounts/sign-in.ts.
	// One address spends at most 5 pair windows' worth (40) within an account's hour, far below its
	// ceiling, so no single address can lock the owner out; a room of 100 on one address fits the
	// address limit with several typos each.
	signInPair: { points: 8, seconds: 15 * 60, env: 'RATE_LIMIT_SIGN_IN_FAILURES_PER_IP_AND_ACCOUNT' },
	signInAddress: { points: 500, seconds: 60 * 60, env: 'RATE_LIMIT_SIGN_IN_FAILURES_PER_IP' },
	signInAccount: { points: 100, seconds: 60 * 60, env: 'RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT' },
	registerIp: { points: 10, seconds: 60 * 60, env: 'RATE_LIMIT_REGISTRATIONS_PER_IP' },
	comment: { points: 30, seconds: 60, env: 'RATE_LIMIT_COMMENTS_PER_USER' },
	flag: { points: 20, seconds: 60 * 60, env: 'RATE_LIMIT_FLAGS_PER_USER' }
};

// The library's Drizzle store builds its one query anew on every action, which took longer than the
// rest of saving a comment. This store runs the same upsert (same table, same expiry rule), kept
// prepared, and the actions that arrive together share one run of it: a key's points are added up
// first, and each action gets the count as it stood after its own points. Everything else
// (counting, blocking, cleanup) is the library's.
interface Action {
	key: string;
	points: number;
	expire: Date | null;
}
type LimitRow = typeof rateLimits.$inferSelect;

const upsertStatement = preparedStatement<{ key: string; points: number; expire_ms: number | null }>(
	'rate_limit_upsert',
	sql`
	insert into ${rateLimits} as r (key, points, expire)
	select i.key, i.points, i.expire from json_to_recordset(${sql.placeholder('actions')}::json) as i(key text, points integer, expire timestamptz)
	on conflict (key) do update set
		points = case when r.expire <= ${sql.placeholder('now')}::timestamptz then excluded.points else r.points + excluded.points end,
		expire = case when r.expire <= ${sql.placeholder('now')}::timestamptz then excluded.expire else r.expire end
	returning r.key, r.points, (extract(epoch from r.expire) * 1000)::float8 as expire_ms`
);

const upsertTogether = gathered(async (actions: Action[]): Promise<LimitRow[]> => {
	// One row per key: a statement may not change a row twice.
	const perKey = new Map<string, Action>();
	for (const action of actions) {
		const seen = perKey.get(action.key);
		if (seen) seen.points += action.points;
		else perKey.set(action.key, { ...action });
	}
	const rowsOut = await upsertStatement({
		actions: JSON.stringify([...perKey.values()].map(({ key, points, expire }) => ({ key, points, expire: expire?.toISOString() ?? null }))),
		now: new Date().toISOString()
	});
	const after = new Map(rowsOut.map((row) => [row.key, row]));
	// Counted back from the key's total, in the order the actions came.
	const before = new Map([...perKey].map(([key, action]) => [key, Number(after.get(key)!.points) - action.points]));
	return actions.map(({ key, points }) => {
		const row = after.get(key)!;
		const consumed = before.get(key)! + points;
		before.set(key, consumed);
		return { key, points: consumed, expire: row.expire_ms === null ? null : new Date(Number(row.expire_ms)) };
	});
});

type Upsert = (this: RateLimiterDrizzle, key: string, points: number, msDuration: number, forceExpire: boolean) => Promise<LimitRow>;
const libraryUpsert = (RateLimiterDrizzle.prototype as unknown as { _upsert: Upsert })._upsert;

class GatheredDrizzleLimiter extends RateLimiterDrizzle {
	async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<LimitRow> {
		if (forceExpire) return libraryUpsert.call(this, key, points, msDuration, true);
		return upsertTogether({ key, points, expire: msDuration > 0 ? new Date(Date.now() + msDuration) : null });
	}
}

const limiters = new Map<LimitName, RateLimiterDrizzle>();

function limiter(name: LimitName): RateLimiterDrizzle {
	let found = limiters.get(name);
	if (!found) {
		const limit = LIMITS[name];
		found = new GatheredDrizzleLimiter({
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

/** Looks without counting. */
export async function peek(name: LimitName, key: string): Promise<LimitResult> {
	const state = await limiter(name).get(key);
	const points = limiter(name).points;
	if (state && state.consumedPoints >= points) {
		return { allowed: false, retryAfterSeconds: Math.ceil(state.msBeforeNext / 1000) };
	}
	return { allowed: true };
}

/** Gives back a point counted before its outcome was known (an attempt that did not fail). */
export async function refund(name: LimitName, key: string): Promise<void> {
	await limiter(name).reward(key, 1);
}

export async function reset(name: LimitName, key: string): Promise<void> {
	await limiter(name).delete(key);
}
