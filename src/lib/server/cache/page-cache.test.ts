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
	it("serves a kept page again, each copy (the drawer's too) with a nonce of its own in the page and in its policy", async () => {
		const key = uniqueKey();
		const { draw, drawings } = drawer();
		const copies = [await pageCache.serve(key, draw), await pageCache.serve(key, draw)];
		expect(drawings()).toBe(1);
		const nonces = await Promise.all(
			copies.map(async (copy) => {
				const text = await copy.text();
				expect(text).toMatch(/^<p nonce="[^"]+">그림 1<\/p>$/);
				const nonce = /nonce="([^"]+)"/.exec(text)![1];
				expect(copy.headers.get('content-security-policy')).toBe(`script-src 'nonce-${nonce}'`);
				return nonce;
			})
		);
		expect(nonces[0]).not.toBe('nonce1');
		expect(nonces[0]).not.toBe(nonces[1]);
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

	it("an endorsement's scoped write retires its section's pages and the pages of every section, not another section's", async () => {
		const [own, other, every] = [uniqueKey(), uniqueKey(), uniqueKey()];
		const scope = pageCache.sectionScope('scope-test', `own-${Math.random()}`);
		const otherScope = pageCache.sectionScope('scope-test', `other-${Math.random()}`);
		const drawers = [drawer(), drawer(), drawer()];
		const serveAll = () =>
			Promise.all([
				pageCache.serve(own, drawers[0].draw, null, undefined, undefined, scope),
				pageCache.serve(other, drawers[1].draw, null, undefined, undefined, otherScope),
				pageCache.serve(every, drawers[2].draw, null, undefined, undefined, null)
			]);
		await serveAll();
		await serveAll();
		expect(drawers.map((d) => d.drawings())).toEqual([1, 1, 1]);
		const before = await pageCache.readGeneration();
		await pageCache.invalidateScopeEverywhere(scope);
		const [ownPage, otherPage, everyPage] = await serveAll();
		expect(await ownPage.text()).toContain('그림 2');
		expect(await otherPage.text()).toContain('그림 1');
		expect(await everyPage.text()).toContain('그림 2');
		// Sessions and readers' notices are kept per generationKey, which a scoped write leaves.
		expect(pageCache.generationKey((await pageCache.readGeneration())!)).toBe(pageCache.generationKey(before!));
	});

	it.runIf(databaseKind === 'postgresql')("draws a section's page again at once after an endorsement another instance handled", async () => {
		const [own, other] = [uniqueKey(), uniqueKey()];
		const key = `own-${Math.random()}`;
		const scope = pageCache.sectionScope('scope-test', key);
		const otherScope = pageCache.sectionScope('scope-test', `other-${Math.random()}`);
		const drawers = [drawer(), drawer()];
		const serveBoth = () =>
			Promise.all([
				pageCache.serve(own, drawers[0].draw, null, undefined, undefined, scope),
				pageCache.serve(other, drawers[1].draw, null, undefined, undefined, otherScope)
			]);
		await serveBoth();
		// What another instance's invalidateScopeEverywhere(scope) does to the database.
		await database
			.connection()
			.db.execute(
				sql`insert into page_cache_scopes (scope, generation) values (${scope}, 1) on conflict (scope) do update set generation = page_cache_scopes.generation + 1`
			);
		const [ownPage, otherPage] = await serveBoth();
		expect(await ownPage.text()).toContain('그림 2');
		expect(await otherPage.text()).toContain('그림 1');
		// And a second move of the same scope (the row now exists) too.
		await pageCache.invalidateScopeEverywhere(scope);
		expect(await (await pageCache.serve(own, drawers[0].draw, null, undefined, undefined, scope)).text()).toContain('그림 3');
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

	it("fills each copy with its own form key, and signed in with the reader's id and name, escaped for where they stand", async () => {
		const key = uniqueKey();
		let drawings = 0;
		const draw = async (tokens: pageCache.PageTokens) => {
			drawings++;
			const user = tokens.user!;
			const data = JSON.stringify({ id: user.id, displayName: user.displayName, formKey: tokens.formKey }).replace(/</g, '\\u003C');
			return new Response(
				`<span title="${user.displayName}">${user.displayName}</span><input name="key" value="${tokens.formKey}"><script>const data = ${data};</script>`,
				{ headers: { 'content-type': 'text/html' } }
			);
		};
		const reader = { id: 41, displayName: '<b>김&"\'</b>' };
		const first = await (await pageCache.serve(key, draw, reader)).text();
		const second = await (await pageCache.serve(key, draw, { id: 7, displayName: '박서영' })).text();
		expect(drawings).toBe(1);
		expect(first).toContain('<span title="&lt;b>김&amp;&quot;\'&lt;/b>">&lt;b>김&amp;"\'&lt;/b></span>');
		const script = /<script>const data = (.*);<\/script>/.exec(first)![1];
		expect(script).not.toContain('</');
		expect(JSON.parse(script.replace(/\\u003C/g, '<'))).toMatchObject({ id: 41, displayName: reader.displayName });
		expect(second).toContain('<span title="박서영">박서영</span>');
		expect(second).toContain('"id":7,"displayName":"박서영"');
		const keys = [first, second].map((page) => /value="([^"]+)"/.exec(page)![1]);
		expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
		expect(keys[0]).not.toBe(keys[1]);
		// The same key stands in the form and in the page's data.
		expect(second).toContain(`"formKey":"${keys[1]}"`);
	});

	it('fills the placeholders of a page it does not keep, and keeps none under a null key', async () => {
		let drawings = 0;
		const draw = async (tokens: pageCache.PageTokens) => {
			drawings++;
			return new Response(`<p>${tokens.user!.displayName}</p>`, { status: 404, headers: { 'content-type': 'text/html' } });
		};
		const key = uniqueKey();
		const page = await pageCache.serve(key, draw, { id: 1, displayName: '정수민' });
		expect(page.status).toBe(404);
		expect(await page.text()).toBe('<p>정수민</p>');
		await pageCache.serve(
			key,
			async (tokens) => new Response(`<p>${tokens.formKey}</p>`, { headers: { 'content-type': 'text/html' } }),
			null,
			() => null
		);
		await pageCache.serve(key, draw, { id: 1, displayName: '정수민' });
		expect(drawings).toBe(2);
	});
});
