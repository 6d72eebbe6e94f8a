// "Sign out everywhere else" on /me: every other session of the person ends, this one stays.
import { expect, test } from '@playwright/test';
import { gotoReady, registerParticipant, signIn } from './helpers/accounts';

const CONTEXT = { locale: 'ko-KR', timezoneId: 'Asia/Seoul' };

async function meWith(baseURL: string, cookie: string): Promise<number> {
	return (await fetch(`${baseURL}/me`, { redirect: 'manual', headers: { cookie } })).status;
}

test('sign out everywhere else ends the other sessions and keeps this one', async ({ browser, baseURL }) => {
	const here = await browser.newContext(CONTEXT);
	const phone = await browser.newContext(CONTEXT);
	const library = await browser.newContext(CONTEXT);
	try {
		const mine = await here.newPage();
		const email = await registerParticipant(mine, '모두 로그아웃');
		const others = [await phone.newPage(), await library.newPage()];
		for (const page of others) await signIn(page, email, 'e2e-password-1');
		const tokens = await Promise.all([phone, library].map(async (context) => (await context.cookies()).find((c) => c.name === 'session')!.value));
		for (const token of tokens) expect(await meWith(baseURL!, `session=${token}`)).toBe(200);

		await gotoReady(mine, '/me');
		const card = mine.getByRole('region', { name: '로그인된 기기' });
		await expect(card).toContainText('이 브라우저 말고 로그인된 곳: 2곳');
		await expect(card).toContainText('10일 동안 쓰지 않거나, 로그인한 지 30일이 지나면');
		await card.locator('summary', { hasText: '다른 기기에서 모두 로그아웃' }).click();
		await expect(card).toContainText('이 브라우저를 뺀 다른 모든 곳에서 로그아웃할까요?');
		for (const token of tokens) expect(await meWith(baseURL!, `session=${token}`), 'nothing ends before it is confirmed').toBe(200);
		await card.getByRole('button', { name: '모두 로그아웃하기' }).click();
		await expect(mine.getByRole('status')).toHaveText('다른 기기에서 모두 로그아웃했습니다. 이 브라우저는 로그인된 채로 있습니다.');
		await expect(card).toContainText('이 브라우저 말고 로그인된 곳: 0곳');

		for (const token of tokens) expect(await meWith(baseURL!, `session=${token}`)).toBe(303);
		await others[0].goto('/me');
		await expect(others[0]).toHaveURL(/\/login\?redirectTo=%2Fme/);
		await mine.reload();
		await expect(mine.getByRole('heading', { name: '내 정보' })).toBeVisible();
		const current = (await here.cookies()).find((c) => c.name === 'session')!.value;
		expect(await meWith(baseURL!, `session=${current}`)).toBe(200);
	} finally {
		await Promise.all([here.close(), phone.close(), library.close()]);
	}
});
