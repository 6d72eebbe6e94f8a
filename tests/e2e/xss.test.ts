// Stored and reflected XSS, checked in the browser: vectors from the OWASP XSS Filter Evasion Cheat
// Sheet go into every field people write (plan text, comments, answers, syntheses, transcripts,
// names, theme labels, sessions, flag and moderation reasons), then every page that shows them is
// loaded with the CSP switched off, so only the markup itself stands between a vector and running.
// Nothing may run (no dialog, no call of the hook the vectors call) and no dangerous element or
// attribute may reach the DOM. Runs on an instance of its own, so the demo others test stays clean.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD } from './helpers/accounts';
import { ownApp, type OwnApp } from './helpers/instance';
import { MARKUP_PASS_REASON, skipMarkupTests } from './helpers/passes';
import { sessionCookie, signInOver } from './helpers/server';

// The markup does not depend on the database driver: these checks run in the embedded database's
// pass only (CI's first; CI runs both), where they cover every page; the server pass skips them.
test.skip(skipMarkupTests, MARKUP_PASS_REASON);

test.describe.configure({ mode: 'serial' });

const SLUG = 'xss-plan';
const PLAN = `/plans/${SLUG}`;
const THEME = 'xss-theme';
const HOUR = 3_600_000;

/** Each vector calls this (exposed by the test); the number says which vector of which field ran. */
const HOOK = 'xssFired';

/** The OWASP cheat sheet's vectors, adapted to call the hook; Markdown tricks added for Markdown fields. */
const PAYLOADS: ((call: string) => string)[] = [
	(c) => `<script>${c}</script>`,
	(c) => `<SCRIPT SRC=//xss.example/x.js?${c}></SCRIPT>`,
	(c) => `<IMG SRC="javascript:${c};">`,
	(c) => `<IMG SRC=JaVaScRiPt:${c}>`,
	(c) => `<img src=x onerror="${c}">`,
	(c) => `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${c}>`,
	(c) => `<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;${c}>`,
	(c) => `<IMG SRC="jav&#x09;ascript:${c};">`,
	(c) => `<svg/onload=${c}>`,
	(c) => `<svg><script>${c}</script></svg>`,
	(c) => `<iframe src="javascript:${c}"></iframe>`,
	(c) => `<div style="background-image: url(javascript:${c})">bg</div>`,
	(c) => `<div style="width: expression(${c});">ie</div>`,
	(c) => `<STYLE>@import 'javascript:${c}';</STYLE>`,
	(c) => `"><script>${c}</script>`,
	(c) => `'><img src=x onerror=${c}>`,
	(c) => `<a href="javas&#99;ript:${c}">entity</a>`,
	(c) => `<BODY ONLOAD=${c}>`,
	(c) => `<details open ontoggle=${c}>`,
	(c) => `<math><mtext><table><mglyph><style><img src=x onerror=${c}>`,
	(c) => `<object data="javascript:${c}"></object><embed src="javascript:${c}">`,
	(c) => `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:${c};">`,
	(c) => `<BASE HREF="javascript:${c}//">`,
	(c) => `<<SCRIPT>${c}//<</SCRIPT>`,
	(c) => `[md link](javascript:${c})`,
	(c) => `[md link](JaVaScRiPt:${c})`,
	(c) => `[md link](java&#x73;cript:${c})`,
	(c) => `[md link](<javascript:${c}>)`,
	(c) => `<javascript:${c}>`,
	(c) => `[data link](data:text/html;base64,${Buffer.from(`<script>${c}</script>`).toString('base64')})`,
	(c) => `![md image](javascript:${c})`,
	(c) => `![alt" onerror="${c}](https://example.org/a.png)`,
	(c) => `[title](https://example.org "t\\" onmouseover=\\"${c}")`,
	(c) => `[ref link][r${c.length}]\n\n[r${c.length}]: javascript:${c}`,
	(c) => `\`<script>${c}</script>\``,
	(c) => `%3Cscript%3E${c}%3C/script%3E and \\u003cscript\\u003e${c}\\u003c/script\\u003e`,
	(c) => `<a href="vbscript:${c}">vb</a> <a href="&#x6A;avascript:${c}">hex</a>`
];

/** Fields with room for a few characters only (names, labels) get these short ones. */
const SHORT = [0, 4, 8, 14, 15];

let fieldNumber = 0;
/**
 * The vectors for one field, each behind a marker (XSS-<code><n>) that must show up as text, joined
 * into at most `max` characters. Markdown fields get them as separate blocks.
 */
function vectors(code: string, max: number, options: { short?: boolean; separator?: string } = {}): string {
	const field = ++fieldNumber;
	const chosen = options.short ? SHORT : PAYLOADS.map((_, i) => i);
	const parts: string[] = [];
	let length = 0;
	for (const i of chosen) {
		const part = `XSS-${code}${i + 1} ${PAYLOADS[i](`${HOOK}(${field * 100 + i + 1})`)}`;
		const separator = parts.length ? (options.separator ?? '\n\n') : '';
		if (length + separator.length + part.length > max) break;
		parts.push(part);
		length += separator.length + part.length;
	}
	if (parts.length === 0) throw new Error(`no vector fits ${max} characters`);
	return parts.join(options.separator ?? '\n\n');
}

const seoulInput = (offsetMs: number) => new Date(Date.now() + offsetMs + 9 * HOUR).toISOString().slice(0, 16);

let own: OwnApp;
let base = '';
const cookies: Record<string, string> = {};
const ids = { first: 0, quoted: 0, hidden: 0, reply: 0, session: 0 };

/** Posts a form action as a signed-in person and checks it did what it should (303 or 200). */
async function act(cookie: string, path: string, fields: Record<string, string>, expected = 303): Promise<Response> {
	const response = await fetch(`${base}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, accept: 'text/html', cookie },
		body: new URLSearchParams(fields)
	});
	if (response.status !== expected) {
		throw new Error(`${path}: ${response.status} (${response.headers.get('location') ?? ''})\n${(await response.text()).slice(0, 2000)}`);
	}
	return response;
}

const commentIdOf = (response: Response) => Number(/#c-(\d+)/.exec(response.headers.get('location') ?? '')?.[1]);

async function register(name: string, organisation: string): Promise<string> {
	const email = `xss-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.org`;
	const response = await act('', '/register?/register', {
		email,
		displayName: name,
		organisation,
		stakeholderGroup: 'citizen',
		password: 'xss-password-1',
		confirmPassword: 'xss-password-1'
	});
	return sessionCookie(response);
}

test.beforeAll(async () => {
	test.setTimeout(240_000);
	own = await ownApp('xss', { RATE_LIMIT_FLAGS_PER_USER: '1000' });
	base = own.app.url;
	for (const role of ['official', 'researcher', 'moderator', 'admin'] as const) {
		cookies[role] = sessionCookie(await signInOver(base, DEMO[role], DEMO_PASSWORD));
	}

	// Names (60 characters) and organisations.
	cookies.alice = await register(vectors('DN', 60, { short: true, separator: ' ' }), vectors('OG', 120, { short: true, separator: ' ' }));
	cookies.bora = await register(`XSS-DN9 "><svg onload=${HOOK}(9)>`, '');
	cookies.chan = await register(`XSS-DN8 '><img src=x onerror=${HOOK}(8)>`, '');

	// The plan: title, summary, headings, section text, change summary; then a second version.
	await act(cookies.official, '/plans/new?/createPlan', {
		slug: SLUG,
		title: vectors('PT', 200, { separator: ' ' }),
		summary: vectors('SM', 1000),
		organisation: vectors('PO', 120, { short: true, separator: ' ' })
	});
	const sectionText = vectors('PS', 50_000);
	const outline = (extra: string) => ({
		title: vectors('PT', 200, { separator: ' ' }),
		'sections.0.key': 'first',
		'sections.0.heading': vectors('PH', 200, { short: true, separator: ' ' }),
		'sections.0.parentKey': '',
		'sections.0.body': sectionText + extra,
		'sections.1.key': 'second',
		'sections.1.heading': `XSS-PH9 <img src=x onerror=${HOOK}(99)>`,
		'sections.1.parentKey': '',
		'sections.1.body': vectors('PB', 5000),
		changeSummary: vectors('CS', 2000),
		commentsOpenAt: seoulInput(-HOUR),
		commentsCloseAt: seoulInput(30 * 24 * HOUR)
	});
	await act(cookies.official, `${PLAN}/edit?/publishVersion`, outline(''));

	// Comments: all vectors as blocks, all in one paragraph, a quote of the section, a reply.
	const comment = (cookie: string, fields: Record<string, string>, section = 'first') =>
		act(cookie, `${PLAN}/sections/${section}?/createComment`, {
			kind: 'suggestion',
			idempotencyKey: `xss-${Math.random().toString(36).slice(2)}`,
			...fields
		}).then(commentIdOf);
	ids.first = await comment(cookies.alice, { body: vectors('CM', 5000) });
	const quote = sectionText.split('\n\n')[4];
	ids.quoted = await comment(cookies.bora, { body: vectors('CQ', 5000, { separator: ' ' }), quote, quoteStart: '' });
	ids.hidden = await comment(cookies.chan, { body: vectors('CH', 5000) });
	ids.reply = await comment(cookies.chan, { body: vectors('CR', 5000), parentId: String(ids.quoted) });
	for (const id of Object.values(ids).slice(0, 4)) expect(id, 'every comment was stored').toBeGreaterThan(0);

	// Flags (500) and a moderator's reason (500): the third comment is hidden.
	await act(cookies.bora, `${PLAN}/sections/first?/flagComment`, { commentId: String(ids.first), reason: vectors('FR', 500) }, 200);
	await act(cookies.alice, `${PLAN}/sections/first?/flagComment`, { commentId: String(ids.hidden), reason: vectors('FS', 500) }, 200);
	await act(cookies.moderator, '/moderation?/hideComment', { commentId: String(ids.hidden), reason: vectors('MR', 500) });

	// An official's answers.
	for (const id of [ids.first, ids.quoted]) {
		await act(cookies.official, `${PLAN}/responses?/respondToComment`, {
			commentId: String(id),
			disposition: 'partly_accepted',
			body: vectors('RP', 5000),
			redirectTo: `${PLAN}/responses`
		});
	}

	// A theme (labels of 60, a description of 500), comments tagged with it, and its synthesis.
	await act(cookies.researcher, '/themes?/createTheme', {
		slug: THEME,
		labelKo: vectors('TL', 60, { short: true, separator: ' ' }),
		labelEn: `XSS-TE1 "><script>${HOOK}(7)</script>`,
		description: vectors('TD', 500),
		color: '#aa3366',
		keywords: 'XSS, 지원센터'
	});
	for (const id of [ids.first, ids.quoted]) {
		await act(cookies.researcher, `${PLAN}/coding?/tagComment`, { commentId: String(id), theme: THEME, redirectTo: `${PLAN}/coding` });
	}
	await act(cookies.researcher, `${PLAN}/themes/${THEME}?/saveSynthesis`, { body: vectors('SY', 20_000), revision: '' });

	// A session (title, place, notes) and a transcript imported into it (names, affiliations, text).
	const created = await act(cookies.official, `${PLAN}/sessions/new?/createSession`, {
		title: vectors('ST', 200, { separator: ' ' }),
		kind: 'workshop',
		heldOn: '2026-01-15',
		place: vectors('SP', 200, { separator: ' ' }),
		attendees: '',
		versionNumber: '1',
		notes: vectors('SO', 5000)
	});
	ids.session = Number(/\/sessions\/(\d+)/.exec(created.headers.get('location') ?? '')?.[1]);
	expect(ids.session).toBeGreaterThan(0);
	await act(cookies.official, `/sessions/${ids.session}/import?/importStatements`, {
		rows: '2',
		'name.0': vectors('SN', 60, { short: true, separator: ' ' }),
		'affiliation.0': vectors('SA', 200, { separator: ' ' }),
		'text.0': vectors('TR', 20_000),
		'group.0': '',
		'kind.0': 'concern',
		'section.0': 'first',
		'name.1': `XSS-SN9 <img src=x onerror=${HOOK}(19)>`,
		'affiliation.1': '',
		'text.1': vectors('TS', 20_000, { separator: ' ' }),
		'group.1': 'citizen',
		'kind.1': 'suggestion',
		'section.1': ''
	});

	// The second version, so the comparison and earlier-version pages have something to show.
	await act(cookies.official, `${PLAN}/edit?/startDraft`, {});
	await act(cookies.official, `${PLAN}/edit?/publishVersion`, outline(`\n\n${vectors('PV', 5000)}`));
});

test.afterAll(async () => {
	await own?.close();
});

interface Watch {
	page: Page;
	fired: unknown[];
	dialogs: string[];
}

/**
 * A browser signed in as `who` with the CSP bypassed: if markup let a vector through, it would run
 * here and call the hook, or open a dialog.
 */
async function watched(browser: Browser, who?: string): Promise<Watch & { context: BrowserContext }> {
	const context = await browser.newContext({ baseURL: base, bypassCSP: true, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
	if (who) {
		const [name, value] = cookies[who].split('=');
		await context.addCookies([{ name, value, url: base }]);
	}
	const fired: unknown[] = [];
	const dialogs: string[] = [];
	await context.exposeFunction(HOOK, (id: unknown) => fired.push(id));
	const page = await context.newPage();
	page.on('dialog', (dialog) => {
		// Leaving the editor with unsaved text asks first; that is the app, not a vector.
		if (dialog.type() === 'beforeunload') return void dialog.accept();
		dialogs.push(`${dialog.type()}: ${dialog.message()}`);
		void dialog.dismiss();
	});
	return { context, page, fired, dialogs };
}

/** Every element or attribute in the document that could run script, described. */
function dangerousMarkup(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const found: string[] = [];
		const describe = (el: Element) => `<${el.tagName.toLowerCase()}> ${el.outerHTML.slice(0, 160)}`;
		const URL_ATTRIBUTES = new Set([
			'href',
			'xlink:href',
			'src',
			'action',
			'formaction',
			'data',
			'poster',
			'background',
			'codebase',
			'srcdoc',
			'ping'
		]);
		const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
		const SAFE_DATA_IMAGE = /^data:image\/(png|gif|jpeg|webp);/i;
		const FORBIDDEN =
			'iframe, frame, frameset, object, embed, applet, base, body meta, body link, body style, svg script, foreignObject, animate, set, math';
		for (const el of document.querySelectorAll(FORBIDDEN)) found.push(`forbidden element ${describe(el)}`);
		// The app's own scripts all carry the page's one nonce (an attribute while the CSP is bypassed);
		// the page data they hold may quote the vectors, as strings.
		const nonces = new Set<string>();
		for (const el of document.querySelectorAll('script')) {
			const nonce = el.nonce || el.getAttribute('nonce');
			if (nonce) nonces.add(nonce);
			else found.push(`script without the nonce ${describe(el)}`);
		}
		if (nonces.size > 1) found.push(`scripts with ${nonces.size} different nonces`);
		for (const el of document.querySelectorAll('*')) {
			for (const attribute of el.attributes) {
				const name = attribute.name.toLowerCase();
				const value = attribute.value;
				if (name.startsWith('on')) found.push(`handler ${name} on ${describe(el)}`);
				if (name === 'style' && /expression\s*\(|javascript:|url\s*\(/i.test(value)) found.push(`style ${describe(el)}`);
				if (!URL_ATTRIBUTES.has(name)) continue;
				let scheme: string;
				try {
					// The URL parser drops controls and spaces the way the browser does when following it.
					scheme = new URL(value, location.href).protocol;
				} catch {
					continue; // not a URL: nothing a browser would follow
				}
				const safeImage = el.tagName === 'IMG' && name === 'src' && SAFE_DATA_IMAGE.test(value);
				if (!SAFE_SCHEMES.has(scheme) && !safeImage) found.push(`${name}=${value.slice(0, 80)} on ${describe(el)}`);
				if ((name === 'action' || name === 'formaction') && new URL(value, location.href).origin !== location.origin) {
					found.push(`${name} to another site on ${describe(el)}`);
				}
			}
		}
		return found;
	});
}

/** Loads a page and checks that the fields' markers show as text and nothing dangerous is there. */
async function expectInert(watch: Watch, path: string, codes: string[]): Promise<void> {
	const response = await watch.page.goto(path);
	expect(response?.status(), path).toBe(200);
	await watch.page.waitForLoadState('load');
	await expectPageInert(watch, path, codes);
}

async function expectPageInert(watch: Watch, what: string, codes: string[]): Promise<void> {
	const text = await watch.page.evaluate(
		() => `${document.body.innerText}\n${[...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value).join('\n')}`
	);
	for (const code of codes) expect(text, `${what}: the ${code} field is shown`).toContain(`XSS-${code}`);
	// Give anything that would fire late (load handlers, toggles, refreshes) a moment.
	await watch.page.waitForTimeout(200);
	expect(await dangerousMarkup(watch.page), what).toEqual([]);
	expect(watch.fired, `${what}: a vector ran`).toEqual([]);
	expect(watch.dialogs, `${what}: a dialog opened`).toEqual([]);
}

test('the detector sees a vector that runs and markup that would', async ({ browser }) => {
	const watch = await watched(browser);
	try {
		await watch.page.goto('/');
		await watch.page.evaluate((hook) => {
			document.body.insertAdjacentHTML('beforeend', `<a href="javascript:${hook}(1)">x</a><img src="x" onerror="${hook}(2)"><iframe></iframe>`);
		}, HOOK);
		await expect.poll(() => watch.fired).toEqual([2]);
		const found = await dangerousMarkup(watch.page);
		expect(found.some((f) => f.startsWith('href=javascript:'))).toBe(true);
		expect(found.some((f) => f.startsWith('handler onerror'))).toBe(true);
		expect(found.some((f) => f.startsWith('forbidden element <iframe>'))).toBe(true);
	} finally {
		await watch.context.close();
	}
});

test('signed out: plan, sections, versions, comments, sessions, themes, report, outcome, search, feed', async ({ browser }) => {
	const watch = await watched(browser);
	try {
		await expectInert(watch, '/', ['PT', 'SM']);
		await expectInert(watch, PLAN, ['PT', 'PH', 'PS', 'PB', 'PV']);
		await expectInert(watch, `${PLAN}/sections/first`, ['PH', 'PS', 'CM', 'CQ', 'CR', 'RP', 'DN', 'TL']);
		await expectInert(watch, `${PLAN}/history`, ['PT', 'CS']);
		await expectInert(watch, `${PLAN}/v/1`, ['PT', 'PS']);
		await expectInert(watch, `${PLAN}/v/1/sections/first`, ['PS', 'CM']);
		await expectInert(watch, `${PLAN}/compare/1...2`, ['PH', 'PV']);
		await expectInert(watch, `/comments/${ids.quoted}`, ['CQ', 'CR', 'RP', 'DN']);
		await expectInert(watch, `${PLAN}/sessions`, ['ST']);
		await expectInert(watch, `/sessions/${ids.session}`, ['ST', 'SP', 'SO', 'SN', 'SA', 'TR', 'TS']);
		await expectInert(watch, `${PLAN}/themes`, ['TL']);
		await expectInert(watch, `${PLAN}/themes/${THEME}`, ['TL', 'SY', 'CM', 'CQ']);
		await expectInert(watch, `${PLAN}/themes/report`, ['TL', 'SY']);
		await expectInert(watch, `${PLAN}/outcome/1`, ['CM', 'RP']);
		await expectInert(watch, `${PLAN}/search?q=XSS`, ['CM', 'PS']);
		await expectInert(watch, `${PLAN}/feed.xml`, ['CS']);
	} finally {
		await watch.context.close();
	}
});

test('reflected: search words and filters put in the address come back as text', async ({ browser }) => {
	const watch = await watched(browser);
	try {
		const query = `XSS-RQ1 <script>${HOOK}(1)</script> "><img src=x onerror=${HOOK}(2)> '${HOOK}(3)'`;
		const params = new URLSearchParams({
			q: query,
			section: `"><svg onload=${HOOK}(4)>`,
			theme: `javascript:${HOOK}(5)`,
			sort: `"><script>${HOOK}(6)</script>`
		});
		await expectInert(watch, `${PLAN}/search?${params}`, ['RQ']);
		await expectInert(watch, `${PLAN}/themes/${THEME}?${params}`, ['TL']);
		await watch.page.goto(`/login?redirectTo=${encodeURIComponent(`javascript:${HOOK}(7)`)}`);
		await expectPageInert(watch, 'login with a javascript: redirect', []);
	} finally {
		await watch.context.close();
	}
});

test('participants: their comments and notices, their profile, a comment arriving live', async ({ browser }) => {
	const hidden = await watched(browser, 'chan');
	const live = await watched(browser, 'alice');
	try {
		await expectInert(hidden, '/me/comments', ['MR', 'CR']);
		await expectInert(hidden, '/me', ['DN']);

		await expectInert(live, `${PLAN}/sections/first`, ['CM']);
		await live.page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
		await live.page.waitForTimeout(500); // the event stream subscribes
		await act(cookies.bora, `${PLAN}/sections/first?/createComment`, {
			kind: 'question',
			body: vectors('LV', 5000),
			idempotencyKey: `xss-live-${Date.now()}`
		});
		await expect(live.page.locator('article.comment', { hasText: 'XSS-LV1' })).toBeVisible();
		await expectPageInert(live, 'a comment that arrived live', ['LV']);
	} finally {
		await hidden.context.close();
		await live.context.close();
	}
});

test('researchers: coding queue, taxonomy, theme page with the synthesis preview', async ({ browser }) => {
	const watch = await watched(browser, 'researcher');
	try {
		await expectInert(watch, `${PLAN}/coding?state=all`, ['CM', 'TL']);
		await expectInert(watch, '/themes', ['TL', 'TD']);
		await expectInert(watch, `${PLAN}/themes/${THEME}`, ['SY']);
		await watch.page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
		await watch.page.getByLabel('종합 (마크다운)').fill(vectors('SV', 20_000));
		await watch.page.getByRole('button', { name: '미리 보기' }).click();
		await expect(watch.page.getByText('XSS-SV1').last()).toBeVisible();
		await expectPageInert(watch, 'the synthesis preview', ['SV']);
	} finally {
		await watch.context.close();
	}
});

test('officials: answers queue, draft editor preview, transcript import preview', async ({ browser }) => {
	const watch = await watched(browser, 'official');
	try {
		await expectInert(watch, `${PLAN}/responses?answered=all`, ['CM', 'RP']);

		await watch.page.goto(`${PLAN}/edit`);
		await watch.page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
		await watch.page.getByRole('button', { name: '다음 안 초안 시작' }).click();
		const body = watch.page.locator('li.section-card').first().getByLabel('본문 (마크다운)');
		await body.fill(vectors('EP', 50_000));
		await expect(watch.page.locator('.preview-body').first()).toContainText('XSS-EP1');
		await expectPageInert(watch, 'the editor’s live preview', ['EP']);

		await watch.page.goto(`/sessions/${ids.session}/import`);
		await watch.page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
		const transcript = [
			`XSS-IP1 <img src=x onerror=${HOOK}(1)>(광명YMCA) ${vectors('IT', 5000, { separator: ' ' })}`,
			`김민수(<script>${HOOK}(2)</script>) 마을 단위로 논의해야 합니다. XSS-IP2`
		].join('\n\n');
		await watch.page.getByLabel('녹취록').fill(transcript);
		await watch.page.getByRole('button', { name: '미리보기' }).click();
		await expect(watch.page.getByRole('heading', { name: /^2\. 발언 \d+건 확인$/ })).toBeVisible();
		await expectPageInert(watch, 'the transcript import preview', ['IT']);
	} finally {
		await watch.context.close();
	}
});

test('moderators and admins: the moderation queue and log, users and the audit log', async ({ browser }) => {
	const moderator = await watched(browser, 'moderator');
	const admin = await watched(browser, 'admin');
	try {
		await expectInert(moderator, '/moderation', ['FR', 'CM', 'MR']);
		await expectInert(moderator, `/comments/${ids.hidden}`, ['CH', 'MR']);
		await expectInert(admin, '/admin/users', ['DN', 'OG']);
		await expectInert(admin, '/admin/audit', []);
	} finally {
		await moderator.context.close();
		await admin.context.close();
	}
});

test('exports are sent as downloads of text, never as pages, with the vectors as plain text', async () => {
	for (const [path, type] of [
		[`${PLAN}/export.csv`, 'text/csv'],
		[`${PLAN}/export.json`, 'application/json'],
		[`${PLAN}/outcome/1/outcome.csv`, 'text/csv'],
		[`${PLAN}/feed.xml`, 'application/atom+xml']
	] as const) {
		const response = await fetch(`${base}${path}`, { headers: { cookie: cookies.researcher } });
		expect(response.status, path).toBe(200);
		expect(response.headers.get('content-type'), path).toContain(type);
		expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
		if (!path.endsWith('.xml')) expect(response.headers.get('content-disposition'), path).toMatch(/^attachment;/);
		const text = await response.text();
		expect(text, path).toContain('XSS-');
		if (path.endsWith('.xml')) {
			// Markup in the feed is escaped text, never live elements.
			expect(text, path).not.toMatch(/<script|<img|<svg|<iframe/i);
		} else {
			expect(text, `${path} keeps what people wrote, as text`).toContain(`<script>${HOOK}(`);
		}
	}
});
