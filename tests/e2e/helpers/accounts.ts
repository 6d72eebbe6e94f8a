import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO = {
	admin: 'admin@example.org',
	official: 'official@example.org',
	researcher: 'researcher@example.org',
	moderator: 'moderator@example.org',
	participant: 'participant@example.org'
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await gotoReady(page, '/login');
	await page.getByLabel('이메일').fill(email);
	await page.getByLabel('비밀번호').fill(password);
	await page.getByRole('button', { name: '로그인' }).click();
	await expect(page.getByRole('button', { name: '로그아웃' })).toBeVisible();
}

let counter = 0;
export function uniqueEmail(prefix = 'e2e'): string {
	return `${prefix}-${Date.now().toString(36)}-${counter++}@example.org`;
}

/** Registers a new participant through the form and leaves them signed in. */
export async function registerParticipant(page: Page, name = '테스트 참여자', options: { javaScript?: boolean } = {}): Promise<string> {
	const email = uniqueEmail();
	if (options.javaScript === false) await page.goto('/register');
	else await gotoReady(page, '/register');
	await page.getByLabel('이메일').fill(email);
	await page.getByLabel('이름').fill(name);
	await page.getByLabel('소속', { exact: true }).fill('광명 마을공동체');
	await page.getByLabel('이해관계자 구분').selectOption('citizen');
	await page.getByLabel('비밀번호', { exact: true }).fill('e2e-password-1');
	await page.getByLabel('비밀번호 확인').fill('e2e-password-1');
	await page.getByRole('button', { name: '가입하기' }).click();
	await expect(page.getByRole('heading', { name: '내 정보' })).toBeVisible();
	return email;
}

/** Opens a page and waits until its scripts have taken over (forms enhanced, live updates on). */
export async function gotoReady(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
}
