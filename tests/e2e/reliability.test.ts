import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServerDatabase } from '../helpers/server-database';
import { allComments, postCommentOver, registerOver, startApp } from './helpers/server';
import { tcpProxy } from './helpers/proxy';

const onServer = !!process.env.TEST_DATABASE_URL;
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A database of the kind this run tests (a PGlite folder, or a new database on the server). */
async function freshDatabase(): Promise<{ env: Record<string, string>; dispose: () => Promise<void> }> {
	if (onServer) {
		const { url, drop } = await createServerDatabase('rel');
		return { env: { DATABASE_URL: url }, dispose: drop };
	}
	const dir = mkdtempSync(path.join(tmpdir(), 'plan-rel-'));
	return { env: { PGLITE_DIR: dir }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

test('50 concurrent comment submissions from different users: exactly 50 stored', async ({ baseURL }) => {
	const url = baseURL!;
	const cookies = await Promise.all(Array.from({ length: 50 }, (_, i) => registerOver(url, `동시 참여자 ${i}`)));
	const tag = `동시 제출 ${unique()}`;
	const responses = await Promise.all(cookies.map((cookie, i) => postCommentOver(url, cookie, 'sustainability', `${tag} #${i}`)));
	expect(responses.map((r) => r.status)).toEqual(Array(50).fill(303));
	const stored = (await allComments(url)).filter((c) => c.body?.startsWith(tag));
	expect(stored).toHaveLength(50);
	expect(new Set(stored.map((c) => c.body)).size).toBe(50);
});

test('killed in the middle of writing, restarted: no acknowledged comment is lost', async () => {
	test.setTimeout(180_000);
	const database = await freshDatabase();
	try {
		let app = await startApp(database.env);
		const cookie = await registerOver(app.url, '중단 시험');
		const tag = `중단 ${unique()}`;
		const acknowledged: string[] = [];
		let stop = false;
		const writer = async (worker: number) => {
			for (let i = 0; !stop; i++) {
				const body = `${tag} ${worker}-${i}`;
				try {
					const response = await postCommentOver(app.url, cookie, 'implementation', body);
					if (response.status === 303) acknowledged.push(body);
				} catch {
					return; // the server died under this request: not acknowledged
				}
			}
		};
		const writers = [0, 1, 2, 3].map(writer);
		while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
		await app.kill();
		stop = true;
		await Promise.all(writers);

		app = await startApp(database.env);
		try {
			const stored = (await allComments(app.url)).map((c) => c.body).filter((b): b is string => !!b?.startsWith(tag));
			for (const body of acknowledged) expect(stored).toContain(body);
			expect(new Set(stored).size).toBe(stored.length);
		} finally {
			await app.stop();
		}
	} finally {
		await database.dispose();
	}
});

test('the embedded data folder refuses a second process with a clear message', async () => {
	test.skip(onServer, 'the lock guards the embedded database only');
	const database = await freshDatabase();
	try {
		const first = await startApp(database.env);
		try {
			const second = await startApp(database.env, { waitHealthy: false });
			await new Promise<void>((resolve) => second.process.once('exit', () => resolve()));
			expect(second.process.exitCode).toBe(1);
			expect(second.output()).toContain('in use by another process');
			expect(second.output()).toContain('PGLITE_DIR');
		} finally {
			await first.stop();
		}
	} finally {
		await database.dispose();
	}
});

test.describe('when the database server becomes unreachable', () => {
	test.skip(!onServer, 'needs a PostgreSQL server (TEST_DATABASE_URL)');

	test('pages answer 503, the comment being written stays, and the app recovers by itself', async ({ page }) => {
		test.setTimeout(120_000);
		const { url: direct, drop } = await createServerDatabase('outage');
		const target = new URL(direct);
		const proxy = await tcpProxy(Number(target.port || 5432), target.hostname);
		const proxied = new URL(direct);
		proxied.port = String(proxy.port);
		proxied.hostname = '127.0.0.1';
		// The page's live-comment stream stays open, so a graceful stop would wait adapter-node's 30 s.
		const app = await startApp({ DATABASE_URL: proxied.href, SHUTDOWN_TIMEOUT: '1' });
		// This test failed once in CI and in no run here since; if it fails again, its output says
		// what the page was answered and what the app logged.
		const answers: string[] = [];
		const started = Date.now();
		page.on('response', (r) => answers.push(`${Date.now() - started} ms ${r.status()} ${r.request().method()} ${r.url()}`));
		page.on('requestfailed', (r) => answers.push(`${Date.now() - started} ms failed ${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
		try {
			await page.goto(`${app.url}/login`);
			await page.getByLabel('이메일').fill('participant@example.org');
			await page.getByLabel('비밀번호').fill('demo-password');
			await page.getByRole('button', { name: '로그인' }).click();
			await expect(page.getByRole('button', { name: '로그아웃' })).toBeVisible();
			await page.goto(`${app.url}/plans/gwangmyeong-social-economy/sections/localisation`);
			await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
			const text = `장애 중에 쓴 글 ${unique()}`;
			const form = page.locator('.new-comment');
			await form.getByRole('radio', { name: '제안' }).check();
			await form.getByLabel('의견', { exact: true }).fill(text);

			proxy.cut();
			const down = await fetch(`${app.url}/`, { headers: { accept: 'text/html' } });
			expect(down.status).toBe(503);
			expect(await down.text()).toContain('데이터베이스에 연결할 수 없습니다');
			expect((await fetch(`${app.url}/healthz`)).status).toBe(503);

			await form.getByRole('button', { name: '의견 남기기' }).click();
			await expect(form.getByRole('alert')).toContainText('데이터베이스에 연결할 수 없습니다');
			await expect(form.getByLabel('의견', { exact: true })).toHaveValue(text);

			proxy.restore();
			await expect.poll(async () => (await fetch(`${app.url}/healthz`)).status, { timeout: 30_000 }).toBe(200);
			await form.getByRole('button', { name: '의견 남기기' }).click();
			await expect(page.locator('article.comment', { hasText: text })).toBeVisible();
		} catch (error) {
			const alerts = await page
				.locator('[role=alert]')
				.allTextContents()
				.catch(() => []);
			console.log(`[outage test] page ${page.url()}, alerts ${JSON.stringify(alerts)}\n${answers.join('\n')}\n[app]\n${app.output()}`);
			throw error;
		} finally {
			await app.stop();
			await proxy.close();
			await drop();
		}
	});
});
