// Signed-in readers are served drawings shared between readers like them (src/lib/server/cache/reader-pages.ts):
// each must still see their own name, their own comments and endorsements, and everyone's writes at once.
import { expect, test } from '@playwright/test';
import { gotoReady, registerParticipant } from './helpers/accounts';

const SECTION = '/plans/gwangmyeong-social-economy/sections/support-centre';

test('two signed-in participants each see their own page, and each other’s writes at once', async ({ browser }) => {
	const [first, second] = await Promise.all([browser.newContext(), browser.newContext()]);
	try {
		const [a, b] = await Promise.all([first.newPage(), second.newPage()]);
		await registerParticipant(a, '윤하늘');
		await registerParticipant(b, '<오세린>');
		for (const page of [a, b, a, b]) await gotoReady(page, SECTION);
		await expect(a.locator('.site-header .who')).toHaveText('윤하늘');
		await expect(b.locator('.site-header .who')).toHaveText('<오세린>');

		// A endorses a comment: A's page shows it endorsed, B's the new count but not as B's own.
		const target = (page: typeof a) => page.locator('article.comment', { hasText: '지원센터가 한 사람이라면' });
		const endorse = target(a).getByRole('button', { name: /^공감 \d+$/ });
		const before = Number((await endorse.textContent())!.replace(/\D/g, ''));
		await endorse.click();
		await expect(target(a).getByRole('button', { name: `공감함 ${before + 1}` })).toHaveAttribute('aria-pressed', 'true');
		await gotoReady(b, SECTION);
		await expect(target(b).getByRole('button', { name: `공감 ${before + 1}` })).toHaveAttribute('aria-pressed', 'false');
		await gotoReady(a, SECTION);
		await expect(target(a).getByRole('button', { name: `공감함 ${before + 1}` })).toHaveAttribute('aria-pressed', 'true');

		// B writes a comment: B can edit it, A sees it at once and cannot.
		const body = `공유 페이지 시험 의견 ${Date.now().toString(36)}`;
		const form = b.locator('.new-comment');
		await form.getByRole('radio', { name: '제안' }).check();
		await form.getByLabel('의견', { exact: true }).fill(body);
		await form.getByRole('button', { name: '의견 남기기' }).click();
		await expect(b.locator('article.comment', { hasText: body }).locator('summary', { hasText: '수정' })).toBeVisible();
		await gotoReady(a, `${SECTION}?sort=newest`);
		const seenByA = a.locator('article.comment', { hasText: body });
		await expect(seenByA).toContainText('<오세린>');
		await expect(seenByA.locator('summary', { hasText: '수정' })).toHaveCount(0);
		await gotoReady(b, `${SECTION}?sort=newest`);
		await expect(b.locator('article.comment', { hasText: body }).locator('summary', { hasText: '수정' })).toBeVisible();
	} finally {
		await Promise.all([first.close(), second.close()]);
	}
});
