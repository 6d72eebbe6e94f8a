import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { DEMO, gotoReady, registerParticipant, signIn } from './helpers/accounts';
import { MARKUP_PASS_REASON, skipMarkupTests } from './helpers/passes';

// The markup does not depend on the database driver: these checks run in the embedded database's
// pass only (CI's first; CI runs both), where they cover every page; the server pass skips them.
test.skip(skipMarkupTests, MARKUP_PASS_REASON);

const PLAN = '/plans/gwangmyeong-social-economy';
const SECTION = `${PLAN}/sections/support-centre`;

async function open(browser: Browser, options: BrowserContextOptions): Promise<Page> {
	const context = await browser.newContext({ timezoneId: 'Asia/Seoul', ...options });
	return context.newPage();
}

const lang = (page: Page) => page.locator('html').getAttribute('lang');

test.describe('the language of the interface', () => {
	test('Korean without a preference, and whenever the browser asks for a language we do not have', async ({ baseURL }) => {
		for (const acceptLanguage of [null, 'fr-FR,fr;q=0.9', 'ja', '*']) {
			const response = await fetch(`${baseURL}/`, { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} });
			const html = await response.text();
			expect(html, `Accept-Language: ${acceptLanguage}`).toMatch(/<html lang="ko"/);
			expect(html).toContain('모두의 계획');
		}
	});

	test('follows the browser: an English browser gets English, a Korean one Korean', async ({ browser, baseURL }) => {
		for (const [locale, expected, heading] of [
			['en-US', 'en', 'Sign in'],
			['en-GB', 'en', 'Sign in'],
			['ko-KR', 'ko', '로그인'],
			['de-DE', 'ko', '로그인']
		] as const) {
			const page = await open(browser, { locale });
			await gotoReady(page, '/login');
			expect(await lang(page), locale).toBe(expected);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
			await page.context().close();
		}
		// A list of preferences: the most preferred language we have.
		for (const [acceptLanguage, expected] of [
			['fr-FR, en;q=0.8, ko;q=0.5', 'en'],
			['ja, ko;q=0.9, en;q=0.8', 'ko'],
			['en-GB,en;q=0.9', 'en']
		] as const) {
			const html = await (await fetch(`${baseURL}/login`, { headers: { 'accept-language': acceptLanguage } })).text();
			expect(html, acceptLanguage).toContain(`<html lang="${expected}"`);
		}
	});

	test('the header button switches, and the choice is remembered across pages and a new visit', async ({ browser }) => {
		const page = await open(browser, { locale: 'ko-KR' });
		const search = `${PLAN}/search?q=${encodeURIComponent('지원센터')}`;
		await gotoReady(page, search);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('검색');
		const toEnglish = page.getByRole('banner').getByRole('button', { name: 'English' });
		await expect(toEnglish.locator('[lang="en"]')).toHaveText('English');
		await toEnglish.click();

		// Back on the same page, query kept, now in English.
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
		await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
		expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(search);
		expect(await lang(page)).toBe('en');
		await expect(page.getByLabel('Search for')).toHaveValue('지원센터');

		// Other pages, reached by following links (client-side navigation) and by loading them.
		await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Plans' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Read the plan together, revise it together');
		await gotoReady(page, `${PLAN}/history`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Version history');
		expect(await lang(page)).toBe('en');

		// The choice is a lasting cookie: a new visit of the same browser (its Accept-Language still Korean).
		const cookie = (await page.context().cookies()).find((c) => c.name === 'PARAGLIDE_LOCALE');
		expect(cookie?.value).toBe('en');
		expect(cookie!.expires * 1000).toBeGreaterThan(Date.now() + 30 * 24 * 3600 * 1000);
		const state = await page.context().storageState();
		await page.context().close();
		const again = await open(browser, { locale: 'ko-KR', storageState: state });
		await gotoReady(again, '/');
		expect(await lang(again)).toBe('en');
		await expect(again.getByRole('heading', { level: 1 })).toHaveText('Read the plan together, revise it together');

		// And back to Korean.
		await again.getByRole('banner').getByRole('button', { name: '한국어' }).click();
		await expect(again.getByRole('heading', { level: 1 })).toHaveText('계획을 함께 읽고, 함께 고칩니다');
		expect(await lang(again)).toBe('ko');
		await again.context().close();
	});

	test('a choice of Korean beats an English browser', async ({ browser }) => {
		const page = await open(browser, { locale: 'en-US' });
		await gotoReady(page, '/login');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
		await page.getByRole('banner').getByRole('button', { name: '한국어' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('로그인');
		expect(new URL(page.url()).pathname).toBe('/login');
		await gotoReady(page, '/register');
		expect(await lang(page)).toBe('ko');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('회원가입');
		// Signing in keeps the choice too.
		await signIn(page, DEMO.participant);
		await gotoReady(page, '/me');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('내 정보');
		await page.context().close();
	});

	test('switching works without JavaScript', async ({ browser }) => {
		const page = await open(browser, { locale: 'ko-KR', javaScriptEnabled: false });
		await page.goto(`${PLAN}/history`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('변경 이력');
		await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Version history');
		expect(new URL(page.url()).pathname).toBe(`${PLAN}/history`);
		expect(await lang(page)).toBe('en');
		await page.goto('/login');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
		await page.getByRole('banner').getByRole('button', { name: '한국어' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('로그인');
		expect(await lang(page)).toBe('ko');
		await page.context().close();
	});

	test('until the reader picks a language, the browser’s language keeps deciding', async ({ browser }) => {
		const korean = await open(browser, { locale: 'ko-KR' });
		for (const path of ['/', '/login', SECTION]) await gotoReady(korean, path);
		expect(
			(await korean.context().cookies()).find((c) => c.name === 'PARAGLIDE_LOCALE'),
			'no language stored'
		).toBeUndefined();
		// The same browser, now set to English.
		const state = await korean.context().storageState();
		await korean.context().close();
		const english = await open(browser, { locale: 'en-US', storageState: state });
		await gotoReady(english, '/login');
		expect(await lang(english)).toBe('en');
		await expect(english.getByRole('heading', { level: 1 })).toHaveText('Sign in');
		await english.context().close();
	});

	test('a language the app does not have is ignored', async ({ browser, baseURL }) => {
		const page = await open(browser, { locale: 'ko-KR' });
		await gotoReady(page, '/');
		const response = await page.request.post('/language', {
			form: { locale: 'fr', redirectTo: '/' },
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		expect((await page.context().cookies()).find((c) => c.name === 'PARAGLIDE_LOCALE')).toBeUndefined();
		// And the way back never leaves the site.
		const away = await page.request.post('/language', {
			form: { locale: 'en', redirectTo: 'https://example.com/' },
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(away.headers()['location']).toBe('/');
		await page.context().close();
	});
});

test.describe('dates and numbers', () => {
	// Browsers far from Seoul, so a date formatted in the browser's own time zone would show.
	test('a comment’s time and a version’s date are in Seoul time, written the Korean or the English way', async ({ browser }) => {
		for (const [locale, timezoneId, commentTime, published] of [
			['ko-KR', 'America/New_York', '2015. 3. 4. 18:00', '2015년 3월 2일'],
			['en-US', 'America/Los_Angeles', '4 Mar 2015, 18:00', '2 March 2015']
		] as const) {
			const page = await open(browser, { locale, timezoneId });
			// Comment 1 of the demo: written 2015-03-04 09:00 UTC, which is 18:00 in Seoul (04:00 in New York).
			await gotoReady(page, '/comments/1');
			const time = page.locator('#c-1 time').first();
			await expect(time).toHaveText(commentTime);
			await expect(time).toHaveAttribute('datetime', '2015-03-04T09:00:00.000Z');
			// Version 1 was published at 09:00 on 2 March 2015 in Seoul: still 1 March in Los Angeles.
			await gotoReady(page, `${PLAN}/history`);
			await expect(page.locator('.entry', { has: page.locator('#v1-title') }).locator('time')).toHaveText(published);
			await page.context().close();
		}
	});

	test('the server writes the same dates as the browser (pages read without JavaScript)', async ({ baseURL }) => {
		for (const [acceptLanguage, commentTime] of [
			['ko-KR', '2015. 3. 4. 18:00'],
			['en-US', '4 Mar 2015, 18:00']
		] as const) {
			const html = await (await fetch(`${baseURL}/comments/1`, { headers: { 'accept-language': acceptLanguage } })).text();
			expect(html, acceptLanguage).toMatch(new RegExp(`<time datetime="2015-03-04T09:00:00.000Z">${commentTime}</time>`));
		}
	});

	test('numbers have thousands separators in both languages', async ({ browser }) => {
		const page = await open(browser, { locale: 'ko-KR' });
		await registerParticipant(page, '숫자 확인');
		await gotoReady(page, SECTION);
		const hint = page.locator('#f-new-body-hint');
		await expect(hint).toContainText('최대 5,000자');
		await expect(hint.locator('.counter')).toHaveText('0 / 5,000');
		await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
		await expect(page.locator('#f-new-body-hint')).toContainText('Up to 5,000 characters');
		await page.context().close();
	});
});

test.describe('Korean names in Korean order', () => {
	const names = ['하늘빛', 'Zed Yoon', '가람', 'amy lee', '나래', 'Bora Kim', '김가온', '김가나'];
	// 가나다 order, then Latin letters regardless of case, as a Korean reader expects a list of people.
	const expected = ['가람', '김가나', '김가온', '나래', '하늘빛', 'amy lee', 'Bora Kim', 'Zed Yoon'];

	test('the admin’s list of users', async ({ browser }) => {
		// Eight people register and edit their profile through the browser, one after another: about
		// 40 s alone on 2 cores, past the default minute when the other worker runs beside it.
		test.slow();
		expect([...names].sort(new Intl.Collator('ko-KR').compare)).toEqual(expected);
		const suffix = `정렬${Date.now().toString(36)}`;
		for (const name of names) {
			const page = await open(browser, { locale: 'ko-KR' });
			await registerParticipant(page, name);
			await gotoReady(page, '/me');
			// The organisation marks this run's people, so the search below finds only them.
			await page.getByLabel('소속').fill(suffix);
			await page.getByRole('button', { name: '저장' }).first().click();
			await expect(page.getByRole('status')).toBeVisible();
			await page.context().close();
		}
		const admin = await open(browser, { locale: 'ko-KR' });
		await signIn(admin, DEMO.admin);
		await gotoReady(admin, `/admin/users?q=${encodeURIComponent(suffix)}`);
		const shown = await admin.locator('tbody tr td:first-child strong').allInnerTexts();
		expect(shown).toEqual(expected);

		// The whole list too, demo accounts included.
		await gotoReady(admin, '/admin/users');
		const all = await admin.locator('tbody tr td:first-child strong').allInnerTexts();
		// Numbers inside names in their value's order (참여자 9 before 참여자 10), as the app sorts them.
		expect(all).toEqual([...all].sort(new Intl.Collator('ko-KR', { sensitivity: 'base', numeric: true }).compare));
		await admin.context().close();
	});

	test('the coders offered in the agreement filter', async ({ browser }) => {
		const page = await open(browser, { locale: 'ko-KR' });
		await signIn(page, DEMO.researcher);
		await gotoReady(page, `${PLAN}/coding/agreement`);
		for (const picker of ['연구자 A', '연구자 B']) {
			const options = (await page.getByLabel(picker).locator('option').allInnerTexts()).map((text) => text.split(' (')[0].trim());
			expect(options.length, picker).toBeGreaterThan(1);
			expect(options).toEqual([...options].sort(new Intl.Collator('ko-KR').compare));
		}
		await page.context().close();
	});
});
