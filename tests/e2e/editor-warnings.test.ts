// Removing a section people have commented on is asked about first, with the count and where the
// comments go. Uses the demo plan's next draft, discarded at the end (nobody but officials sees it).
import { expect, test } from '@playwright/test';
import { DEMO, gotoReady, signIn } from './helpers/accounts';

const PLAN = '/plans/gwangmyeong-social-economy';

test('removing a commented section warns first, with the count, and the comments stay', async ({ page }) => {
	await signIn(page, DEMO.official);
	await gotoReady(page, `${PLAN}/edit`);
	const start = page.getByRole('button', { name: '다음 안 초안 시작' });
	if (await start.isVisible()) {
		await start.click();
		await expect(page.getByText('초안을 만들었습니다.')).toBeVisible();
	}
	await page.waitForLoadState('networkidle');
	const card = page
		.locator('li.section-card')
		.filter({ has: page.locator('h3.section-legend', { hasText: '지원센터' }) })
		.first();
	await expect(card.getByText(/이 장에 의견 \d+건이 있습니다\. 삭제해도 의견은 지금까지의 안에 남습니다\./)).toBeVisible();
	const heading = await card.locator('h3.section-legend').innerText();
	const before = await page.locator('li.section-card').count();

	const questions: string[] = [];
	page.once('dialog', (dialog) => {
		questions.push(dialog.message());
		void dialog.dismiss();
	});
	await card.getByRole('button', { name: /장 삭제$/ }).click();
	expect(questions).toHaveLength(1);
	expect(questions[0]).toMatch(/장에는 의견이 \d+건 있습니다\. 이 장을 삭제할까요\? 의견은 지금까지의 안에 그대로 남고/);
	await expect(page.locator('li.section-card')).toHaveCount(before);

	page.once('dialog', (dialog) => void dialog.accept());
	await card.getByRole('button', { name: /장 삭제$/ }).click();
	await expect(page.locator('li.section-card')).toHaveCount(before - 1);
	await expect(page.locator('h3.section-legend', { hasText: heading })).toHaveCount(0);

	// Nothing was saved: discard the draft, the published plan and its comments are as they were.
	page.once('dialog', (dialog) => void dialog.accept());
	await page.getByText('초안 버리기', { exact: true }).click();
	await page.getByRole('button', { name: /차안 초안 버리기/ }).click();
	await expect(page.getByText('초안을 버렸습니다.')).toBeVisible();
	await page.goto(`${PLAN}/sections/support-centre`);
	await expect(page.locator('article.comment').first()).toBeVisible();
});
