import { expect, type Browser, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, gotoReady, registerParticipant, signIn } from './helpers/accounts';
import { axeFindings, expectNoSeriousViolations } from './helpers/axe';
import { gotoSettled } from './helpers/pages';
import { ownApp } from './helpers/instance';
import { MARKUP_PASS_REASON, skipMarkupTests } from './helpers/passes';
import { test, type Role } from './helpers/roles';
import { sessionCookie, signInOver } from './helpers/server';

// The markup does not depend on the database driver: these checks run in the embedded database's
// pass only (CI's first; CI runs both), where they cover every page; the server pass skips them.
test.skip(skipMarkupTests, MARKUP_PASS_REASON);
// Scans of different pages and roles are independent: both workers share them.
test.describe.configure({ mode: 'parallel' });

const PLAN = '/plans/gwangmyeong-social-economy';
const SECTION = `${PLAN}/sections/support-centre`;
const OLD_SECTION = `${PLAN}/v/1/sections/support-centre`;
const THEMES = `${PLAN}/themes`;
const THEME = `${PLAN}/themes/cooperatives`;

/** The pages everyone reaches, signed in or not: scanned signed out, on a desktop, a phone and in English. */
const MAIN_PAGES = [
	'/',
	PLAN,
	`${PLAN}/v/1`,
	OLD_SECTION,
	`${PLAN}/history`,
	`${PLAN}/compare/1...2`,
	`${PLAN}/compare/1...2?view=side`,
	SECTION,
	'/comments/1',
	`${PLAN}/sessions`,
	'/sessions/1',
	THEMES,
	THEME,
	`${PLAN}/search?q=${encodeURIComponent('지원센터')}`,
	`${PLAN}/outcome/1`,
	`${PLAN}/themes/report`,
	`${PLAN}/no-such-page`
];
const SIGNED_OUT_PAGES = [...MAIN_PAGES, '/login', '/register'];

/**
 * The main pages whose content differs for a role, scanned signed in as that role. Any other pair
 * shows the same <main> as signed out, or as a role listed here (the test 'every page a role sees
 * differently is scanned as that role' checks this on every run), and the header, the same on
 * every page for a role, is scanned with that role's own pages. Participants, moderators and
 * admins share the comment tools (so moderators and admins are covered by the participant's
 * scans), researchers get coding controls, officials answers and editing, and officials and
 * admins the same theme pages with exports.
 */
const ROLE_VARIANTS: Record<Role, string[]> = {
	participant: [OLD_SECTION, SECTION, '/comments/1', '/sessions/1'],
	researcher: [PLAN, `${PLAN}/v/1`, OLD_SECTION, SECTION, '/comments/1', THEMES, THEME],
	official: ['/', PLAN, `${PLAN}/v/1`, OLD_SECTION, SECTION, '/comments/1', `${PLAN}/sessions`, '/sessions/1', THEMES, THEME],
	moderator: [],
	admin: []
};

/** What each role reaches beyond the main pages. */
const ROLE_PAGES: Record<Role, string[]> = {
	participant: ['/me', '/me/comments'],
	researcher: ['/me', '/themes', `${PLAN}/coding`, `${PLAN}/coding/agreement`],
	official: [
		'/me',
		`${PLAN}/responses`,
		`${PLAN}/edit`,
		'/plans/new',
		`${PLAN}/sessions/new`,
		'/sessions/1/edit',
		'/sessions/1/import',
		`${PLAN}/v/2/links`
	],
	moderator: ['/me', '/moderation'],
	admin: ['/me', '/admin/users', '/admin/audit', '/moderation']
};
const ROLES = Object.keys(ROLE_PAGES) as Role[];

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

async function scan(page: Page, paths: string[], label: string, options: { signedIn?: boolean } = {}): Promise<void> {
	for (const path of paths) {
		await gotoSettled(page, path);
		// A scan as a role is only one if the page was drawn for that role.
		if (options.signedIn) await expect(page.getByRole('button', { name: '로그아웃' }), `${path} (${label}) signed in`).toBeVisible();
		await expectNoSeriousViolations(page, `${path} (${label})`);
	}
}

async function signedInPage(browser: Browser, email: string, locale = 'ko-KR'): Promise<Page> {
	const context = await browser.newContext({ locale, timezoneId: 'Asia/Seoul', viewport: DESKTOP });
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

test('the scan sees serious violations when a page has them', async ({ page }) => {
	await page.setContent(
		'<!doctype html><html lang="ko"><head><title>시험</title></head><body><main>' +
			'<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' +
			'<button></button>' +
			'<p style="color:#bbb;background:#fff">흐린 글씨</p></main></body></html>'
	);
	const rules = (await axeFindings(page)).filter((f) => f.impact === 'serious' || f.impact === 'critical').map((f) => f.rule);
	expect(rules).toEqual(expect.arrayContaining(['image-alt', 'button-name', 'color-contrast']));
});

/** The page's <main> as the server writes it, with what changes from one request to the next taken out. */
function mainMarkup(html: string): string {
	const main = html.match(/<main[\s\S]*<\/main>/)?.[0] ?? '';
	return main
		.replace(/ nonce="[^"]*"/g, '')
		.replace(/ value="[\w-]{16,}"/g, ' value="…"')
		.replace(/\d+/g, '0');
}

test('every page a role sees differently is scanned as that role', async () => {
	test.setTimeout(120_000);
	// An instance of its own, so comments others post meanwhile do not change a page between two roles.
	const own = await ownApp('a11y-roles');
	try {
		const cookies: Partial<Record<Role, string>> = {};
		for (const role of ROLES) cookies[role] = sessionCookie(await signInOver(own.app.url, DEMO[role], DEMO_PASSWORD));
		const markup = async (path: string, role?: Role) => {
			const response = await fetch(`${own.app.url}${path}`, {
				redirect: 'manual',
				headers: { 'accept-language': 'ko-KR', ...(role ? { cookie: cookies[role]! } : {}) }
			});
			expect(response.status, `${path} for ${role ?? 'a visitor'}`).toBeLessThan(500);
			return mainMarkup(await response.text());
		};
		const unscanned: string[] = [];
		for (const path of MAIN_PAGES) {
			const out = await markup(path);
			expect(out, `${path} has a <main>`).not.toBe('');
			const byRole = new Map<Role, string>();
			for (const role of ROLES) byRole.set(role, await markup(path, role));
			const scanned = [out, ...ROLES.filter((role) => ROLE_VARIANTS[role].includes(path)).map((role) => byRole.get(role)!)];
			for (const role of ROLES) {
				if (!scanned.includes(byRole.get(role)!)) unscanned.push(`${path} for ${role}`);
			}
		}
		expect(unscanned, 'pages whose markup for a role no scan sees: add them to ROLE_VARIANTS').toEqual([]);
	} finally {
		await own.close();
	}
});

test.describe('axe finds no serious or critical violations', () => {
	for (const [label, viewport] of [
		['desktop', DESKTOP],
		['phone', PHONE]
	] as const) {
		test(`signed out, on a ${label}`, async ({ browser }) => {
			test.setTimeout(180_000);
			const context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul', viewport });
			await scan(await context.newPage(), SIGNED_OUT_PAGES, `signed out, ${label}`);
			await context.close();
		});
	}

	test('signed out, in English', async ({ browser }) => {
		test.setTimeout(180_000);
		const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Seoul', viewport: PHONE });
		const page = await context.newPage();
		await scan(page, SIGNED_OUT_PAGES, 'signed out, English');
		await context.close();
	});

	for (const role of ROLES) {
		test(`signed in as ${role}: their own pages, on a desktop and on a phone`, async ({ signedIn }) => {
			test.setTimeout(180_000);
			const page = await (await signedIn(role, { viewport: DESKTOP })).newPage();
			await scan(page, ROLE_PAGES[role], role, { signedIn: true });
			// Tables and charts scroll sideways on a phone, which is where their own pages can fail.
			await page.setViewportSize(PHONE);
			await scan(page, ROLE_PAGES[role], `${role}, phone`, { signedIn: true });
		});
		if (ROLE_VARIANTS[role].length === 0) continue;
		test(`signed in as ${role}: the main pages that change for them`, async ({ signedIn }) => {
			test.setTimeout(180_000);
			const page = await (await signedIn(role, { viewport: DESKTOP })).newPage();
			await scan(page, ROLE_VARIANTS[role], role, { signedIn: true });
		});
	}

	test('with the comment tools open and after errors', async ({ browser }) => {
		const context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul', viewport: DESKTOP });
		const page = await context.newPage();
		await registerParticipant(page, '접근성 점검');
		await gotoReady(page, SECTION);
		const target = page.locator('article.comment', { hasText: '지원센터가 한 사람이라면' });
		await target.locator('summary', { hasText: '답글' }).click();
		await target.locator('summary', { hasText: '신고' }).click();
		await expectNoSeriousViolations(page, 'reply and flag forms open');

		// An empty comment, an empty reply and an empty flag, each refused with its error in place.
		await page.locator('.new-comment').getByRole('button', { name: '의견 남기기' }).click();
		await expect(page.locator('.new-comment .field-error').first()).toBeVisible();
		await target.getByRole('button', { name: '답글 달기' }).click();
		await expect(target.locator('.comment-form.reply .field-error').first()).toBeVisible();
		await target.getByRole('button', { name: '운영자에게 신고' }).click();
		await expect(target.locator('[id^="flag-"][id$="-error"]')).toBeVisible();
		await expectNoSeriousViolations(page, 'comment forms with errors');

		// Signed out for the account forms.
		await page.getByRole('button', { name: '로그아웃' }).click();
		await expect(page.getByRole('link', { name: '로그인' })).toBeVisible();
		await gotoReady(page, '/login');
		await page.getByRole('button', { name: '로그인' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expectNoSeriousViolations(page, 'sign-in form with errors');

		await gotoReady(page, '/register');
		await page.getByRole('button', { name: '가입하기' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expectNoSeriousViolations(page, 'registration form with errors');

		await gotoReady(page, `${PLAN}/compare/1...2`);
		for (const summary of await page.locator('main details > summary').all()) await summary.click();
		await expectNoSeriousViolations(page, 'comparison with every fold open');

		await gotoReady(page, `${PLAN}/themes`);
		const toggles = page.getByRole('button', { name: '표로 보기' });
		expect(await toggles.count()).toBeGreaterThan(0);
		while ((await toggles.count()) > 0) await toggles.first().click();
		await expectNoSeriousViolations(page, 'dashboard charts shown as tables');
		await context.close();
	});
});

test.describe('colour is never the only signal', () => {
	test('theme chips, comment kinds and dispositions carry their meaning in text', async ({ page }) => {
		await gotoReady(page, SECTION);
		const chips = page.locator('.chip');
		expect(await chips.count()).toBeGreaterThan(0);
		for (const chip of await chips.all()) {
			expect((await chip.innerText()).trim(), 'a theme chip names its theme').not.toBe('');
			await expect(chip.locator('.dot')).toHaveAttribute('aria-hidden', 'true');
		}
		const kinds = page.locator('.kind-badge');
		expect(await kinds.count()).toBeGreaterThan(0);
		for (const kind of await kinds.all()) {
			await expect(kind, 'a comment kind says its name and shows a symbol').toHaveText(/^[＋！✎？]\s*(지지|우려|제안|질문)$/);
		}
		const dispositions = page.locator('.response .disposition');
		expect(await dispositions.count()).toBeGreaterThan(0);
		for (const disposition of await dispositions.all()) {
			await expect(disposition).toHaveText(/^(반영|부분 반영|검토 중|미반영|해당 없음)$/);
		}

		await gotoReady(page, `${PLAN}/outcome/1`);
		for (const bar of await page.locator('.tally .bar').all()) {
			await expect(bar, 'each bar of the tally names its disposition').toHaveText(/\S+ \d+/);
		}
	});

	test('changes between versions are struck through, underlined and named, not only coloured', async ({ page }) => {
		for (const view of ['', '?view=side']) {
			await gotoReady(page, `${PLAN}/compare/1...2${view}`);
			const marks = await page.locator('main .cmp').evaluateAll((sections) =>
				sections.flatMap((section) =>
					[...section.querySelectorAll('del, ins')].map((mark) => {
						const outer = mark.parentElement?.closest('del, ins') ?? mark;
						return {
							tag: mark.tagName.toLowerCase(),
							line: getComputedStyle(mark).textDecorationLine,
							named: [...outer.querySelectorAll('.visually-hidden')].map((hidden) => hidden.textContent).join(' ')
						};
					})
				)
			);
			expect(marks.some((mark) => mark.tag === 'del')).toBe(true);
			expect(marks.some((mark) => mark.tag === 'ins')).toBe(true);
			for (const mark of marks) {
				expect(mark.line, `${mark.tag} is marked by a line`).toContain(mark.tag === 'del' ? 'line-through' : 'underline');
				expect(mark.named, `${mark.tag} is named for screen readers`).toMatch(mark.tag === 'del' ? /삭제 시작.*삭제 끝/ : /추가 시작.*추가 끝/);
			}
			// Each section's state is a badge with a symbol and a word.
			for (const badge of await page.locator('.cmp .badges .badge, .summary .badge').all()) {
				await expect(badge).toHaveText(/^\S\s+\p{L}/u);
			}
		}
	});
});

test.describe('forms name their fields and announce their errors', () => {
	/** The field is marked invalid and described by a visible error, which is announced. */
	async function expectAnnouncedError(page: Page, field: ReturnType<Page['locator']>): Promise<void> {
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
		const errorIds = describedBy.split(/\s+/).filter((id) => id.endsWith('-error'));
		expect(errorIds, 'the field points at its error').toHaveLength(1);
		const error = page.locator(`[id="${errorIds[0]}"]`);
		await expect(error).toBeVisible();
		expect((await error.innerText()).trim()).not.toBe('');
		// Announced: the error itself is an alert, or the form's summary is one and has focus.
		const announced = await error.evaluate((element) => {
			const live = element.closest('[role="alert"], [aria-live="assertive"], [aria-live="polite"]');
			const focused = document.activeElement?.closest('[role="alert"]');
			return Boolean(live || focused);
		});
		expect(announced, 'the error is announced').toBe(true);
	}

	test('sign-in and registration', async ({ page }) => {
		await gotoReady(page, '/login');
		await page.getByRole('button', { name: '로그인' }).click();
		await expectAnnouncedError(page, page.getByLabel('이메일'));
		await expect(page.getByRole('alert')).toBeFocused();

		await gotoReady(page, '/login');
		await page.getByLabel('이메일').fill(DEMO.participant);
		await page.getByLabel('비밀번호').fill('not-the-password');
		await page.getByRole('button', { name: '로그인' }).click();
		await expect(page.getByRole('alert')).toBeFocused();
		await expect(page.getByRole('alert')).not.toBeEmpty();

		await gotoReady(page, '/register');
		await page.getByLabel('이메일').fill('not-an-address');
		await page.getByLabel('비밀번호', { exact: true }).fill('short');
		await page.getByRole('button', { name: '가입하기' }).click();
		await expect(page.getByRole('alert')).toBeFocused();
		await expectAnnouncedError(page, page.getByLabel('이메일'));
		await expectAnnouncedError(page, page.getByLabel('이름'));
		await expectAnnouncedError(page, page.getByLabel('비밀번호', { exact: true }));
	});

	test('comment, reply, flag and profile', async ({ page }) => {
		await registerParticipant(page, '오류 안내');
		await gotoReady(page, SECTION);
		const form = page.locator('.new-comment');
		await form.getByRole('button', { name: '의견 남기기' }).click();
		await expectAnnouncedError(page, form.getByLabel('의견', { exact: true }));
		// The kinds are a group of radios: the group points at its error.
		const kinds = form.getByRole('group', { name: '의견 종류' });
		await expect(kinds).toHaveAttribute('aria-describedby', /-kind-error/);
		await expect(kinds.locator('.field-error')).toBeVisible();

		const target = page.locator('article.comment', { hasText: '지원센터가 한 사람이라면' });
		await target.locator('summary', { hasText: '답글' }).click();
		await target.getByRole('button', { name: '답글 달기' }).click();
		await expectAnnouncedError(page, target.getByLabel('답글', { exact: true }));

		await target.locator('summary', { hasText: '신고' }).click();
		await target.getByRole('button', { name: '운영자에게 신고' }).click();
		await expectAnnouncedError(page, target.getByLabel('신고 사유'));

		await gotoReady(page, '/me');
		await page.getByLabel('이름').fill('');
		await page.getByRole('button', { name: '저장' }).click();
		await expectAnnouncedError(page, page.getByLabel('이름'));
	});

	test('the officials’ and moderators’ forms', async ({ browser }) => {
		test.setTimeout(120_000);
		const official = await signedInPage(browser, DEMO.official);
		await gotoReady(official, `${PLAN}/sessions/new`);
		await official.getByRole('button', { name: '회의 기록 저장' }).click();
		await expectAnnouncedError(official, official.getByLabel('회의 이름'));
		await gotoReady(official, '/plans/new');
		await official.getByRole('button', { name: '계획 만들기' }).click();
		await expectAnnouncedError(official, official.getByLabel('계획 이름'));
		await official.context().close();

		// A flag to moderate: a participant reports a comment, the moderator hides it without a reason.
		const reporter = await signedInPage(browser, DEMO.participant);
		await gotoReady(reporter, SECTION);
		const flagged = reporter.locator('article.comment', { hasText: '어떤 기준으로 고르나요' });
		await flagged.locator('summary', { hasText: '신고' }).click();
		await flagged.getByLabel('신고 사유').fill('접근성 점검용 신고');
		await flagged.getByRole('button', { name: '운영자에게 신고' }).click();
		await expect(flagged.getByRole('status')).toBeVisible();
		await reporter.context().close();

		const moderator = await signedInPage(browser, DEMO.moderator);
		await gotoReady(moderator, '/moderation');
		const item = moderator.locator('article.item').first();
		await item.getByRole('button', { name: '숨기기' }).click();
		await expectAnnouncedError(moderator, moderator.locator('article.item input[name="reason"][aria-invalid="true"]'));
		await moderator.context().close();
	});
});
