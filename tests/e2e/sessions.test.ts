import { expect, test } from '@playwright/test';
import { DEMO, gotoReady, signIn } from './helpers/accounts';

const PLAN = '/plans/gwangmyeong-social-economy';

test('an official records a session, pastes a transcript, corrects a row and imports it', async ({ page }) => {
	await signIn(page, DEMO.official);
	await gotoReady(page, `${PLAN}/sessions/new`);
	const stamp = Date.now().toString(36);
	await page.getByLabel('회의 이름').fill(`마을 워크숍 ${stamp}`);
	await page.getByLabel('회의 종류').selectOption('workshop');
	await page.getByLabel('날짜').fill('2015-04-10');
	await page.getByLabel('장소').fill('철산동 주민센터');
	await page.getByLabel('참석 인원').fill('24');
	await page.getByLabel('논의한 판').selectOption('1');
	await page.getByRole('button', { name: '회의 기록 저장' }).click();
	await expect(page.getByRole('heading', { name: '녹취록 가져오기' })).toBeVisible();

	const statement = `동네 반찬 모임을 협동조합으로 키우는 방법을 알려 주세요 ${stamp}.`;
	await page
		.getByLabel('녹취록', { exact: true })
		.fill(
			`사진: 왼쪽부터 김하나(철산동 주민), 박두리(마을활동가)\n김하나(철산동 주민자치회 위원) ${statement} 박두리(광명 마을공동체 활동가) 주민 모임이 먼저입니다 ${stamp}.`
		);
	await page.getByRole('button', { name: '미리보기' }).click();
	await expect(page.getByRole('heading', { name: '2. 발언 2건 확인' })).toBeVisible();

	// Correct the first speaker's name, attach it to a section, import both.
	await page.getByLabel('이름 1').fill('김하나라');
	await page.getByLabel('장', { exact: true }).first().selectOption('localisation');
	await page.getByRole('button', { name: '발언 2건 가져오기' }).click();
	await expect(page.getByRole('status')).toContainText('발언 2건을 가져왔습니다');
	await expect(page.locator('article.comment', { hasText: statement })).toContainText('김하나라');

	// Importing the same transcript again adds nothing.
	await page.getByRole('link', { name: '녹취록 가져오기' }).click();
	await page
		.getByLabel('녹취록', { exact: true })
		.fill(`김하나(철산동 주민자치회 위원) ${statement} 박두리(광명 마을공동체 활동가) 주민 모임이 먼저입니다 ${stamp}.`);
	await page.getByRole('button', { name: '미리보기' }).click();
	await page.getByLabel('이름 1').fill('김하나라');
	await page.getByLabel('장', { exact: true }).first().selectOption('localisation');
	await page.getByRole('button', { name: '발언 2건 가져오기' }).click();
	await expect(page.getByRole('status')).toContainText('발언 0건을 가져왔습니다. 이미 있던 2건은 건너뛰었습니다.');

	// The statement shows in the section's threads (on the version it was said about).
	await page.goto(`${PLAN}/v/1/sections/localisation`);
	const said = page.locator('article.comment', { hasText: statement });
	await expect(said).toBeVisible();
	await expect(said).toContainText(`마을 워크숍 ${stamp}에서 발언`);
});

test('a preview error keeps the pasted text; only officials reach the import', async ({ page }) => {
	await signIn(page, DEMO.official);
	await page.goto(`${PLAN}/sessions`);
	await page
		.getByRole('link', { name: /중간보고회/ })
		.first()
		.click();
	await page.getByRole('link', { name: '녹취록 가져오기' }).click();
	await page.getByLabel('녹취록', { exact: true }).fill('발언자가 없는 그냥 글입니다');
	await page.getByRole('button', { name: '미리보기' }).click();
	const box = page.getByLabel('녹취록', { exact: true });
	await expect(box).toHaveValue('발언자가 없는 그냥 글입니다');
	const url = new URL(page.url()).origin + new URL(page.url()).pathname;

	await page.getByRole('button', { name: '로그아웃' }).click();
	await signIn(page, DEMO.researcher);
	expect((await page.goto(url))?.status()).toBe(403);
	await page.getByRole('button', { name: '로그아웃' }).click();
	await signIn(page, DEMO.participant);
	expect((await page.goto(url))?.status()).toBe(403);
	const post = await page.request.post(`${url}?/importStatements`, {
		form: { rows: '1', 'name.0': '침입자', 'text.0': '가짜 발언', 'kind.0': 'support' },
		headers: { origin: new URL(url).origin }
	});
	expect(post.status()).toBe(403);
});

test('anyone reads the sessions list and the interim meeting with its statements', async ({ page }) => {
	await page.goto(`${PLAN}/sessions`);
	await expect(page.getByRole('heading', { name: '회의와 간담회' })).toBeVisible();
	await page.getByRole('link', { name: '광명시 사회적경제 기본계획 연구용역 중간보고회' }).click();
	await expect(page.getByText('박서영').first()).toBeVisible();
	await expect(page.locator('article.comment')).not.toHaveCount(0);
	expect(await page.locator('article.comment').count()).toBeGreaterThanOrEqual(10);
});
