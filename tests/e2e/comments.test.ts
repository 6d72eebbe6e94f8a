import { expect, test, type Page } from '@playwright/test';
import { DEMO, gotoReady, registerParticipant, signIn } from './helpers/accounts';

const PLAN = '/plans/gwangmyeong-social-economy';
const SECTION = `${PLAN}/sections/support-centre`;

const unique = (text: string) => `${text} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

async function postComment(page: Page, kind: string, body: string) {
	const form = page.locator('.new-comment');
	await form.getByRole('radio', { name: kind }).check();
	await form.getByLabel('의견', { exact: true }).fill(body);
	await form.getByRole('button', { name: '의견 남기기' }).click();
}

test('comment, reply, endorse and withdraw', async ({ page }) => {
	await registerParticipant(page, '정다은');
	await gotoReady(page, SECTION);
	const body = unique('센터 인력 확충 일정을 구체적으로 밝혀 주세요.');
	await postComment(page, '제안', body);
	const mine = page.locator('article.comment', { hasText: body });
	await expect(mine).toBeVisible();
	await expect(mine).toContainText('정다은');
	await expect(mine).toContainText('제안');

	// Reply to someone else's comment, then to the reply (threads nest).
	const target = page.locator('article.comment', { hasText: '지원센터가 한 사람이라면' });
	await target.locator('summary', { hasText: '답글' }).click();
	const replyBody = unique('저도 같은 생각입니다.');
	await target.getByRole('radio', { name: '지지' }).check();
	await target.getByLabel('답글', { exact: true }).fill(replyBody);
	await target.getByRole('button', { name: '답글 달기' }).click();
	const reply = page.locator('article.comment', { hasText: replyBody });
	await expect(reply).toBeVisible();
	await expect(page.locator('.replies').filter({ has: reply }).first()).toBeVisible();

	// Endorse once, then withdraw.
	const endorse = target.getByRole('button', { name: /^공감 \d+$/ });
	const before = Number((await endorse.textContent())!.replace(/\D/g, ''));
	await endorse.click();
	const endorsed = target.getByRole('button', { name: /공감함/ });
	await expect(endorsed).toHaveAttribute('aria-pressed', 'true');
	await expect(endorsed).toContainText(String(before + 1));
	await endorsed.click();
	await expect(target.getByRole('button', { name: /^공감 \d+$/ })).toContainText(String(before));
});

test('quote a passage by selecting it; it is highlighted in the text', async ({ page }) => {
	await registerParticipant(page, '홍지우');
	await gotoReady(page, SECTION);
	const passage = '한 사람이 상담, 교육, 행정을 모두 맡는 구조';
	await page.evaluate((text) => {
		const root = document.querySelector('[data-section-body]')!;
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const at = node.textContent!.indexOf(text);
			if (at >= 0) {
				const range = document.createRange();
				range.setStart(node, at);
				range.setEnd(node, at + text.length);
				const selection = window.getSelection()!;
				selection.removeAllRanges();
				selection.addRange(range);
				return;
			}
		}
		throw new Error('passage not found');
	}, passage);
	await page.getByRole('button', { name: '이 부분에 의견 달기' }).click();
	await expect(page.getByLabel('인용한 문장 (선택)')).toHaveValue(passage);
	const body = unique('이 구조부터 바꾸어야 합니다.');
	await postComment(page, '우려', body);
	const comment = page.locator('article.comment', { hasText: body });
	await expect(comment.locator('blockquote.quote')).toContainText(passage);
	const mark = page.locator(`[data-section-body] mark.quoted[data-target="${await comment.getAttribute('id')}"]`);
	await expect(mark.first()).toBeVisible();
	expect((await mark.allTextContents()).join('')).toBe(passage);
});

test('a flagged comment is hidden by a moderator with a reason the public can see', async ({ browser }) => {
	const author = await browser.newContext();
	const authorPage = await author.newPage();
	await registerParticipant(authorPage, '문제글 작성자');
	await gotoReady(authorPage, `${PLAN}/sections/governance`);
	const body = unique('광고: 싸게 팝니다 연락 주세요');
	await postComment(authorPage, '제안', body);
	await expect(authorPage.locator('article.comment', { hasText: body })).toBeVisible();

	const reporter = await browser.newContext();
	const reporterPage = await reporter.newPage();
	await signIn(reporterPage, DEMO.participant);
	await gotoReady(reporterPage, `${PLAN}/sections/governance`);
	const flagged = reporterPage.locator('article.comment', { hasText: body });
	await flagged.locator('summary', { hasText: '신고' }).click();
	await flagged.getByLabel('신고 사유').fill('상업 광고입니다');
	await flagged.getByRole('button', { name: '운영자에게 신고' }).click();
	await expect(flagged.getByRole('status')).toHaveText('신고했습니다. 운영자가 검토합니다.');

	const moderator = await browser.newContext();
	const moderatorPage = await moderator.newPage();
	await signIn(moderatorPage, DEMO.moderator);
	await moderatorPage.goto('/moderation');
	const item = moderatorPage.locator('article.item', { hasText: body });
	await expect(item).toContainText('상업 광고입니다');
	await item.getByLabel('숨기는 사유').fill('광고성 글');
	await item.getByRole('button', { name: '숨기기' }).click();
	await expect(moderatorPage.getByRole('status')).toHaveText('의견을 숨겼습니다.');

	const visitor = await browser.newContext();
	const visitorPage = await visitor.newPage();
	await visitorPage.goto(`${PLAN}/sections/governance`);
	await expect(visitorPage.getByText('운영자가 숨긴 의견입니다. 사유: 광고성 글')).toBeVisible();
	await expect(visitorPage.getByText(body)).toHaveCount(0);

	await moderatorPage.goto(`${PLAN}/sections/governance`);
	await expect(moderatorPage.locator('article.comment', { hasText: body })).toContainText('운영자가 숨긴 의견입니다');

	await moderatorPage.getByRole('button', { name: '로그아웃' }).click();
	await signIn(moderatorPage, DEMO.admin);
	await moderatorPage.goto('/admin/audit');
	await expect(moderatorPage.getByRole('cell', { name: 'comment.hide' }).first()).toBeVisible();
	for (const context of [author, reporter, moderator, visitor]) await context.close();
});

test('a new comment appears for another reader within 2 seconds', async ({ browser }) => {
	const reader = await browser.newContext();
	const readerPage = await reader.newPage();
	await gotoReady(readerPage, `${PLAN}/sections/localisation`);
	await expect(readerPage.getByRole('heading', { name: /의견 \d+개/ })).toBeVisible();
	await readerPage.waitForTimeout(500);

	const writer = await browser.newContext();
	const writerPage = await writer.newPage();
	await registerParticipant(writerPage, '실시간 작성자');
	await gotoReady(writerPage, `${PLAN}/sections/localisation`);
	const body = unique('동 주민센터마다 사회적경제 상담 창구를 두면 어떨까요?');
	await postComment(writerPage, '제안', body);
	await expect(writerPage.locator('article.comment', { hasText: body })).toBeVisible();

	await expect(readerPage.locator('article.comment', { hasText: body })).toBeVisible({ timeout: 2_000 });
	await reader.close();
	await writer.close();
});

test('bad input gets a message beside the field and keeps the text', async ({ page }) => {
	await registerParticipant(page, '검증 시험');
	await gotoReady(page, SECTION);
	const form = page.locator('.new-comment');
	await form.getByLabel('의견', { exact: true }).fill('종류를 고르지 않았습니다');
	await form.getByRole('button', { name: '의견 남기기' }).click();
	await expect(form.getByText('목록에서 하나를 고르세요.')).toBeVisible();
	await expect(form.getByLabel('의견', { exact: true })).toHaveValue('종류를 고르지 않았습니다');

	await form.getByRole('radio', { name: '질문' }).check();
	await form.getByLabel('의견', { exact: true }).fill('   ');
	await form.getByRole('button', { name: '의견 남기기' }).click();
	await expect(form.getByText('필수 항목입니다.')).toBeVisible();
	await expect(form.getByLabel('의견', { exact: true })).toHaveAttribute('aria-invalid', 'true');

	await form.getByLabel('인용한 문장 (선택)').fill('이 계획에 없는 문장입니다');
	await form.getByLabel('의견', { exact: true }).fill('인용 오류 시험');
	await form.getByRole('button', { name: '의견 남기기' }).click();
	await expect(form.getByRole('alert')).toContainText('인용한 문장을 이 장의 본문에서 찾을 수 없습니다');
	await expect(form.getByLabel('의견', { exact: true })).toHaveValue('인용 오류 시험');
});

test('after the session expires the text stays, and can be sent after signing in again', async ({ page, context }) => {
	const email = await registerParticipant(page, '만료 시험');
	await gotoReady(page, SECTION);
	const body = unique('세션이 끝나도 이 글은 사라지면 안 됩니다.');
	const form = page.locator('.new-comment');
	await form.getByRole('radio', { name: '우려' }).check();
	await form.getByLabel('의견', { exact: true }).fill(body);
	await context.clearCookies();
	await form.getByRole('button', { name: '의견 남기기' }).click();
	await expect(form.getByRole('alert')).toContainText('로그인이 끝났습니다');
	await expect(form.getByLabel('의견', { exact: true })).toHaveValue(body);

	const again = page.locator('form.sign-in-again');
	await again.getByLabel('이메일').fill(email);
	await again.getByLabel('비밀번호').fill('e2e-password-1');
	await again.getByRole('button', { name: '로그인' }).click();
	await expect(page.getByText('다시 로그인했습니다. 작성한 내용을 확인하고 보내세요.')).toBeVisible();
	await expect(page.locator('.new-comment').getByLabel('의견', { exact: true })).toHaveValue(body);
	await page.locator('.new-comment').getByRole('button', { name: '의견 남기기' }).click();
	await expect(page.locator('article.comment', { hasText: body })).toHaveCount(1);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('comment and reply with plain forms, and a double submit saves once', async ({ page }) => {
		await registerParticipant(page, '무스크립트', { javaScript: false });
		await page.goto(`${PLAN}/sections/mini-clusters`);
		const body = unique('스크립트 없이도 의견을 남길 수 있어야 합니다.');
		const form = page.locator('.new-comment form').first();
		await form.getByRole('radio', { name: '지지' }).check();
		await form.getByLabel('의견', { exact: true }).fill(body);
		await form.getByLabel('인용한 문장 (선택)').fill('공공 유휴공간을 우선 활용해 임대료 부담을 낮춥니다.');
		const key = await form.locator('input[name="idempotencyKey"]').inputValue();
		await form.getByRole('button', { name: '의견 남기기' }).click();
		const comment = page.locator('article.comment', { hasText: body });
		await expect(comment).toBeVisible();
		await expect(comment.locator('blockquote')).toContainText('공공 유휴공간을 우선 활용해');

		// The same form sent again (a retry after a lost response) creates nothing new.
		const again = await page.request.post(`${PLAN}/sections/mini-clusters?/createComment`, {
			form: { kind: 'support', body, idempotencyKey: key },
			headers: { origin: new URL(page.url()).origin }
		});
		expect(again.status()).toBeLessThan(400);
		await page.reload();
		await expect(page.locator('article.comment', { hasText: body })).toHaveCount(1);

		// A refused form comes back drawn by the server with the text still in it.
		const kept = unique('종류 없이 보낸 글');
		await page.locator('.new-comment form').first().getByLabel('의견', { exact: true }).fill(kept);
		await page.locator('.new-comment form').first().getByRole('button', { name: '의견 남기기' }).click();
		await expect(page.getByText('목록에서 하나를 고르세요.')).toBeVisible();
		await expect(page.locator('.new-comment form').first().getByLabel('의견', { exact: true })).toHaveValue(kept);

		// Without scripts the reply form comes with the page drawn again for it.
		const replyBody = unique('답글도 됩니다.');
		await comment.locator('summary', { hasText: '답글' }).click();
		await comment.getByRole('link', { name: '답글 쓰기' }).click();
		await expect(page).toHaveURL(/[?&]reply=\d+#c-\d+$/);
		await comment.getByRole('radio', { name: '질문' }).check();
		await comment.getByLabel('답글', { exact: true }).fill(replyBody);
		await comment.getByRole('button', { name: '답글 달기' }).click();
		await expect(page.locator('article.comment', { hasText: replyBody })).toBeVisible();
	});
});
