import { describe, expect, it } from 'vitest';
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
			expect((await peek('signInAccount', key)).allowed).toBe(true);
			await consume('signInAccount', key);
		}
		expect((await peek('signInAccount', key)).allowed).toBe(false);
		await reset('signInAccount', key);
		expect((await peek('signInAccount', key)).allowed).toBe(true);
	});

	it('holds under concurrent attempts: never more than the points', async () => {
		const key = `burst-${Math.random()}`;
		const results = await Promise.all(Array.from({ length: 25 }, () => consume('registerIp', key)));
		expect(results.filter((r) => r.allowed)).toHaveLength(10);
	});
});
