// Importing a draft from a document: an official uploads a Word or Hangul file on the new-plan page
// or in the draft editor, sees its sections as a preview, and saves them as the draft; files the
// importer cannot read are refused with a message and nothing changes. Also the JSON endpoint.
import { expect, request, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD } from './helpers/accounts';
import { expectNoSeriousViolations } from './helpers/axe';
import { hwpx, sampleDocx, sampleHwpxSection } from '../../src/lib/server/documents/fixtures';

test.describe.configure({ mode: 'serial' });

const slug = `e2e-documents-${Date.now().toString(36)}`;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ENDPOINT = '/api/v1/documents/parse';
/** The header of an OLE compound file: what a legacy .hwp (and an encrypted .docx) starts with. */
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]);
const HWP_MESSAGE = /예전 한글 형식\(\.hwp\)은 읽을 수 없습니다.*HWPX/;

async function officialPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
	const context = await browser.newContext({ ...options, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
	const page = await context.newPage();
	page.on('dialog', (dialog) => dialog.accept());
	await page.goto('/login');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('이메일').fill(DEMO.official);
	await page.getByLabel('비밀번호').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: '로그인' }).click();
	await expect(page.getByRole('button', { name: '로그아웃' })).toBeVisible();
	return page;
}

const headingFields = (page: Page) => page.locator('input[name$=".heading"]');

test('an official imports a Word file on the new-plan page, previews its sections and creates the plan with them', async ({ browser }) => {
	const page = await officialPage(browser);
	await page.goto('/plans/new');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('계획 이름').fill('문서로 만든 기본계획 (시험)');
	await page.getByLabel('주소').fill(slug);
	await page.getByLabel('문서 파일').setInputFiles({ name: '기본계획.docx', mimeType: DOCX_TYPE, buffer: Buffer.from(await sampleDocx()) });
	await page.getByRole('button', { name: '미리 보기로 가져오기' }).click();

	await expect(page.getByText('‘기본계획.docx’에서 절 3개를 가져왔습니다.')).toBeVisible();
	await expect(page.getByText('그림 1개는 가져오지 않았습니다.')).toBeVisible();
	const preview = page.getByRole('region', { name: '가져온 절 미리 보기 (3개)' });
	await expect(preview.locator('summary')).toHaveText(['제1장 추진 배경', '1. 현황', '제2장 비전과 목표']);
	await preview.getByText('1. 현황').click();
	await expect(preview.getByRole('cell', { name: '사회적기업' })).toBeVisible();
	// What was typed before the import is still there.
	await expect(page.getByLabel('주소')).toHaveValue(slug);
	await expectNoSeriousViolations(page, 'the new-plan page with an imported preview');
	if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/new-plan-import.png`, fullPage: true });

	await page.getByRole('button', { name: '계획 만들기' }).click();
	await expect(page).toHaveURL(new RegExp(`/plans/${slug}/edit\\?saved=1`));
	await expect(headingFields(page)).toHaveCount(3);
	await expect(headingFields(page).nth(1)).toHaveValue('1. 현황');
	await expect(page.locator('select[name="sections.1.parentKey"]')).not.toHaveValue('');

	await page.goto(`/plans/${slug}/v/1`);
	await expect(page.getByRole('heading', { name: '제1장 추진 배경' }).first()).toBeVisible();
	await expect(page.getByRole('cell', { name: '사회적기업' })).toBeVisible();
	await expect(page.locator('strong', { hasText: '지속 가능한 성장' })).toBeVisible();
	await page.context().close();
});

test('in the draft editor a Hangul file replaces the sections as an unsaved preview, saved only on save', async ({ browser }) => {
	const page = await officialPage(browser);
	await page.goto(`/plans/${slug}/edit`);
	await page.waitForLoadState('networkidle');
	await page.getByText('문서에서 가져오기').click();
	await page
		.getByLabel('문서 파일')
		.setInputFiles({ name: '개정안.hwpx', mimeType: 'application/hwp+zip', buffer: Buffer.from(hwpx([sampleHwpxSection()])) });
	await page.getByRole('button', { name: '미리 보기로 가져오기' }).click();
	await expect(page.getByText('‘개정안.hwpx’에서 절 4개를 가져왔습니다.')).toBeVisible();
	await expect(headingFields(page)).toHaveCount(4);
	await expect(page.getByText('저장하지 않은 변경')).toBeVisible();
	// The chapter the Word file also had keeps its key; the others left the editor, and the official is told.
	await expect(page.getByText('편집기에 있던 절 1개는 가져온 문서에 같은 제목이 없어 빠졌습니다.')).toBeVisible();
	await expectNoSeriousViolations(page, 'the draft editor after an import');
	if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/editor-import.png` });

	// Nothing is saved yet.
	const other = await officialPage(browser);
	await other.goto(`/plans/${slug}/edit`);
	await expect(headingFields(other)).toHaveCount(3);
	await other.context().close();

	await page.getByRole('button', { name: '초안 저장' }).first().click();
	await expect(page).toHaveURL(new RegExp(`/plans/${slug}/edit\\?saved=1`));
	await expect(headingFields(page)).toHaveCount(4);
	await expect(headingFields(page).nth(2)).toHaveValue('가. 세부 현황');
	await page.context().close();
});

test('without JavaScript the import works too, and a legacy .hwp or random bytes are refused with the editor kept', async ({ browser }) => {
	const page = await officialPage(browser, { javaScriptEnabled: false });
	await page.goto(`/plans/${slug}/edit`);
	await headingFields(page).first().fill('바꾼 제목');
	await page.getByText('문서에서 가져오기').click();

	await page.getByLabel('문서 파일').setInputFiles({ name: '옛 계획.hwp', mimeType: 'application/x-hwp', buffer: OLE });
	await page.getByRole('button', { name: '미리 보기로 가져오기' }).click();
	await expect(page.getByText(HWP_MESSAGE)).toBeVisible();
	await expect(page.getByLabel('문서 파일')).toHaveAttribute('aria-invalid', 'true');
	if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/editor-import-refused.png` });
	await expect(headingFields(page)).toHaveCount(4);
	await expect(headingFields(page).first()).toHaveValue('바꾼 제목');

	const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
	await page.getByLabel('문서 파일').setInputFiles({ name: '계획.docx', mimeType: DOCX_TYPE, buffer: random });
	await page.getByRole('button', { name: '미리 보기로 가져오기' }).click();
	await expect(page.getByText('문서가 손상되었거나 형식이 맞지 않아 읽을 수 없습니다.')).toBeVisible();
	await expect(headingFields(page).first()).toHaveValue('바꾼 제목');

	await page.getByLabel('문서 파일').setInputFiles({ name: '기본계획.docx', mimeType: DOCX_TYPE, buffer: Buffer.from(await sampleDocx()) });
	await page.getByRole('button', { name: '미리 보기로 가져오기' }).click();
	await expect(page.getByText('‘기본계획.docx’에서 절 3개를 가져왔습니다.')).toBeVisible();
	await expect(headingFields(page)).toHaveCount(3);
	await page.context().close();
});

test.describe('POST /api/v1/documents/parse', () => {
	const contexts: APIRequestContext[] = [];
	test.afterAll(async () => {
		await Promise.all(contexts.map((context) => context.dispose()));
	});

	async function client(baseURL: string, email?: string, locale = 'ko-KR'): Promise<APIRequestContext> {
		// SvelteKit refuses a multipart post whose Origin is not the app's, as it refuses a cross-site form.
		const context = await request.newContext({ baseURL, extraHTTPHeaders: { 'accept-language': locale, origin: baseURL } });
		contexts.push(context);
		if (email) {
			const response = await context.post('/login?/signIn', {
				form: { email, password: DEMO_PASSWORD },
				headers: { origin: baseURL, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status(), `sign in as ${email}`).toBe(303);
		}
		return context;
	}

	const upload = (name: string, mimeType: string, buffer: Buffer) => ({ multipart: { file: { name, mimeType, buffer } } });

	test('answers an official with the sections as JSON', async ({ baseURL }) => {
		const official = await client(baseURL!, DEMO.official);
		const response = await official.post(ENDPOINT, upload('기본계획.docx', DOCX_TYPE, Buffer.from(await sampleDocx())));
		expect(response.status(), await response.text()).toBe(200);
		expect(response.headers()['content-type']).toContain('application/json');
		const body = await response.json();
		expect(body.sections.map((s: { title: string }) => s.title)).toEqual(['제1장 추진 배경', '1. 현황', '제2장 비전과 목표']);
		expect(body.sections[1].markdown).toContain('| 사회적기업 | 42 | 51 |');
		expect(body.warnings).toEqual([{ code: 'images_dropped', message: expect.stringContaining('그림 1개') }]);
	});

	test('reads a document of more than a megabyte, past adapter-node’s default body limit', async ({ baseURL }) => {
		const official = await client(baseURL!, DEMO.official);
		const paragraph = '광명시는 사회적경제 조직이 서로 배우고 거래하는 생태계를 만들어 갑니다. '.repeat(250);
		const text = Array.from({ length: 60 }, (_, i) => `# 제${i + 1}절 추진 과제\n\n${paragraph}\n`).join('\n');
		const bytes = Buffer.from(text);
		expect(bytes.byteLength).toBeGreaterThan(1024 * 1024);
		const response = await official.post(ENDPOINT, upload('긴 계획.md', 'text/markdown', bytes));
		expect(response.status()).toBe(200);
		const body = await response.json();
		expect(body.sections.length).toBeGreaterThanOrEqual(60);
		expect(body.sections[0].markdown).toContain('생태계를 만들어 갑니다');
	});

	test('refuses participants and signed-out callers', async ({ baseURL }) => {
		const file = upload('기본계획.docx', DOCX_TYPE, Buffer.from(await sampleDocx()));
		const participant = await client(baseURL!, DEMO.participant);
		const refused = await participant.post(ENDPOINT, file);
		expect(refused.status()).toBe(403);
		expect((await refused.json()).code).toBe('forbidden');
		const anonymous = await client(baseURL!);
		expect((await anonymous.post(ENDPOINT, file)).status()).toBe(401);
	});

	test('answers 400 with a message in the caller’s language for a file it cannot read', async ({ baseURL }) => {
		const official = await client(baseURL!, DEMO.official);
		const hwp = await official.post(ENDPOINT, upload('계획.hwp', 'application/x-hwp', OLE));
		expect(hwp.status()).toBe(400);
		expect(await hwp.json()).toEqual({ code: 'hwp_binary', message: expect.stringMatching(HWP_MESSAGE) });

		const english = await client(baseURL!, DEMO.official, 'en-US');
		const encrypted = await english.post(ENDPOINT, upload('secret.docx', DOCX_TYPE, OLE));
		expect(encrypted.status()).toBe(400);
		expect(await encrypted.json()).toEqual({ code: 'encrypted', message: expect.stringContaining('password-protected') });

		// Past the upload limit the body is not even read (adapter-node or the guard ends it first).
		const large = await official.post(ENDPOINT, upload('큰 계획.docx', DOCX_TYPE, Buffer.alloc(7 * 1024 * 1024, 1)));
		expect(large.status()).toBe(413);
		expect((await large.json()).code).toBe('too_large');

		const none = await official.post(ENDPOINT, { multipart: { other: 'x' } });
		expect(none.status()).toBe(400);
		expect((await none.json()).code).toBe('no_file');
	});
});
