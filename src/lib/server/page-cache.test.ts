import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '$tests/helpers/database';
import * as pageCache from './page-cache';

const database = useTestDatabase();

/** A page drawer that counts its drawings and puts a fresh nonce in the page and its policy. */
function drawer() {
	let drawings = 0;
	const draw = async () => {
		drawings++;
		const nonce = `nonce${drawings}`;
		return new Response(`<p nonce="${nonce}">그림 ${drawings}</p>`, {
			headers: { 'content-type': 'text/html', 'content-security-policy': `script-src 'nonce-${nonce}'` }
		});
	};
	return { draw, drawings: () => drawings };
}

const uniqueKey = () => `ko html /plans/test-${Math.random()}`;

describe('the page cache', () => {
	it('serves a kept page again, each copy with a nonce of its own in the page and in its policy', async () => {
		const key = uniqueKey();
		const { draw, drawings } = drawer();
		const first = await pageCache.serve(key, draw);
		expect(await first.text()).toBe('<p nonce="nonce1">그림 1</p>');
		const copy = await pageCache.serve(key, draw);
		expect(drawings()).toBe(1);
		const nonce = /nonce="([^"]+)"/.exec(await copy.text())?.[1];
		expect(nonce).toBeDefined();
		expect(nonce).not.toBe('nonce1');
		expect(copy.headers.get('content-security-policy')).toBe(`script-src 'nonce-${nonce}'`);
	});

	it('draws again after a write handled here', async () => {
		const key = uniqueKey();
		const { draw, drawings } = drawer();
		await pageCache.serve(key, draw);
		await pageCache.invalidateEverywhere();
		expect(await (await pageCache.serve(key, draw)).text()).toContain('그림 2');
		expect(drawings()).toBe(2);
	});

	it('keeps no page whose drawing saw a write begin', async () => {
		const key = uniqueKey();
		const { draw, drawings } = drawer();
		await pageCache.serve(key, async () => {
			pageCache.invalidate();
			return draw();
		});
		await pageCache.serve(key, draw);
		expect(drawings()).toBe(2);
	});

	it('keeps nothing but a plain 200 page without cookies', async () => {
		const key = uniqueKey();
		let drawings = 0;
		const draw = async () => {
			drawings++;
			return new Response('<p>로그인</p>', { headers: { 'content-type': 'text/html', 'set-cookie': 'a=b' } });
		};
		await pageCache.serve(key, draw);
		await pageCache.serve(key, draw);
		expect(drawings).toBe(2);
	});

	it.runIf(databaseKind === 'postgresql')('draws again at once after a write another instance handled', async () => {
		const key = uniqueKey();
		const { draw, drawings } = drawer();
		await pageCache.serve(key, draw);
		await pageCache.serve(key, draw);
		expect(drawings()).toBe(1);
		// What another instance's invalidateEverywhere() does to the database.
		await database.connection().db.execute(sql`select nextval('page_cache_generation')`);
		expect(await (await pageCache.serve(key, draw)).text()).toContain('그림 2');
		// Readers arriving together after it share one fresh drawing.
		await Promise.all(Array.from({ length: 5 }, () => pageCache.serve(key, draw)));
		expect(drawings()).toBe(2);
	});

	it.runIf(databaseKind === 'postgresql')('moves the database counter for every write, writers finishing together sharing a move', async () => {
		const counter = async () => {
			const result = await database.connection().db.execute(sql`select last_value::int as value from page_cache_generation`);
			const rows = Array.isArray(result) ? result : (result as unknown as { rows: { value: number }[] }).rows;
			return Number(rows[0].value);
		};
		const before = await counter();
		await pageCache.invalidateEverywhere();
		expect(await counter()).toBe(before + 1);
		await Promise.all(Array.from({ length: 10 }, () => pageCache.invalidateEverywhere()));
		const moved = (await counter()) - (before + 1);
		expect(moved).toBeGreaterThanOrEqual(1);
		expect(moved).toBeLessThanOrEqual(2);
	});
});
