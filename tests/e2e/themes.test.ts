import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { DEMO, gotoReady, signIn } from './helpers/accounts';

const PLAN = '/plans/gwangmyeong-social-economy';
const THEME = `${PLAN}/themes/support-centre`;
/** The demo researcher's name (src/lib/server/seed/accounts-content.ts). */
const RESEARCHER = '이서연';

const unique = (text: string) => `${text} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

test('a researcher writes a synthesis and pins a quote; a participant reads both', async ({ browser }) => {
	const researcher = await browser.newPage();
	await signIn(researcher, DEMO.researcher);
	await gotoReady(researcher, THEME);

	const synthesis = unique('지원센터의 **인력 부족**이 가장 많이 지적되었습니다.');
	await researcher.getByLabel('종합 (마크다운)').fill(synthesis);
	await researcher.getByRole('button', { name: '미리 보기' }).click();
	const preview = researcher.getByRole('region', { name: /미리 보기/ });
	await expect(preview.locator('strong')).toHaveText('인력 부족');
	await expect(researcher.getByLabel('종합 (마크다운)')).toHaveValue(synthesis);
	await researcher.getByRole('button', { name: '저장', exact: true }).click();
	await expect(researcher.getByRole('status').filter({ hasText: '종합을 저장했습니다.' })).toBeVisible();
	const published = researcher.locator('#synthesis');
	await expect(published.locator('.prose strong')).toHaveText('인력 부족');
	await expect(published).toContainText(`마지막 수정: ${RESEARCHER}`);

	// Select a passage in the first comment; opening "pin a quote" takes it.
	const comment = researcher.locator('article.hit').first();
	const commentId = Number((await comment.getAttribute('id'))!.replace('c-', ''));
	const passage = await comment.locator('[data-comment-body]').evaluate((body) => {
		const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
		const node = walker.nextNode()!;
		const words = node.textContent!.trim().split(/\s+/).slice(0, 3).join(' ');
		const start = node.textContent!.indexOf(words);
		const range = document.createRange();
		range.setStart(node, start);
		range.setEnd(node, start + words.length);
		const selection = window.getSelection()!;
		selection.removeAllRanges();
		selection.addRange(range);
		return words;
	});
	await comment.locator('summary', { hasText: '인용으로 고정' }).click();
	await expect(comment.getByLabel('인용할 부분')).toHaveValue(passage);
	await comment.getByRole('button', { name: '고정하기' }).click();
	const quote = researcher.locator('ol.quotes li', { hasText: passage }).last();
	await expect(quote.locator(`a[href="/comments/${commentId}"]`)).toBeVisible();

	// A passage the comment does not contain is refused, and what was typed stays.
	await comment.locator('summary', { hasText: '인용으로 고정' }).click();
	await comment.getByLabel('인용할 부분').fill('의견에 없는 지어낸 문장');
	await comment.getByRole('button', { name: '고정하기' }).click();
	await expect(comment.locator('.field-error')).toHaveText('인용할 부분이 의견 본문에 그대로 있어야 합니다.');
	await expect(comment.getByLabel('인용할 부분')).toHaveValue('의견에 없는 지어낸 문장');
	await researcher.close();

	const participant = await browser.newPage();
	await signIn(participant, DEMO.participant);
	await gotoReady(participant, THEME);
	await expect(participant.locator('#synthesis .prose')).toContainText(synthesis.replace(/\*\*/g, ''));
	await expect(participant.locator('#synthesis')).toContainText(`마지막 수정: ${RESEARCHER}`);
	const shown = participant.locator('ol.quotes li', { hasText: passage }).last();
	await expect(shown.locator('blockquote')).toHaveText(passage);
	await expect(participant.getByLabel('종합 (마크다운)')).toHaveCount(0);
	await expect(participant.getByText('인용으로 고정')).toHaveCount(0);
	await shown.getByRole('link', { name: '의견 보기' }).click();
	await expect(participant).toHaveURL(new RegExp(`/comments/${commentId}$`));
	await participant.close();
});

test("a save over a colleague's newer synthesis is refused, keeping the text and showing theirs", async ({ browser }) => {
	const open = async () => {
		const page = await browser.newPage();
		await signIn(page, DEMO.researcher);
		await gotoReady(page, `${PLAN}/themes/lifelong-learning`);
		return page;
	};
	const mine = await open();
	const theirs = await open();
	const newer = unique('평생학습원이 사람을 잇는 거점이라는 의견이 이어졌습니다.');
	await theirs.getByLabel('종합 (마크다운)').fill(newer);
	await theirs.getByRole('button', { name: '저장', exact: true }).click();
	await expect(theirs.getByText('종합을 저장했습니다.')).toBeVisible();

	const typed = unique('내가 쓰던 종합입니다.');
	await mine.getByLabel('종합 (마크다운)').fill(typed);
	await mine.getByRole('button', { name: '저장', exact: true }).click();
	await expect(mine.getByRole('alert')).toContainText('다른 연구자가 이 종합을 고쳤습니다');
	await expect(mine.locator('.newer')).toContainText(newer);
	await expect(mine.getByLabel('종합 (마크다운)')).toHaveValue(typed);

	// Saving again, having seen theirs, replaces it.
	await mine.getByRole('button', { name: '저장', exact: true }).click();
	await expect(mine.getByText('종합을 저장했습니다.')).toBeVisible();
	await expect(mine.locator('#synthesis .prose')).toContainText(typed);
	await mine.close();
	await theirs.close();
});

test('a researcher downloads the CSV; a participant may not', async ({ browser }) => {
	const researcher = await browser.newPage();
	await signIn(researcher, DEMO.researcher);
	await gotoReady(researcher, `${PLAN}/themes`);
	const [download] = await Promise.all([researcher.waitForEvent('download'), researcher.getByRole('link', { name: 'CSV 내려받기' }).click()]);
	expect(download.suggestedFilename()).toMatch(/-의견-\d{4}-\d\d-\d\d\.csv$/);
	const bytes = await readFile((await download.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][];
	expect(rows[0].slice(0, 4)).toEqual(['의견 번호', '상위 의견 번호', '장 키', '장 제목']);
	expect(rows.some((row) => row[3] === '사회적경제 지원센터 운영' && row[15].includes('지원센터'))).toBe(true);
	await researcher.close();

	const participant = await browser.newPage();
	await signIn(participant, DEMO.participant);
	await gotoReady(participant, `${PLAN}/themes`);
	await expect(participant.getByRole('link', { name: 'CSV 내려받기' })).toHaveCount(0);
	for (const path of [`${PLAN}/export.csv`, `${PLAN}/export.json`]) {
		expect((await participant.request.get(path)).status(), path).toBe(403);
	}
	await participant.close();
});

test('search finds a two-syllable term in comments and plan text, highlighted', async ({ page }) => {
	// The plan page ships no script, so there is nothing to wait for beyond the load.
	await page.goto(PLAN);
	await page.getByRole('link', { name: '검색', exact: true }).click();
	await page.getByLabel('찾을 말').fill('센터');
	await page.getByRole('button', { name: '검색', exact: true }).click();
	await expect(page).toHaveURL(/q=%EC%84%BC%ED%84%B0/);
	await expect(page.getByRole('status')).toContainText('‘센터’ 검색 결과');
	const comments = page.locator('#comment-results article.hit');
	await expect(comments.first()).toBeVisible();
	for (const hit of await comments.all()) await expect(hit.locator('mark').first()).toHaveText('센터');
	await expect(page.locator('.section-hits mark').first()).toHaveText('센터');

	// Narrowed to a stakeholder group, every hit belongs to it.
	await page.getByLabel('이해관계자 구분').selectOption('intermediary');
	await page.getByRole('button', { name: '검색', exact: true }).click();
	await expect(page).toHaveURL(/group=intermediary/);
	const narrowed = await page.locator('#comment-results article.hit').all();
	expect(narrowed.length).toBeGreaterThan(0);
	for (const hit of narrowed) await expect(hit.locator('.hit-head .badge').first()).toHaveText('중간지원조직');
});

test('the dashboard shows counts as charts and as tables, linked to the theme pages', async ({ page }) => {
	await gotoReady(page, `${PLAN}/themes`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('주제 분석');
	await expect(page.locator('.totals')).toContainText(/의견 \d+개 가운데 \d+개/);
	const chart = page.locator('section.chart').first();
	await expect(chart.locator('svg.heatmap')).toBeVisible();
	// Until asked for, the table is there for screen readers only.
	await expect(chart.locator('.table-wrap')).toHaveClass(/visually-hidden/);
	await chart.getByRole('button', { name: '표로 보기' }).click();
	await expect(chart.locator('table')).toBeVisible();
	await expect(chart.locator('.table-wrap')).not.toHaveClass(/visually-hidden/);
	await expect(chart.locator('svg.heatmap')).toBeHidden();
	const cell = chart.locator('tbody a').filter({ hasText: /^\d+$/ }).first();
	const count = Number(await cell.textContent());
	await cell.click();
	await expect(page).toHaveURL(/\/themes\/[a-z-]+\?section=[a-z0-9-]+/);
	const section = new URL(page.url()).searchParams.get('section');
	const hits = page.locator('#comments article.hit');
	await expect(hits).toHaveCount(count);
	for (const hit of await hits.all()) await expect(hit.locator('.where a')).toHaveAttribute('href', `${PLAN}/sections/${section}`);
});

test('the analysis pages pass an accessibility check', async ({ page }) => {
	await signIn(page, DEMO.researcher);
	for (const path of [`${PLAN}/themes`, THEME, `${PLAN}/search?q=센터`, `${PLAN}/themes/report`]) {
		await gotoReady(page, path);
		const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		expect(
			results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
			path
		).toEqual([]);
	}
});

test('the themes report downloads as Word; where the page is 404 (a plan with only a draft) so is the document', async ({ browser, page }) => {
	await gotoReady(page, `${PLAN}/themes/report`);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Word 문서로 내려받기' }).click()]);
	expect(download.suggestedFilename()).toBe('광명시 사회적경제 기본계획 (2016~2020) 주제별 종합 보고서.docx');
	const bytes = await readFile((await download.path())!);
	expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
	const xml = strFromU8(unzipSync(bytes)['word/document.xml']);
	expect(xml).toContain('주제별 종합 보고서');
	expect(xml).toContain('연구진 종합');
	expect(xml).toContain('광명시 사회적경제 기본계획');

	const response = await page.request.get(`${PLAN}/themes/report/report.docx`);
	expect(response.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
	expect(response.headers()['content-disposition']).toContain(`filename="gwangmyeong-social-economy-theme-report.docx"; filename*=UTF-8''`);
	// The reader's language: the English reader's document has English headings.
	const english = await browser.newContext({ locale: 'en-US' });
	const inEnglish = await english.request.get(`${PLAN}/themes/report/report.docx`, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
	expect(strFromU8(unzipSync(await inEnglish.body())['word/document.xml'])).toContain('Theme report');
	await english.close();

	// A plan an official has created but not published: the page and the document exist for officials only.
	const official = await browser.newPage();
	await signIn(official, DEMO.official);
	const slug = `e2e-docx-${Date.now().toString(36)}`;
	await gotoReady(official, '/plans/new');
	await official.getByLabel('계획 이름').fill('공개 전 계획 (시험)');
	await official.getByLabel('주소').fill(slug);
	await official.getByLabel('작성 기관').fill('광명시');
	await official.getByRole('button', { name: '계획 만들기' }).click();
	await expect(official).toHaveURL(new RegExp(`/plans/${slug}/edit`));
	expect((await official.request.get(`/plans/${slug}/themes/report`)).status()).toBe(200);
	expect((await official.request.get(`/plans/${slug}/themes/report/report.docx`)).status()).toBe(200);
	await official.close();

	const participant = await browser.newPage();
	await signIn(participant, DEMO.participant);
	const signedOut = await browser.newContext();
	for (const client of [participant.request, signedOut.request]) {
		expect((await client.get(`/plans/${slug}/themes/report`)).status()).toBe(404);
		const refused = await client.get(`/plans/${slug}/themes/report/report.docx`);
		expect(refused.status()).toBe(404);
		expect(refused.headers()['content-type']).not.toContain('wordprocessingml');
	}
	await participant.close();
	await signedOut.close();
});
