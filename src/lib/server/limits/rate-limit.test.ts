import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { rateLimits } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { consume, peek, reset } from './rate-limit';

useTestDatabase();

describe('rate limits', () => {
	it('allows the window’s points, then refuses with the time to wait', async () => {
		const key = `ip-${Math.random()}`;
		for (let i = 0; i < 10; i++) expect((await consume('registerIp', key)).allowed).toBe(true);
		const refused = await consume('registerIp', key);
		expect(refused.allowed).toBe(false);
		if (!refused.allowed) {
			expect(refused.retryAfterSeconds).toBeGreaterThan(0);
			expect(refused.retryAfterSeconds).toBeLessThanOrEqual(3600);
		}
		expect((await consume('registerIp', `${key}-other`)).allowed).toBe(true);
	});

	it('counts failures only when asked, and forgets them on reset', async () => {
		const key = `account-${Math.random()}`;
		for (let i = 0; i < 8; i++) {
			expect((await peek('signInPair', key)).allowed).toBe(true);
			await consume('signInPair', key);
		}
		expect((await peek('signInPair', key)).allowed).toBe(false);
		await reset('signInPair', key);
		expect((await peek('signInPair', key)).allowed).toBe(true);
	});

	it('holds under concurrent attempts: never more than the points', async () => {
		const key = `burst-${Math.random()}`;
		const results = await Promise.all(Array.from({ length: 25 }, () => consume('registerIp', key)));
		expect(results.filter((r) => r.allowed)).toHaveLength(10);
	});

	it('counts actions arriving together per key and per limit, and starts a spent window afresh', async () => {
		const key = `mixed-${Math.random()}`;
		const together = await Promise.all([
			...Array.from({ length: 12 }, () => consume('registerIp', key)),
			...Array.from({ length: 5 }, () => consume('registerIp', `${key}-b`)),
			...Array.from({ length: 22 }, () => consume('flag', key))
		]);
		expect(together.slice(0, 12).filter((r) => r.allowed)).toHaveLength(10);
		expect(together.slice(12, 17).every((r) => r.allowed)).toBe(true);
		expect(together.slice(17).filter((r) => r.allowed)).toHaveLength(20);
		expect((await consume('registerIp', key)).allowed).toBe(false);

		await db
			.update(rateLimits)
			.set({ expire: new Date(Date.now() - 1000) })
			.where(eq(rateLimits.key, `registerIp:${key}`));
		const fresh = await Promise.all(Array.from({ length: 3 }, () => consume('registerIp', key)));
		expect(fresh.every((r) => r.allowed)).toBe(true);
		const [row] = await db
			.select()
			.from(rateLimits)
			.where(eq(rateLimits.key, `registerIp:${key}`));
		expect(row.points).toBe(3);
		expect(row.expire!.getTime()).toBeGreaterThan(Date.now() + 3500 * 1000);
	});
});
