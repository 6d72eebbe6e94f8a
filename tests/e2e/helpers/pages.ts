import type { Page } from '@playwright/test';

/**
 * Opens a page and, when it ships scripts, waits until they have taken over. Pages that render
 * without any (`csr = false`, such as the plan itself) are ready once loaded.
 */
export async function gotoSettled(page: Page, url: string): Promise<void> {
	await page.goto(url);
	if ((await page.locator('script').count()) > 0) {
		await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
	}
}
