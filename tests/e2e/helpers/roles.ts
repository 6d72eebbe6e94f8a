// Signed-in browser contexts without a sign-in per test: each worker signs each demo role in once
// (through the form, as a person would) and keeps the cookies as a storageState for new contexts.
import { test as base, type Browser, type BrowserContext, type BrowserContextOptions } from '@playwright/test';
import { DEMO, signIn } from './accounts';

export type Role = keyof typeof DEMO;
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export const test = base.extend<
	{ signedIn: (role: Role, options?: BrowserContextOptions) => Promise<BrowserContext> },
	{ roleState: (role: Role) => Promise<StorageState> }
>({
	roleState: [
		async ({ browser }, use, workerInfo) => {
			const states = new Map<Role, Promise<StorageState>>();
			const baseURL = workerInfo.project.use.baseURL;
			await use((role) => {
				if (!states.has(role)) states.set(role, signInOnce(browser, baseURL, role));
				return states.get(role)!;
			});
		},
		{ scope: 'worker' }
	],
	/** A new context signed in as `role` (closed after the test), Seoul time, Korean unless told. */
	signedIn: async ({ browser, roleState }, use) => {
		const contexts: BrowserContext[] = [];
		await use(async (role, options = {}) => {
			const context = await browser.newContext({
				locale: 'ko-KR',
				timezoneId: 'Asia/Seoul',
				...options,
				storageState: await roleState(role)
			});
			contexts.push(context);
			return context;
		});
		for (const context of contexts) await context.close();
	}
});

async function signInOnce(browser: Browser, baseURL: string | undefined, role: Role): Promise<StorageState> {
	const context = await browser.newContext({ baseURL, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
	try {
		await signIn(await context.newPage(), DEMO[role]);
		return await context.storageState();
	} finally {
		await context.close();
	}
}
