// Two app instances on one PostgreSQL database, as behind a load balancer without sticky sessions:
// a session, a rate limit, a live comment and the themes dashboard's counts cross between them.
import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { createServerDatabase } from '../helpers/server-database';
import { DEMO, DEMO_PASSWORD } from './helpers/accounts';
import { onServer } from './helpers/instance';
import { postCommentOver, registerOver, sessionCookie, signInOver, startApp, type AppInstance } from './helpers/server';

test.describe.configure({ mode: 'serial' });
test.skip(!onServer, 'several instances share a PostgreSQL server only (TEST_DATABASE_URL); the embedded database is one process');

const SLUG = 'gwangmyeong-social-economy';
/** Failed sign-ins for one account from one address (every request here comes from this machine). */
const FAILURES_PER_PAIR = 4;
const COMMENTS_PER_USER = 4;
const LIVE_WITHIN_MS = 2_000;

let a: AppInstance;
let b: AppInstance;
let drop: () => Promise<void> = async () => {};
let databaseUrl = '';

test.beforeAll(async () => {
	test.setTimeout(180_000);
	const database = await createServerDatabase('scale');
	drop = database.drop;
	databaseUrl = database.url;
	const env = {
		DATABASE_URL: database.url,
		RATE_LIMIT_SIGN_IN_FAILURES_PER_IP_AND_ACCOUNT: String(FAILURES_PER_PAIR),
		RATE_LIMIT_COMMENTS_PER_USER: String(COMMENTS_PER_USER)
	};
	// The first migrates and seeds; the second finds the database ready.
	a = await startApp(env);
	b = await startApp(env);
});

test.afterAll(async () => {
	await Promise.all([a?.stop(), b?.stop()]);
	await drop();
});

const me = (url: string, cookie: string) => fetch(`${url}/me`, { redirect: 'manual', headers: { cookie, accept: 'text/html' } });

test('a session made on one instance works on the other, and signing out on either ends it', async () => {
	const cookie = sessionCookie(await signInOver(a.url, DEMO.participant, DEMO_PASSWORD));
	for (const url of [b.url, a.url, b.url]) {
		const page = await me(url, cookie);
		expect(page.status, url).toBe(200);
		expect(await page.text()).toContain('participant@example.org');
	}
	const signOut = await fetch(`${b.url}/logout`, {
		method: 'POST',
		redirect: 'manual',
		headers: { cookie, origin: b.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: ''
	});
	expect(signOut.status).toBe(303);
	expect((await me(a.url, cookie)).status, 'signed out on B, so gone on A').toBe(303);
});

test('a session used after an hour is renewed on a shared page too: its expiry moves, in the database and the cookie', async () => {
	const cookie = sessionCookie(await signInOver(a.url, DEMO.participant, DEMO_PASSWORD));
	const sessionId = cookie.split('=')[1].split('.')[0];
	const database = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		await database`update sessions set last_verified_at = now() - interval '2 hours' where id = ${sessionId}`;
		// Shared signed-in page first (the page cache validates the session), then a page drawn per request.
		for (const path of [`/plans/${SLUG}`, '/me']) {
			if (path === '/me') await database`update sessions set last_verified_at = now() - interval '2 hours' where id = ${sessionId}`;
			const page = await fetch(`${b.url}${path}`, { redirect: 'manual', headers: { cookie, accept: 'text/html' } });
			expect(page.status, path).toBe(200);
			const renewal = page.headers.getSetCookie().find((line) => line.startsWith(`${cookie};`));
			expect(renewal, `${path}: the cookie is sent again`).toMatch(/Max-Age=864000/i);
			const [row] = await database<
				{ idle: number }[]
			>`select extract(epoch from now() - last_verified_at)::int as idle from sessions where id = ${sessionId}`;
			expect(row.idle, `${path}: renewed in the database`).toBeLessThan(60);
		}
	} finally {
		await database.end();
	}
});

test('a rate limit counts attempts on both instances together', async () => {
	// Failed sign-ins from one address: half on A, half on B, then that address is refused the account on both.
	for (let i = 0; i < FAILURES_PER_PAIR; i++) {
		const on = i % 2 ? b : a;
		expect((await signInOver(on.url, DEMO.moderator, 'wrong-password')).status, `attempt ${i + 1}`).toBe(400);
	}
	expect((await signInOver(a.url, DEMO.moderator, DEMO_PASSWORD)).status).toBe(429);
	expect((await signInOver(b.url, DEMO.moderator, DEMO_PASSWORD)).status).toBe(429);

	// Comments per person: the same count wherever they are posted.
	const cookie = await registerOver(a.url, '두 서버 참여자');
	for (let i = 0; i < COMMENTS_PER_USER; i++) {
		const on = i % 2 ? b : a;
		expect((await postCommentOver(on.url, cookie, 'support-centre', `두 서버 의견 ${i}`)).status).toBe(303);
	}
	expect((await postCommentOver(a.url, cookie, 'support-centre', '한도 넘음 A')).status).toBe(429);
	expect((await postCommentOver(b.url, cookie, 'support-centre', '한도 넘음 B')).status).toBe(429);
});

async function watchSection(page: Page, url: string): Promise<void> {
	const stream = page.waitForResponse((response) => response.url().endsWith('/sections/localisation/events'));
	await page.goto(`${url}/plans/${SLUG}/sections/localisation`);
	await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
	expect((await stream).status()).toBe(200);
	// The instance subscribes to the database's notifications just after the stream opens.
	await page.waitForTimeout(300);
}

test('a comment posted on one instance appears live on a page served by the other within 2 seconds', async ({ browser }) => {
	const onA = await (await browser.newContext()).newPage();
	const onB = await (await browser.newContext()).newPage();
	try {
		await Promise.all([watchSection(onA, a.url), watchSection(onB, b.url)]);
		const cookie = await registerOver(a.url, '실시간 참여자');

		const fromA = `A에서 쓴 실시간 의견 ${Date.now().toString(36)}`;
		expect((await postCommentOver(a.url, cookie, 'localisation', fromA)).status).toBe(303);
		await expect(onB.locator('article.comment', { hasText: fromA })).toBeVisible({ timeout: LIVE_WITHIN_MS });

		const fromB = `B에서 쓴 실시간 의견 ${Date.now().toString(36)}`;
		expect((await postCommentOver(b.url, cookie, 'localisation', fromB)).status).toBe(303);
		await expect(onA.locator('article.comment', { hasText: fromB })).toBeVisible({ timeout: LIVE_WITHIN_MS });
	} finally {
		await onA.context().close();
		await onB.context().close();
	}
});

test('the themes dashboard on one instance counts a tag made on the other at once (no stale cache)', async () => {
	const governanceCount = async (url: string) => {
		const html = await (await fetch(`${url}/plans/${SLUG}/themes`)).text();
		const count = /themes\/governance"[\s\S]*?<span class="count[^"]*">([\d,]+)<\/span>/.exec(html)?.[1];
		expect(count, 'the dashboard shows a count for governance').toBeDefined();
		return Number(count!.replace(/,/g, ''));
	};
	const writer = await registerOver(a.url, '주제 집계 참여자');
	const posted = await postCommentOver(a.url, writer, 'support-centre', `거버넌스 집계 ${Date.now().toString(36)}`);
	const commentId = /#c-(\d+)/.exec(posted.headers.get('location') ?? '')?.[1];
	expect(commentId).toBeDefined();

	const before = await governanceCount(b.url); // B computes its counts and keeps them
	expect(await governanceCount(b.url)).toBe(before);
	const researcher = sessionCookie(await signInOver(a.url, DEMO.researcher, DEMO_PASSWORD));
	const tagged = await fetch(`${a.url}/plans/${SLUG}/coding?/tagComment`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: a.url, accept: 'text/html', cookie: researcher },
		body: new URLSearchParams({ commentId: commentId!, theme: 'governance', redirectTo: `/plans/${SLUG}/coding` })
	});
	expect(tagged.status).toBe(303);
	expect(await governanceCount(b.url), 'B sees the tag made on A').toBe(before + 1);
});

const SECTION = (url: string) => `${url}/plans/${SLUG}/sections/support-centre`;
const readAs = async (url: string, cookie: string) => (await fetch(SECTION(url), { headers: { cookie, accept: 'text/html' } })).text();

test('signed-in readers on one instance see a comment and an endorsement made on the other at once', async () => {
	const writer = await registerOver(a.url, '서버 A 작성자');
	const reader = sessionCookie(await signInOver(b.url, DEMO.participant, DEMO_PASSWORD));
	// B draws the page and keeps it for signed-in readers like this one.
	expect(await readAs(b.url, reader)).toContain('<article');
	expect(await readAs(b.url, reader)).toContain('<article');
	const body = `A에서 쓴 의견, B의 로그인 독자에게 ${Date.now().toString(36)}`;
	const posted = await postCommentOver(a.url, writer, 'support-centre', body);
	expect(posted.status).toBe(303);
	const commentId = /#c-(\d+)/.exec(posted.headers.get('location') ?? '')![1];
	const sorted = (url: string, cookie: string) =>
		fetch(`${SECTION(url)}?sort=newest`, { headers: { cookie, accept: 'text/html' } }).then((r) => r.text());
	expect(await sorted(b.url, reader)).toContain(body);

	const endorsement = await fetch(`${SECTION(a.url)}?/endorseComment`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: a.url, accept: 'text/html', cookie: reader },
		body: new URLSearchParams({ commentId })
	});
	expect(endorsement.status).toBe(303);
	const endorseButton = (page: string) =>
		new RegExp(`name="commentId" value="${commentId}"/>[\\s\\S]*?<button[^>]*aria-pressed="(true|false)"`).exec(page)?.[1];
	expect(endorseButton(await sorted(b.url, reader)), 'the endorser sees their endorsement on B').toBe('true');
	const other = await registerOver(b.url, '서버 B 독자');
	expect(endorseButton(await sorted(b.url, other)), 'another reader does not').toBe('false');
	// An endorsement moves only its section's counter: every page that shows the count, on B, has it.
	const countOn = (page: string) =>
		new RegExp(`id="c-${commentId}"[\\s\\S]*?(?:class="count[^"]*">|class="endorsements[^"]*">[\\s\\S]*?공감 )(\\d+)`).exec(page)?.[1];
	expect(countOn(await sorted(b.url, other)), 'another reader sees the count').toBe('1');
	const signedOut = (path: string) => fetch(`${b.url}${path}`, { headers: { accept: 'text/html' } }).then((r) => r.text());
	expect(countOn(await signedOut(`/plans/${SLUG}/sections/support-centre?sort=newest`)), 'a signed-out reader sees it').toBe('1');
	// A page that is not the section's (kept now, on B) is retired by the withdrawal on A as well.
	expect(countOn(await signedOut(`/comments/${commentId}`)), "the comment's own page").toBe('1');
	const withdrawn = await fetch(`${SECTION(a.url)}?/endorseComment`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: a.url, accept: 'text/html', cookie: reader },
		body: new URLSearchParams({ commentId, withdraw: '1' })
	});
	expect(withdrawn.status).toBe(303);
	expect(countOn(await signedOut(`/plans/${SLUG}/sections/support-centre?sort=newest`)), 'and sees it withdrawn').toBe('0');
	expect(endorseButton(await sorted(b.url, reader)), 'the endorser sees it withdrawn on B').toBe('false');
	expect(countOn(await signedOut(`/comments/${commentId}`)), "the comment's own page on B").toBe('0');
});

test("a top-level comment on one instance shows on the other at once in its section and the plan's counts; a reply's notice shows on every page at once", async () => {
	const writer = await registerOver(a.url, '서버 A 범위 작성자');
	const reader = await registerOver(b.url, '서버 B 범위 독자');
	const get = (path: string, cookie?: string) =>
		fetch(`${b.url}${path}`, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } }).then((r) => r.text());
	const planPath = `/plans/${SLUG}`;
	const otherSection = `/plans/${SLUG}/sections/sustainability`;
	const ownSection = `/plans/${SLUG}/sections/support-centre?sort=newest`;
	/** The plan page's count of the support centre section's comments. */
	const countOfSection = (page: string) => {
		const entry = /href="#s-support-centre"[\s\S]*?<\/li>/.exec(page)?.[0] ?? '';
		return Number(/title="의견 ([\d,]+)개"/.exec(entry)?.[1]?.replace(',', '') ?? 0);
	};
	const unread = (page: string) => Number(/title="알림 \(새 알림 (\d+)개\)"/.exec(page)?.[1] ?? 0);
	const heading = (page: string) => /id="comments-heading"[^>]*>([^<]+)</.exec(page)?.[1];
	// B keeps each page, for signed-out readers and for signed-in ones like the reader.
	for (const cookie of [undefined, reader, undefined, reader]) {
		await get(planPath, cookie);
		await get(otherSection, cookie);
		await get(ownSection, cookie);
	}
	const before = countOfSection(await get(planPath, reader));
	expect(before, 'the plan page counts the section').toBeGreaterThan(0);
	const otherBefore = await get(otherSection);
	expect(heading(otherBefore)).toMatch(/의견 [\d,]+개/);

	const mine = await postCommentOver(a.url, reader, 'support-centre', `범위 독자의 의견 ${Date.now().toString(36)}`);
	expect(mine.status).toBe(303);
	const mineId = /#c-(\d+)/.exec(mine.headers.get('location') ?? '')![1];
	expect(await get(ownSection, reader), 'its author sees it on B at once, with their own tools').toContain(`id="edit-${mineId}"`);
	expect(await get(ownSection), 'a signed-out reader sees it').toContain(`id="c-${mineId}"`);
	expect(countOfSection(await get(planPath, reader)), "the plan's count on B, signed in").toBe(before + 1);
	expect(countOfSection(await get(planPath)), 'and signed out').toBe(before + 1);
	expect(heading(await get(otherSection)), "another section's count stays").toBe(heading(otherBefore));
	expect(unread(await get(otherSection, reader)), 'the reader has no notice yet').toBe(0);

	// A reply notifies the parent's author: every page of theirs on B shows the notice at once.
	const reply = await fetch(`${a.url}${ownSection.replace('?sort=newest', '')}?/createComment`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: a.url, accept: 'text/html', cookie: writer },
		body: new URLSearchParams({ kind: 'support', body: '범위 작성자의 답글', parentId: mineId, idempotencyKey: `r-${Date.now()}` })
	});
	expect(reply.status).toBe(303);
	expect(unread(await get(otherSection, reader)), "the notice on another section's page").toBe(1);
	expect(unread(await get(planPath, reader)), 'and on the plan page').toBe(1);
});

test('a signed-in page served from the shared drawing is the page drawn for that reader alone', async () => {
	// A third instance that keeps no pages draws every page for its reader.
	const alone = await startApp({ DATABASE_URL: databaseUrl, PAGE_CACHE_MS: '0' });
	try {
		const readers = [sessionCookie(await signInOver(a.url, DEMO.participant, DEMO_PASSWORD)), await registerOver(a.url, '<b>김&"\'</b> 참여자')];
		// The first reader's comment and endorsement make their page differ from the second's.
		const mine = await postCommentOver(a.url, readers[0], 'support-centre', `내 의견 ${Date.now().toString(36)}`);
		const mineId = /#c-(\d+)/.exec(mine.headers.get('location') ?? '')![1];
		expect(mine.status).toBe(303);
		// Fresh per copy or per drawing: nonce, form key and the moment drawn.
		const normalised = (page: string) =>
			page
				.replace(/nonce="[^"]+"/g, 'nonce=""')
				.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'KEY')
				.replace(/now:new Date\(\d+\)/g, 'now');
		for (const path of [`/plans/${SLUG}/sections/support-centre?sort=newest`, `/plans/${SLUG}`, `/plans/${SLUG}/themes`, '/']) {
			for (const cookie of [...readers, ...readers]) {
				const shared = await fetch(`${a.url}${path}`, { headers: { cookie, accept: 'text/html' } });
				const drawnAlone = await fetch(`${alone.url}${path}`, { headers: { cookie, accept: 'text/html' } });
				expect(shared.status, path).toBe(200);
				expect(normalised(await shared.text()), path).toBe(normalised(await drawnAlone.text()));
			}
		}
		const own = await fetch(`${a.url}/plans/${SLUG}/sections/support-centre?sort=newest`, { headers: { cookie: readers[0], accept: 'text/html' } });
		expect(await own.text()).toContain(`id="edit-${mineId}"`);
	} finally {
		await alone.stop();
	}
});
