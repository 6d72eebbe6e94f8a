// "You said, we did": an official answers a comment, publishes a revision linked to it, and the
// commenter sees both on /me/comments and in the outcome report. Builds its own plan.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { DEMO, gotoReady, registerParticipant, signIn } from './helpers/accounts';

test.describe.configure({ mode: 'serial' });

const slug = `e2e-outcome-${Date.now().toString(36)}`;
const seoulInput = (offsetMs: number) => {
	const date = new Date(Date.now() + offsetMs + 9 * 3_600_000);
	return date.toISOString().slice(0, 16);
};
const HOUR = 3_600_000;
const participantState = path.join(tmpdir(), `${slug}-participant.json`);
let commentBody = '';

async function officialPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
	const page = await context.newPage();
	page.on('dialog', (dialog) => dialog.accept());
	await signIn(page, DEMO.official);
	return page;
}

test('an official opens a plan for comments and a participant comments', async ({ browser, page }) => {
	const official = await officialPage(browser);
	await gotoReady(official, '/plans/new');
	await official.getByLabel('계획 이름').fill('안산시 마을공동체 기본계획 (시험)');
	await official.getByLabel('주소').fill(slug);
	await official.getByLabel('작성 기관').fill('안산시');
	await official.getByRole('button', { name: '계획 만들기' }).click();
	await expect(official).toHaveURL(new RegExp(`/plans/${slug}/edit`));
	await official.getByRole('button', { name: '새 장 추가' }).click();
	const card = official.locator('li.section-card').last();
	await card.getByLabel('장 제목').fill('지원센터');
	await card.getByLabel('키').fill('support-centre');
	await card.getByLabel('본문 (마크다운)').fill('지원센터의 전담 인력은 1명입니다.');
	await official.getByLabel('바뀐 점 요약').fill('첫 초안입니다.');
	await official.getByLabel('의견 접수 시작').fill(seoulInput(-HOUR));
	await official.getByLabel('의견 접수 마감').fill(seoulInput(30 * 24 * HOUR));
	await official.getByRole('button', { name: '1차안 공개하기' }).click();
	await expect(official).toHaveURL(new RegExp(`/plans/${slug}/history\\?published=1`));
	await official.context().close();

	await registerParticipant(page, '류하은');
	await gotoReady(page, `/plans/${slug}/sections/support-centre`);
	commentBody = `인력을 다섯 명으로 늘려 주세요 ${Date.now().toString(36)}`;
	const form = page.locator('.new-comment');
	await form.getByRole('radio', { name: '제안' }).check();
	await form.getByLabel('의견', { exact: true }).fill(commentBody);
	await form.getByRole('button', { name: '의견 남기기' }).click();
	await expect(page.locator('article.comment', { hasText: commentBody })).toBeVisible();
	await page.context().storageState({ path: participantState });
});

test('the official answers, revises the section, links it to the comment and publishes', async ({ browser }) => {
	const official = await officialPage(browser);
	await gotoReady(official, `/plans/${slug}/responses`);
	const item = official.locator('article.comment', { hasText: commentBody });
	await item.locator('summary', { hasText: '답변 쓰기' }).click();
	await item.getByRole('radio', { name: '반영', exact: true }).check();
	await item.getByLabel('답변 내용').fill('전담 인력을 5명으로 늘리도록 수정안에 반영했습니다.');
	await item.getByRole('button', { name: '답변 저장' }).click();
	// Answered comments leave the default list (comments waiting for an answer).
	await expect(official.locator('article.comment', { hasText: commentBody })).toHaveCount(0);
	await gotoReady(official, `/plans/${slug}/responses?answered=yes`);
	await expect(official.locator('article.comment', { hasText: commentBody }).locator('.response')).toContainText('전담 인력을 5명으로 늘리도록');

	await gotoReady(official, `/plans/${slug}/edit`);
	await official.getByRole('button', { name: '다음 안 초안 시작' }).click();
	await expect(official.getByText('초안을 만들었습니다.')).toBeVisible();
	await official.locator('li.section-card').first().getByLabel('본문 (마크다운)').fill('지원센터의 전담 인력을 5명으로 늘립니다.');
	await official.getByRole('button', { name: '초안 저장' }).first().click();
	await expect(official.getByRole('status').filter({ hasText: '초안을 저장했습니다.' })).toBeVisible();

	await official.getByRole('link', { name: '바뀐 장과 답한 의견 연결하기' }).click();
	await official.getByRole('checkbox', { name: new RegExp(commentBody.slice(0, 10)) }).check();
	await official.getByRole('button', { name: '연결 저장' }).click();
	await expect(official.getByRole('status')).toHaveText('연결을 저장했습니다.');

	await gotoReady(official, `/plans/${slug}/edit`);
	await official.getByLabel('바뀐 점 요약').fill('지원센터 인력을 늘렸습니다.');
	await official.getByRole('button', { name: '2차안 공개하기' }).click();
	await expect(official).toHaveURL(new RegExp(`/plans/${slug}/history\\?published=2`));
	await official.context().close();
});

test('the commenter sees the answer and the revision on /me/comments and in the outcome report', async ({ browser }) => {
	const context = await browser.newContext({ storageState: participantState, locale: 'ko-KR' });
	const page = await context.newPage();
	await page.goto('/me/comments');
	const mine = page.locator('article.mine', { hasText: commentBody });
	await expect(mine.locator('.response')).toContainText('반영');
	await expect(mine.locator('.response')).toContainText('전담 인력을 5명으로 늘리도록');
	await expect(mine.getByRole('link', { name: /2차안 '지원센터' 장에 반영됨/ })).toHaveAttribute(
		'href',
		`/plans/${slug}/compare/1...2#s-support-centre`
	);
	await expect(page.getByText('내 의견에 담당 부서가 답변했습니다.')).toBeVisible();
	await expect(page.getByText(/의견을 낸 계획의 새 안이 공개되었습니다: 2차안/)).toBeVisible();
	// The link lands on that section's change in the comparison.
	await mine.getByRole('link', { name: /2차안 '지원센터' 장에 반영됨/ }).click();
	await expect(page).toHaveURL(new RegExp(`/plans/${slug}/compare/1\\.\\.\\.2#s-support-centre$`));
	await expect(page.locator('#s-support-centre')).toBeVisible();
	await expect(page.locator('#s-support-centre h2')).toContainText('지원센터');
	await page.goto('/me/comments');

	await page.goto(`/plans/${slug}/outcome/1`);
	await expect(page.getByRole('heading', { level: 1, name: '1차안 의견 수렴 결과' })).toBeVisible();
	const tally = page.getByRole('table', { name: '반영 여부별' });
	await expect(tally.getByRole('row', { name: /^반영 1/ })).toBeVisible();
	await expect(tally.getByRole('row', { name: /합계 1/ })).toBeVisible();
	const section = page.locator('#s-support-centre');
	await expect(section).toContainText(commentBody);
	await expect(section).toContainText('바뀜');
	await expect(section.locator('.answer')).toContainText("2차안 '지원센터' 장에 반영됨");

	const csv = await page.request.get(`/plans/${slug}/outcome/1/outcome.csv`);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text.charCodeAt(0)).toBe(0xfeff);
	expect(text).toContain(commentBody);
	expect(text).toContain('반영');
	await context.close();
});

test('only officials answer comments', async ({ page }) => {
	await signIn(page, DEMO.researcher);
	expect((await page.goto(`/plans/${slug}/responses`))?.status()).toBe(403);
	const post = await page.request.post(`/plans/${slug}/responses?/respondToComment`, {
		form: { commentId: '1', disposition: 'accepted', body: '권한 없는 답변' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(post.status()).toBe(403);
});

test('without JavaScript, a comment sent after the period closed stays on the page to copy', async ({ browser }) => {
	const official = await officialPage(browser);
	await official.goto(`/plans/${slug}`);
	// The revision published above opened its own period.
	await expect(
		official
			.locator('.period')
			.getByText(/의견 접수 중/)
			.first()
	).toBeVisible();

	const context = await browser.newContext({ storageState: participantState, locale: 'ko-KR', javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`/plans/${slug}/sections/support-centre`);
	const text = `마감 직전에 쓴 의견입니다 ${Date.now().toString(36)}`;
	const form = page.locator('.new-comment');
	await form.getByRole('radio', { name: '우려' }).check();
	await form.getByLabel('의견', { exact: true }).fill(text);

	// Meanwhile the official closes the period.
	await official.getByText('의견 기간 관리').click();
	await official.getByRole('button', { name: '지금 의견 접수 마감' }).click();
	await expect(official.locator('.period').getByText(/의견 접수 마감/)).toBeVisible();
	await official.context().close();

	await form.getByRole('button', { name: '의견 남기기' }).click();
	const kept = page.locator('.kept-draft');
	await expect(kept).toContainText('의견 접수 기간이 아닙니다');
	await expect(kept.getByLabel('적으신 글 (복사해 두실 수 있습니다)')).toHaveValue(text);
	await expect(page.locator('article.comment', { hasText: text })).toHaveCount(0);
	await context.close();
});

test('the outcome report downloads as Word for anyone; a draft version has none, as it has no page', async ({ browser }) => {
	const context = await browser.newContext({ storageState: participantState, locale: 'ko-KR' });
	const page = await context.newPage();
	await page.goto(`/plans/${slug}/outcome/1`);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Word 문서로 내려받기' }).click()]);
	const title = '안산시 마을공동체 기본계획 (시험) 1차안 의견 수렴 결과.docx';
	expect(download.suggestedFilename()).toBe(title);
	const bytes = await readFile((await download.path())!);
	expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
	const xml = strFromU8(unzipSync(bytes)['word/document.xml']);
	expect(xml).toContain(commentBody);
	expect(xml).toContain('전담 인력을 5명으로 늘리도록 수정안에 반영했습니다.');
	expect(xml).toMatch(/<w:t[^>]*>반영<\/w:t>/);
	await context.close();

	// Signed out, as the page is public.
	const anonymous = await browser.newContext();
	const response = await anonymous.request.get(`/plans/${slug}/outcome/1/report.docx`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
	const disposition = response.headers()['content-disposition'];
	expect(disposition).toContain(`filename="${slug}-outcome-v1.docx"`);
	expect(disposition).toContain(
		`filename*=UTF-8''${encodeURIComponent(title).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`
	);
	expect((await response.body()).subarray(0, 2).toString('latin1')).toBe('PK');

	// A draft of the next version: its outcome page is 404 for everyone, and so is its document.
	const official = await officialPage(browser);
	await gotoReady(official, `/plans/${slug}/edit`);
	await official.getByRole('button', { name: '다음 안 초안 시작' }).click();
	await expect(official.getByText('초안을 만들었습니다.')).toBeVisible();
	for (const client of [anonymous.request, official.request]) {
		expect((await client.get(`/plans/${slug}/outcome/3`)).status()).toBe(404);
		const refused = await client.get(`/plans/${slug}/outcome/3/report.docx`);
		expect(refused.status()).toBe(404);
		expect(refused.headers()['content-type']).not.toContain('wordprocessingml');
	}
	expect((await anonymous.request.get(`/plans/${slug}/outcome/9/report.docx`)).status()).toBe(404);
	await official.context().close();
	await anonymous.close();
});
