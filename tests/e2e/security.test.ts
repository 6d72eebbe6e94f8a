// Security, proven over HTTP and in the browser: cross-site requests, the session cookie, sessions
// ending, the Content-Security-Policy and other headers, and oversized bodies.
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { MATRIX, ROLES, type MatrixRole } from './authz-matrix';
import { DEMO, DEMO_PASSWORD, gotoReady, registerParticipant, signIn } from './helpers/accounts';
import { ownApp } from './helpers/instance';
import { allComments, freePort, sessionCookie, signInOver } from './helpers/server';

const SLUG = 'gwangmyeong-social-economy';
const PLAN = `/plans/${SLUG}`;
const COMMENT_ACTION = `${PLAN}/sections/support-centre?/createComment`;
const COMMENTS_API = `/api/v1/plans/${SLUG}/comments`;
/** The app's default MAX_BODY_BYTES (the test server runs with it). */
const MAX_BODY_BYTES = 400 * 1024;
/** adapter-node's default BODY_SIZE_LIMIT (512K): bodies past it are refused by the app's own limit first, also when BODY_SIZE_LIMIT is raised for uploads. */
const ADAPTER_LIMIT = 512 * 1024;
const SESSION_MAX_AGE = 60 * 60 * 24 * 10;
const ATTACKER = 'http://attacker.example';
const TOO_LARGE_KO = '보낸 내용이 너무 큽니다(400 KB까지 받을 수 있습니다). 내용을 나누어 보내 주세요.';
const TOO_LARGE_EN = 'What you sent is too large (the limit is 400 KB). Please split it up.';
const CROSS_SITE_KO = '다른 사이트에서 보낸 요청은 받지 않습니다.';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const cookies: Partial<Record<MatrixRole, string>> = {};
const ACCOUNTS: Record<Exclude<MatrixRole, 'signedOut'>, string> = {
	participant: DEMO.participant,
	researcher: DEMO.researcher,
	official: DEMO.official,
	moderator: DEMO.moderator,
	admin: DEMO.admin
};

test.beforeAll(async ({ baseURL }) => {
	for (const [role, email] of Object.entries(ACCOUNTS)) {
		cookies[role as MatrixRole] = sessionCookie(await signInOver(baseURL!, email, DEMO_PASSWORD));
	}
});

function formBody(fields: Record<string, string>): string {
	return new URLSearchParams(fields).toString();
}

async function storedWith(baseURL: string, marker: string): Promise<number> {
	return (await allComments(baseURL)).filter((c) => c.body?.includes(marker)).length;
}

test.describe('cross-site requests', () => {
	test('a form post from another origin is refused by SvelteKit and stores nothing', async ({ baseURL }) => {
		const marker = `교차 사이트 폼 ${unique()}`;
		for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
			const response = await fetch(`${baseURL}${COMMENT_ACTION}`, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': type, origin: ATTACKER, accept: 'text/html', cookie: cookies.participant! },
				body: formBody({ kind: 'support', body: marker, idempotencyKey: `xs-${unique()}` })
			});
			expect(response.status, type).toBe(403);
		}
		const multipart = new FormData();
		multipart.set('kind', 'support');
		multipart.set('body', marker);
		multipart.set('idempotencyKey', `xs-${unique()}`);
		const response = await fetch(`${baseURL}${COMMENT_ACTION}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: ATTACKER, cookie: cookies.participant! },
			body: multipart
		});
		expect(response.status).toBe(403);
		expect(await storedWith(baseURL!, marker)).toBe(0);

		// The same post from the app's own origin goes through: the origin alone was refused.
		const sameSite = await fetch(`${baseURL}${COMMENT_ACTION}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL!, accept: 'text/html', cookie: cookies.participant! },
			body: formBody({ kind: 'support', body: marker, idempotencyKey: `xs-${unique()}` })
		});
		expect(sameSite.status).toBe(303);
		expect(await storedWith(baseURL!, marker)).toBe(1);
	});

	const jsonEndpoints = [
		{
			path: COMMENTS_API,
			role: 'participant' as const,
			body: () => ({ section_key: 'support-centre', kind: 'support', body: `교차 사이트 API ${unique()}`, idempotency_key: `xs-${unique()}` }),
			allowed: 201
		},
		{ path: '/api/v1/themes/suggest', role: 'researcher' as const, body: () => ({ text: '지원센터 인력이 부족합니다' }), allowed: 200 },
		{
			path: '/api/v1/transcripts/parse',
			role: 'official' as const,
			body: () => ({ text: '김민수(광명YMCA) 마을 단위로 논의해야 합니다.' }),
			allowed: 200
		}
	];

	for (const endpoint of jsonEndpoints) {
		test(`POST ${endpoint.path} refuses cross-site requests and serves its own origin`, async ({ baseURL }) => {
			const send = (headers: Record<string, string>, body = endpoint.body()) =>
				fetch(`${baseURL}${endpoint.path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', cookie: cookies[endpoint.role]!, ...headers },
					body: JSON.stringify(body)
				});
			const cases: Record<string, string>[] = [
				{ origin: ATTACKER },
				{ origin: ATTACKER, 'sec-fetch-site': 'cross-site' },
				{ 'sec-fetch-site': 'cross-site' },
				// A look-alike of the app's own origin on another port or scheme is another origin.
				{ origin: baseURL!.replace(/:\d+$/, ':1') },
				{ origin: baseURL!.replace('http:', 'https:') }
			];
			for (const headers of cases) {
				const body = endpoint.body();
				const response = await send(headers, body);
				expect(response.status, JSON.stringify(headers)).toBe(403);
				expect(await response.json()).toEqual({ message: CROSS_SITE_KO, code: 'cross_site' });
				if ('body' in body) expect(await storedWith(baseURL!, body.body as string)).toBe(0);
			}
			const own = await send({ origin: baseURL!, 'sec-fetch-site': 'same-origin' });
			expect(own.status).toBe(endpoint.allowed);
			const noBrowser = await send({});
			expect(noBrowser.status, 'a client that is not a browser sends neither header').toBe(endpoint.allowed);
		});
	}

	/** A small site of an attacker: on load it posts to the app with fetch, then with a form. */
	async function attackerSite(target: string, marker: string): Promise<{ port: number; server: Server }> {
		const comment = JSON.stringify({ section_key: 'support-centre', kind: 'support', body: `${marker} fetch`, idempotency_key: `atk-${unique()}` });
		const html = `<!doctype html><html><body>
<form id="f" method="POST" action="${target}${COMMENT_ACTION}">
<input name="kind" value="support"><input name="body" value="${marker} form"><input name="idempotencyKey" value="atk-${unique()}">
</form>
<script>
fetch(${JSON.stringify(target + COMMENTS_API)}, { method: 'POST', mode: 'no-cors', credentials: 'include',
	headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(comment)} })
	.catch(() => {})
	.finally(() => document.getElementById('f').submit());
</script></body></html>`;
		const server = createServer((_request, response) => {
			response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			response.end(html);
		});
		const port = await freePort();
		await new Promise<void>((resolve) => server.listen(port, resolve));
		return { port, server };
	}

	async function visitAttacker(page: Page, attackerUrl: string) {
		const apiPost = page.waitForResponse((r) => r.url().endsWith(COMMENTS_API) && r.request().method() === 'POST');
		const formPost = page.waitForResponse((r) => r.url().includes('?/createComment'));
		// The page moves on by itself (its form posts), which may cut the wait for its own load short.
		await page.goto(attackerUrl, { waitUntil: 'commit' }).catch((error: Error) => {
			if (!error.message.includes('interrupted by another navigation')) throw error;
		});
		const answers = { api: await apiPost, form: await formPost };
		// The form's answer arriving is not yet its page: a navigation started before that page is
		// shown would be cut short by it.
		await page.waitForURL((url) => `${url.pathname}${url.search}` === COMMENT_ACTION);
		return answers;
	}

	test('a page on another site cannot post a comment with the victim’s cookie', async ({ page, baseURL }) => {
		await signIn(page, DEMO.participant);
		const marker = `공격 페이지 ${unique()}`;
		const attacker = await attackerSite(baseURL!, marker);
		try {
			const appPort = new URL(baseURL!).port;
			expect(appPort).not.toBe(String(attacker.port));

			// Another site (127.0.0.1 is not localhost): SameSite=Lax keeps the cookie home, and the
			// origin check refuses both posts anyway.
			const crossSite = await visitAttacker(page, `http://127.0.0.1:${attacker.port}/`);
			expect(crossSite.api.status()).toBe(403);
			expect(crossSite.form.status()).toBe(403);
			expect((await crossSite.form.request().allHeaders()).cookie ?? '').not.toContain('session=');

			// The same site on another port (same-site, cross-origin): the browser sends the cookie, so
			// only the origin check stands between the page and the victim's account.
			const sameSite = await visitAttacker(page, `http://localhost:${attacker.port}/`);
			expect((await sameSite.form.request().allHeaders()).cookie ?? '').toContain('session=');
			expect(sameSite.api.status()).toBe(403);
			expect(sameSite.form.status()).toBe(403);

			expect(await storedWith(baseURL!, marker)).toBe(0);
			await page.goto('/me');
			await expect(page.getByRole('heading', { name: '내 정보' })).toBeVisible();
		} finally {
			await new Promise((resolve) => attacker.server.close(resolve));
		}
	});
});

test.describe('redirects after an action stay on this site', () => {
	/** Targets a browser would follow to another site: it drops tabs and newlines, reads "\\" as "/". */
	const OFF_SITE = ['//evil.example/', '/\\evil.example/', '/\t/evil.example/', '/\t\\evil.example/', 'https://evil.example/', '/\n/evil.example/'];

	test('sign-in and the language switch never send the browser elsewhere', async ({ baseURL }) => {
		for (const target of OFF_SITE) {
			for (const [path, fields] of [
				['/login?/signIn', { email: DEMO.participant, password: DEMO_PASSWORD }],
				['/language', { locale: 'en' }]
			] as const) {
				const response = await fetch(`${baseURL}${path}`, {
					method: 'POST',
					redirect: 'manual',
					headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL!, accept: 'text/html' },
					body: formBody({ ...fields, redirectTo: target })
				});
				expect(response.status, `${path} ${JSON.stringify(target)}`).toBe(303);
				const location = new URL(response.headers.get('location')!, baseURL);
				expect(location.origin, `${path} ${JSON.stringify(target)}`).toBe(new URL(baseURL!).origin);
			}
		}
	});

	test('in the browser, a crafted sign-in link lands on this site', async ({ page, baseURL }) => {
		await gotoReady(page, `/login?redirectTo=${encodeURIComponent('/\t/evil.example/')}`);
		await page.getByLabel('이메일').fill(DEMO.participant);
		await page.getByLabel('비밀번호').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: '로그인' }).click();
		await expect(page.getByRole('button', { name: '로그아웃' })).toBeVisible();
		expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
	});
});

test.describe('the session cookie', () => {
	function sessionSetCookie(response: Response): string {
		const found = response.headers.getSetCookie().find((c) => c.startsWith('session='));
		if (!found) throw new Error(`no session cookie (status ${response.status})`);
		return found;
	}
	const attributes = (setCookie: string) =>
		setCookie
			.split(';')
			.slice(1)
			.map((part) => part.trim().toLowerCase());

	test('is HttpOnly, SameSite=Lax, Path=/ and not Secure on http://localhost', async ({ baseURL }) => {
		const flags = attributes(sessionSetCookie(await signInOver(baseURL!, DEMO.participant, DEMO_PASSWORD)));
		expect(flags).toContain('httponly');
		expect(flags).toContain('samesite=lax');
		expect(flags).toContain('path=/');
		expect(flags).toContain(`max-age=${SESSION_MAX_AGE}`);
		expect(flags).not.toContain('secure');
	});

	test('is Secure, with HSTS, when the app is served over https (ORIGIN, or a proxy’s headers)', async () => {
		test.setTimeout(180_000);
		const publicOrigin = 'https://plans.example.test';
		const [byOrigin, byProxy] = await Promise.all([
			ownApp('cookie-origin', { ORIGIN: publicOrigin }),
			ownApp('cookie-proxy', { PROTOCOL_HEADER: 'x-forwarded-proto', HOST_HEADER: 'x-forwarded-host' }, { unset: ['ORIGIN'] })
		]);
		try {
			const signInAt = (appUrl: string, headers: Record<string, string>) =>
				fetch(`${appUrl}/login?/signIn`, {
					method: 'POST',
					redirect: 'manual',
					headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
					body: formBody({ email: DEMO.participant, password: DEMO_PASSWORD, redirectTo: '/' })
				});

			const viaOrigin = await signInAt(byOrigin.app.url, { origin: publicOrigin });
			expect(viaOrigin.status).toBe(303);
			expect(attributes(sessionSetCookie(viaOrigin))).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
			expect(viaOrigin.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');

			const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'plans.example.test' };
			const viaProxy = await signInAt(byProxy.app.url, { ...proxied, origin: publicOrigin });
			expect(viaProxy.status).toBe(303);
			expect(attributes(sessionSetCookie(viaProxy))).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
			expect(viaProxy.headers.get('strict-transport-security')).toContain('max-age=');
			// The proxy's headers decide the origin the check compares with.
			const wrongOrigin = await signInAt(byProxy.app.url, { ...proxied, origin: byProxy.app.url });
			expect(wrongOrigin.status).toBe(403);

			const plainLocal = await signInAt(byProxy.app.url, {
				'x-forwarded-proto': 'http',
				'x-forwarded-host': new URL(byProxy.app.url).host,
				origin: byProxy.app.url
			});
			expect(attributes(sessionSetCookie(plainLocal))).not.toContain('secure');
			expect(plainLocal.headers.get('strict-transport-security')).toBeNull();
		} finally {
			await Promise.all([byOrigin.close(), byProxy.close()]);
		}
	});
});

test.describe('sessions end', () => {
	const meWith = (baseURL: string, cookie: string) => fetch(`${baseURL}/me`, { redirect: 'manual', headers: { cookie, accept: 'text/html' } });

	test('on sign-out: the cookie is cleared and its token no longer works', async ({ page, baseURL }) => {
		await signIn(page, DEMO.researcher);
		const token = (await page.context().cookies()).find((c) => c.name === 'session')!;
		expect(token.httpOnly).toBe(true);
		expect((await meWith(baseURL!, `session=${token.value}`)).status).toBe(200);

		await page.getByRole('button', { name: '로그아웃' }).click();
		await expect(page.getByRole('link', { name: '로그인' })).toBeVisible();
		expect((await page.context().cookies()).find((c) => c.name === 'session')).toBeUndefined();
		const after = await meWith(baseURL!, `session=${token.value}`);
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toBe('/login?redirectTo=%2Fme');
	});

	test('on a password change: every other session of the user ends, this one stays', async ({ browser, baseURL }) => {
		const here = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
		const elsewhere = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
		try {
			const mine = await here.newPage();
			const email = await registerParticipant(mine, '비밀번호 변경자');
			const other = await elsewhere.newPage();
			await signIn(other, email, 'e2e-password-1');
			const otherToken = (await elsewhere.cookies()).find((c) => c.name === 'session')!.value;
			expect((await meWith(baseURL!, `session=${otherToken}`)).status).toBe(200);

			await gotoReady(mine, '/me');
			await mine.getByLabel('현재 비밀번호').fill('e2e-password-1');
			await mine.getByLabel('새 비밀번호').fill('e2e-password-2');
			await mine.getByLabel('비밀번호 확인').fill('e2e-password-2');
			await mine.getByRole('button', { name: '비밀번호 바꾸기' }).click();
			await expect(mine.getByText('비밀번호를 바꾸었습니다.')).toBeVisible();

			await other.goto('/me');
			await expect(other).toHaveURL(/\/login\?redirectTo=%2Fme/);
			expect((await meWith(baseURL!, `session=${otherToken}`)).status).toBe(303);
			await mine.goto('/me');
			await expect(mine.getByRole('heading', { name: '내 정보' })).toBeVisible();
			expect((await signInOver(baseURL!, email, 'e2e-password-1')).status).toBe(400);
			expect((await signInOver(baseURL!, email, 'e2e-password-2')).status).toBe(303);
		} finally {
			await here.close();
			await elsewhere.close();
		}
	});
});

test.describe('Content-Security-Policy and security headers', () => {
	const directives = (policy: string) =>
		new Map(
			policy
				.split(';')
				.map((part) => part.trim().split(/\s+/))
				.filter((words) => words[0])
				.map(([name, ...values]) => [name, values])
		);

	function expectCommonHeaders(headers: Headers, what: string): void {
		expect(headers.get('x-content-type-options'), what).toBe('nosniff');
		expect(headers.get('x-frame-options'), what).toBe('DENY');
		expect(headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
		expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
		expect(headers.get('permissions-policy'), what).toContain('camera=()');
	}

	/**
	 * Checks the policy allows no script but the app's own files and, where the page has inline
	 * scripts, those with its nonce; returns the nonce (none on pages rendered without scripts).
	 */
	function expectNoncePolicy(headers: Headers, html: string, what: string): string | undefined {
		const policy = headers.get('content-security-policy') ?? '';
		const csp = directives(policy);
		const scripts = csp.get('script-src') ?? [];
		const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
		expect(scripts, `${what}: ${policy}`).not.toContain("'unsafe-inline'");
		expect(scripts, what).not.toContain("'unsafe-eval'");
		expect(
			scripts.filter((s) => !s.startsWith("'nonce-")),
			what
		).toEqual(["'self'"]);
		expect(csp.get('object-src'), what).toEqual(["'none'"]);
		expect(csp.get('base-uri'), what).toEqual(["'self'"]);
		expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
		expect(csp.get('form-action'), what).toEqual(["'self'"]);
		expect(csp.get('default-src'), what).toEqual(["'self'"]);
		const tags = html.match(/<script\b[^>]*>/g) ?? [];
		// A page drawn without client scripts (csr = false) has nothing to give a nonce to.
		if (tags.length === 0) return undefined;
		expect(nonce, `${what}: ${policy}`).toBeTruthy();
		expect(nonce!.length, what).toBeGreaterThanOrEqual(16);
		for (const tag of tags) expect(tag, what).toContain(`nonce="${nonce}"`);
		return nonce;
	}

	test('every HTML page carries a nonce policy without unsafe-inline, and the usual headers', async ({ baseURL }) => {
		const pages = MATRIX.filter((row) => row.method === 'GET');
		let htmlPages = 0;
		let withScripts = 0;
		for (const row of pages) {
			const role = ROLES.find((r) => row.expect[r] === 'ok')!;
			const headers: Record<string, string> = { accept: 'text/html' };
			if (cookies[role]) headers.cookie = cookies[role]!;
			const response = await fetch(`${baseURL}${row.path}`, { headers, redirect: 'manual' });
			const body = await response.text();
			expectCommonHeaders(response.headers, row.path);
			if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) continue;
			htmlPages++;
			expect(response.status, row.path).toBe(200);
			if (expectNoncePolicy(response.headers, body, row.path)) withScripts++;
		}
		expect(htmlPages, 'the matrix’s pages were checked, not only its feeds and API').toBeGreaterThanOrEqual(25);
		expect(withScripts, 'most pages run scripts, each with the nonce').toBeGreaterThanOrEqual(20);

		for (const [path, status, cookie] of [
			['/login', 200, undefined],
			['/register', 200, undefined],
			['/no-such-page', 404, undefined],
			['/admin/users', 403, cookies.participant]
		] as const) {
			const response = await fetch(`${baseURL}${path}`, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
			expect(response.status, path).toBe(status);
			expectCommonHeaders(response.headers, path);
			expectNoncePolicy(response.headers, await response.text(), path);
		}

		const nonces = new Set<string>();
		for (let i = 0; i < 3; i++) {
			const response = await fetch(`${baseURL}/login`, { headers: { accept: 'text/html' } });
			const nonce = expectNoncePolicy(response.headers, await response.text(), '/login');
			expect(nonce).toBeDefined();
			nonces.add(nonce!);
		}
		expect(nonces.size, 'a fresh nonce on every response').toBe(3);
	});

	test('pages the app writes itself (refusals) allow no script at all', async ({ baseURL }) => {
		const refusals = [
			fetch(`${baseURL}/api/v1/themes/suggest`, {
				method: 'POST',
				headers: { accept: 'text/html', 'content-type': 'application/json', origin: ATTACKER, cookie: cookies.researcher! },
				body: '{}'
			}),
			fetch(`${baseURL}/login?/signIn`, {
				method: 'POST',
				headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: baseURL! },
				body: 'a'.repeat(MAX_BODY_BYTES + 1)
			})
		];
		for (const response of await Promise.all(refusals)) {
			expect([403, 413]).toContain(response.status);
			expect(response.headers.get('content-type')).toContain('text/html');
			expectCommonHeaders(response.headers, String(response.status));
			const csp = directives(response.headers.get('content-security-policy') ?? '');
			expect(csp.get('default-src')).toEqual(["'none'"]);
			expect(csp.get('script-src')).toBeUndefined();
			expect(await response.text()).not.toContain('<script');
		}
	});

	test('HSTS is not sent over plain http (the browser would pin localhost to https)', async ({ baseURL }) => {
		const response = await fetch(`${baseURL}/`);
		expect(response.headers.get('strict-transport-security')).toBeNull();
	});

	test('in the browser, injected inline scripts, handlers and javascript: links are blocked by the policy', async ({ page }) => {
		await gotoReady(page, '/');
		const outcome = await page.evaluate(async () => {
			const violations: string[] = [];
			document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
			const w = window as unknown as Record<string, unknown>;
			const script = document.createElement('script');
			script.textContent = 'window.injectedScriptRan = true';
			document.body.append(script);
			const handler = document.createElement('div');
			handler.setAttribute('onclick', 'window.injectedHandlerRan = true');
			document.body.append(handler);
			handler.click();
			const link = document.createElement('a');
			link.href = 'javascript:window.injectedLinkRan = true';
			document.body.append(link);
			link.click();
			await new Promise((resolve) => setTimeout(resolve, 300));
			return {
				script: w.injectedScriptRan ?? false,
				handler: w.injectedHandlerRan ?? false,
				link: w.injectedLinkRan ?? false,
				violations,
				hydrated: document.body.dataset.hydrated
			};
		});
		expect(outcome.hydrated, 'the app’s own nonce scripts ran').toBe('true');
		expect(outcome).toMatchObject({ script: false, handler: false, link: false });
		expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr']));
	});
});

test.describe('oversized bodies', () => {
	/** A comment form of about `bytes` bytes: every 가 is nine bytes once URL-encoded. */
	const bigForm = (bytes: number) => `kind=support&idempotencyKey=big-${unique()}&body=${encodeURIComponent('가').repeat(Math.ceil(bytes / 9))}`;

	/** A body sent in chunks, without Content-Length. */
	function chunked(text: string): ReadableStream<Uint8Array> {
		const bytes = new TextEncoder().encode(text);
		const CHUNK = 16 * 1024;
		let at = 0;
		return new ReadableStream({
			pull(controller) {
				if (at >= bytes.length) return controller.close();
				controller.enqueue(bytes.subarray(at, at + CHUNK));
				at += CHUNK;
			}
		});
	}

	test('a form post above the limit is refused with 413 in the user’s language', async ({ baseURL }) => {
		for (const [language, message] of [
			['ko-KR,ko', TOO_LARGE_KO],
			['en-US,en', TOO_LARGE_EN]
		]) {
			const response = await fetch(`${baseURL}${COMMENT_ACTION}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: baseURL!,
					accept: 'text/html',
					'accept-language': language,
					cookie: cookies.participant!
				},
				body: bigForm(MAX_BODY_BYTES + 1024)
			});
			expect(response.status).toBe(413);
			expect(await response.text()).toContain(message);
		}
		// An enhanced form reads SvelteKit's action result and shows its error.
		const enhanced = await fetch(`${baseURL}${COMMENT_ACTION}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL!, 'x-sveltekit-action': 'true', cookie: cookies.participant! },
			body: bigForm(MAX_BODY_BYTES + 1024)
		});
		expect(enhanced.status).toBe(413);
		expect(await enhanced.json()).toEqual({ type: 'error', status: 413, error: { message: TOO_LARGE_KO, code: 'too_large' } });
	});

	test('a JSON request above the limit is refused with 413 and a message', async ({ baseURL }) => {
		const response = await fetch(`${baseURL}/api/v1/transcripts/parse`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: baseURL!, 'accept-language': 'en', cookie: cookies.official! },
			body: JSON.stringify({ text: 'a'.repeat(MAX_BODY_BYTES) })
		});
		expect(response.status).toBe(413);
		expect(await response.json()).toEqual({ message: TOO_LARGE_EN, code: 'too_large' });
	});

	test('a chunked body without Content-Length is held to the same limit', async ({ baseURL }) => {
		const post = (text: string, type = 'application/json') =>
			fetch(`${baseURL}/api/v1/transcripts/parse`, {
				method: 'POST',
				headers: { 'content-type': type, origin: baseURL!, cookie: cookies.official! },
				body: chunked(text),
				duplex: 'half'
			} as RequestInit);

		const within = await post(JSON.stringify({ text: `김민수(광명YMCA) ${'마을 '.repeat(20_000)}` }));
		expect(within.status, 'a chunked body under the limit is read').toBe(200);

		for (const size of [MAX_BODY_BYTES + 1024, ADAPTER_LIMIT + 64 * 1024]) {
			const response = await post(JSON.stringify({ text: 'a'.repeat(size) }));
			expect(response.status, `${size} bytes`).toBe(413);
			expect(await response.json()).toEqual({ message: TOO_LARGE_KO, code: 'too_large' });
		}
		const form = await fetch(`${baseURL}${COMMENT_ACTION}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL!, accept: 'text/html', cookie: cookies.participant! },
			body: chunked(bigForm(MAX_BODY_BYTES + 1024)),
			duplex: 'half'
		} as RequestInit);
		expect(form.status).toBe(413);
		expect(await form.text()).toContain(TOO_LARGE_KO);
	});
});
