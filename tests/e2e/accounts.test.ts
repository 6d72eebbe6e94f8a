import { expect, test } from '@playwright/test';
import { DEMO, registerParticipant, signIn, uniqueEmail } from './helpers/accounts';

test('a visitor registers, signs out and signs in again', async ({ page }) => {
	const email = await registerParticipant(page, '김하늘');
	await expect(page.getByText('가입을 환영합니다')).toBeVisible();
	await expect(page.getByText('김하늘').first()).toBeVisible();

	await page.getByRole('button', { name: '로그아웃' }).click();
	await expect(page.getByRole('link', { name: '로그인' })).toBeVisible();
	await page.goto('/me');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fme/);

	await page.getByLabel('이메일').fill(email);
	await page.getByLabel('비밀번호').fill('e2e-password-1');
	await page.getByRole('button', { name: '로그인' }).click();
	await expect(page).toHaveURL(/\/me$/);
	await expect(page.getByRole('heading', { name: '내 정보' })).toBeVisible();
});

test('registration errors appear beside the fields and keep what was typed', async ({ page }) => {
	// Typing starts before the page's scripts take over: nothing typed may be lost when they do.
	await page.goto('/register');
	await page.getByLabel('이메일').fill('not-an-email');
	await page.getByLabel('이름').fill('박서준');
	await page.getByLabel('소속', { exact: true }).fill('광명 사회적협동조합');
	await page.getByLabel('비밀번호', { exact: true }).fill('short');
	await page.getByLabel('비밀번호 확인').fill('different');
	await page.getByRole('button', { name: '가입하기' }).click();

	await expect(page.getByText('올바른 이메일 주소를 입력하세요.')).toBeVisible();
	await expect(page.getByText('비밀번호는 10자 이상이어야 합니다.')).toBeVisible();
	await expect(page.getByText('목록에서 하나를 고르세요.').or(page.getByText('필수 항목입니다.'))).toBeVisible();
	await expect(page.getByLabel('이메일')).toHaveValue('not-an-email');
	await expect(page.getByLabel('이름')).toHaveValue('박서준');
	await expect(page.getByLabel('소속', { exact: true })).toHaveValue('광명 사회적협동조합');
	await expect(page.getByLabel('비밀번호', { exact: true })).toHaveValue('');
	await expect(page.getByLabel('이메일')).toHaveAttribute('aria-invalid', 'true');
});

test('a wrong password says so without telling whether the account exists', async ({ page }) => {
	for (const email of [DEMO.participant, uniqueEmail('nobody')]) {
		await page.goto('/login');
		await page.getByLabel('이메일').fill(email);
		await page.getByLabel('비밀번호').fill('wrong-password');
		await page.getByRole('button', { name: '로그인' }).click();
		await expect(page.getByRole('alert')).toHaveText('이메일 또는 비밀번호가 맞지 않습니다.');
		await expect(page.getByLabel('이메일')).toHaveValue(email);
	}
});

test('anyone reads the demo plan with its sections rendered', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
	await page.getByRole('link', { name: '광명시 사회적경제 기본계획 (2016~2020)' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '광명시 사회적경제 기본계획 (2016~2020)' })).toBeVisible();
	const toc = page.getByRole('complementary', { name: '목차' });
	await expect(toc.getByRole('link')).not.toHaveCount(0);
	expect(await toc.getByRole('link').count()).toBeGreaterThanOrEqual(8);
	await expect(page.getByRole('heading', { name: /사회적경제 지원센터 운영/ })).toBeVisible();
	await expect(page.locator('#s-support-centre .prose li').first()).toBeVisible();
	await expect(page.getByText('의견 접수 중')).toBeVisible();
});

// A newly registered person, not the demo participant: the authorization matrix runs beside this
// test and would see the demo participant as a moderator for a moment.
test('a participant is refused at /admin with 403, an admin manages roles', async ({ page }) => {
	const email = await registerParticipant(page, '역할 시험 참여자');
	const refused = await page.goto('/admin/users');
	expect(refused?.status()).toBe(403);
	await expect(page.getByRole('heading', { name: '권한이 없습니다' })).toBeVisible();

	await page.getByRole('button', { name: '로그아웃' }).click();
	await signIn(page, DEMO.admin);
	const allowed = await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
	expect(allowed?.status()).toBe(200);
	const row = page.getByRole('row').filter({ hasText: email });
	await expect(row).toBeVisible();
	await row.getByRole('checkbox', { name: '운영자' }).check();
	await row.getByRole('button', { name: '역할 시험 참여자의 역할 저장' }).click();
	await expect(page.getByRole('status')).toHaveText('역할을 저장했습니다.');
	await expect(page.getByRole('row').filter({ hasText: email }).getByRole('checkbox', { name: '운영자' })).toBeChecked();
	await row.getByRole('checkbox', { name: '운영자' }).uncheck();
	await row.getByRole('button', { name: '역할 시험 참여자의 역할 저장' }).click();
	await expect(page.getByRole('status')).toHaveText('역할을 저장했습니다.');
	await page.goto('/admin/audit');
	await expect(page.getByRole('cell', { name: 'user.roles' }).first()).toBeVisible();
});
