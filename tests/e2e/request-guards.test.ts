// Guards that keep anyone from turning the app against its users (issue 16): a reused idempotency
// key, invalid UTF-8, bodies of no form's type, a database that is not up yet, very long addresses.
import { expect, test } from '@playwright/test';
import { createServerDatabase } from '../helpers/server-database';
import { ownApp } from './helpers/instance';
import { tcpProxy } from './helpers/proxy';
import { allComments, postCommentOver, registerOver, startApp } from './helpers/server';

const onServer = !!process.env.TEST_DATABASE_URL;
const PLAN = 'gwangmyeong-social-economy';
const SECTION = 'sustainability';
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test('a reused key with other text is refused with 409 over the API; the same text stays idempotent', async ({ baseURL }) => {
	const url = baseURL!;
	const cookie = await registerOver(url, '키 재사용');
	const idempotency_key = `api-${unique()}`;
	const send = (body: string) =>
		fetch(`${url}/api/v1/plans/${PLAN}/comments`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie, origin: url, 'accept-language': 'ko' },
			body: JSON.stringify({ section_key: SECTION, kind: 'suggestion', body, idempotency_key })
		});
	const first = await send(`처음 글 ${idempotency_key}`);
	expect(first.status).toBe(201);
	const { id } = (await first.json()) as { id: number };
	const changed = await send(`고친 글 ${idempotency_key}`);
	expect(changed.status).toBe(409);
	const refusal = (await changed.json()) as { code: string; message: string };
	expect(refusal.code).toBe('key_reused');
	expect(refusal.message).toContain('새 의견');
	const again = await send(`처음 글 ${idempotency_key}`);
	expect(again.status).toBe(200);
	expect(await again.json()).toEqual({ id, created: false });
	const stored = (await allComments(url)).filter((c) => c.body?.includes(idempotency_key));
	expect(stored.map((c) => c.body)).toEqual([`처음 글 ${idempotency_key}`]);
});

test('on the page, text sent again under a used key is kept with a message, and sending it once more posts it', async ({ baseURL, browser }) => {
	const url = baseURL!;
	const cookie = await registerOver(url, '다시 보내기');
	const usedKey = `form-${unique()}`;
	const tag = unique();
	expect((await postCommentOver(url, cookie, SECTION, `첫 의견 ${tag}`, usedKey)).status).toBe(303);

	const context = await browser.newContext({ locale: 'ko-KR' });
	const [name, value] = cookie.split('=');
	await context.addCookies([{ name, value, url }]);
	const page = await context.newPage();
	await page.goto(`${url}/plans/${PLAN}/sections/${SECTION}`);
	const form = page.locator('form.comment-form:not(.reply)').first();
	const edited = `고쳐 쓴 의견 ${tag}`;
	// Typing shows up in the character counter once the page is hydrated (so the form is enhanced).
	await form.locator('textarea[name=body]').fill(edited);
	await expect(form.locator('.counter')).toContainText(String(edited.length));
	await form.locator('input[name=kind][value=concern]').check();
	// The key of the form the first comment was sent from, as the 503 page's resend form carries it.
	const keyInput = form.locator('input[name=idempotencyKey]');
	await keyInput.evaluate((input, key) => ((input as HTMLInputElement).value = key), usedKey);
	await expect(keyInput).toHaveValue(usedKey);
	await form.getByRole('button', { name: '의견 남기기' }).click();
	await expect(form.getByRole('alert')).toContainText('새 의견으로 등록됩니다');
	await expect(form.locator('textarea[name=body]')).toHaveValue(edited);
	expect((await allComments(url)).filter((c) => c.body?.includes(tag)).map((c) => c.body)).toEqual([`첫 의견 ${tag}`]);

	await form.getByRole('button', { name: '의견 남기기' }).click();
	await expect(page).toHaveURL(/#c-\d+$/);
	const stored = (await allComments(url)).filter((c) => c.body?.includes(tag)).map((c) => c.body);
	expect(stored.sort()).toEqual([edited, `첫 의견 ${tag}`].sort());
	await context.close();
});

test('invalid UTF-8 in a form, JSON or the address is refused with 400 and nothing is stored', async ({ baseURL }) => {
	const url = baseURL!;
	const cookie = await registerOver(url, '잘못된 글자');
	const tag = unique();
	const form = await fetch(`${url}/plans/${PLAN}/sections/${SECTION}?/createComment`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, accept: 'text/html', cookie },
		body: `kind=concern&idempotencyKey=k-${tag}&body=${encodeURIComponent(tag)}%FF%FE`
	});
	expect(form.status).toBe(400);
	expect(await form.text()).toContain('UTF-8');
	const json = await fetch(`${url}/api/v1/plans/${PLAN}/comments`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie, origin: url },
		body: Buffer.concat([
			Buffer.from(`{"section_key":"${SECTION}","kind":"concern","idempotency_key":"j-${tag}","body":"${tag}`),
			Buffer.from([0xff, 0xfe]),
			Buffer.from('"}')
		])
	});
	expect(json.status).toBe(400);
	expect(((await json.json()) as { code: string }).code).toBe('invalid_utf8');
	expect((await fetch(`${url}/search?q=%FF%FE`)).status).toBe(400);
	expect((await allComments(url)).filter((c) => c.body?.includes(tag))).toEqual([]);
});

test('long addresses answer 414 or 431, never a reset', async ({ baseURL }) => {
	const url = baseURL!;
	const overCap = await fetch(`${url}/search?q=${'a'.repeat(8 * 1024)}`, { headers: { accept: 'application/json' } });
	expect(overCap.status).toBe(414);
	expect(((await overCap.json()) as { code: string }).code).toBe('url_too_long');
	const huge = await fetch(`${url}/${'a'.repeat(100 * 1024)}`);
	expect(huge.status).toBe(431);
	expect(await huge.text()).toContain('주소');
});

test('a form action posted without a Content-Type: 415, a clear message, one warning line and no stack trace', async () => {
	const own = await ownApp('guard415');
	try {
		const { url } = own.app;
		for (const accept of ['text/html', 'application/json']) {
			const response = await fetch(`${url}/login?/signIn`, {
				method: 'POST',
				headers: { origin: url, accept, ...(accept === 'application/json' ? { 'x-sveltekit-action': 'true' } : {}) },
				body: new Uint8Array([0x61])
			});
			expect(response.status).toBe(415);
			const text = await response.text();
			expect(text).toContain('보낸 형식');
			expect(text).not.toContain('예기치 못한');
		}
		const plain = await fetch(`${url}/login?/signIn`, { method: 'POST', headers: { origin: url, 'content-type': 'text/plain' }, body: 'a' });
		expect(plain.status).toBe(415);
		await new Promise((resolve) => setTimeout(resolve, 200));
		const log = own.app.output();
		expect(log.match(/POST \/login: 415/g)).toHaveLength(2);
		expect(log).not.toMatch(/^\s+at /m);
		expect(log).not.toContain('Error:');
	} finally {
		await own.close();
	}
});

test('started before the database server: 503 meanwhile, then serving once it is up, without a restart', async () => {
	test.skip(!onServer, 'needs a PostgreSQL server (TEST_DATABASE_URL)');
	test.setTimeout(120_000);
	const { url: direct, drop } = await createServerDatabase('late');
	const target = new URL(direct);
	const proxy = await tcpProxy(Number(target.port || 5432), target.hostname);
	proxy.cut();
	const proxied = new URL(direct);
	proxied.hostname = '127.0.0.1';
	proxied.port = String(proxy.port);
	const app = await startApp({ DATABASE_URL: proxied.href, DATABASE_WAIT_SECONDS: '90' }, { waitHealthy: false });
	try {
		let health = 0;
		for (let tries = 0; tries < 120 && health !== 503; tries++) {
			health = await fetch(`${app.url}/healthz`).then(
				(r) => r.status,
				() => 0
			);
			if (health !== 503) await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(health).toBe(503);
		const page = await fetch(`${app.url}/`, { headers: { accept: 'text/html' } });
		expect(page.status).toBe(503);
		expect(await page.text()).toContain('시작하는 중');
		await expect.poll(() => app.output(), { timeout: 10_000 }).toMatch(/waiting for the database \(try 2: ECONNREFUSED\)/);

		proxy.restore();
		await expect.poll(() => fetch(`${app.url}/healthz`).then((r) => r.status), { timeout: 60_000, intervals: [250] }).toBe(200);
		expect((await fetch(`${app.url}/`)).status).toBe(200);
		expect(app.output()).toContain('applied migrations');
		expect(app.process.exitCode).toBeNull();
	} finally {
		await app.stop();
		await proxy.close();
		await drop();
	}
});

test('gives up with a clear message when the database does not come within DATABASE_WAIT_SECONDS', async () => {
	test.skip(!onServer, 'needs a PostgreSQL server (TEST_DATABASE_URL)');
	const proxy = await tcpProxy(5432);
	proxy.cut();
	const app = await startApp(
		{ DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/test`, DATABASE_WAIT_SECONDS: '2' },
		{ waitHealthy: false }
	);
	try {
		await new Promise<void>((resolve) => (app.process.exitCode !== null ? resolve() : app.process.once('exit', () => resolve())));
		expect(app.process.exitCode).toBe(1);
		expect(app.output()).toContain('could not start: the database did not answer within 2 s (DATABASE_WAIT_SECONDS)');
	} finally {
		await proxy.close();
	}
});
