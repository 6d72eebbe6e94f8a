// Rate limits live in the database (rate-limiter-flexible's Drizzle store), so every app instance
// sharing a PostgreSQL server counts against the same limit.
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { db } from '$lib/server/db';
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

const limiters = new Map<LimitName, RateLimiterDrizzle>();

function limiter(name: LimitName): RateLimiterDrizzle {
	let found = limiters.get(name);
	if (!found) {
		const limit = LIMITS[name];
		found = new RateLimiterDrizzle({
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
