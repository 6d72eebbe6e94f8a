import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DEMO, gotoReady, registerParticipant, signIn } from './helpers/accounts';

const PLAN = '/plans/gwangmyeong-social-economy';

const unique = (text: string) => `${text} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** A participant writes a comment of their own, so the test codes something no other test touches. */
async function commentAsParticipant(page: Page, section: string, body: string, kind = '제안'): Promise<number> {
	await registerParticipant(page, '윤서진');
	await gotoReady(page, `${PLAN}/sections/${section}`);
	const form = page.locator('.new-comment');
	await form.getByRole('radio', { name: kind }).check();
	await form.getByLabel('의견', { exact: true }).fill(body);
	await form.getByRole('button', { name: '의견 남기기' }).click();
	const article = page.locator('article.comment', { hasText: body });
	await expect(article).toBeVisible();
	return Number((await article.getAttribute('id'))!.replace('c-', ''));
}

test('a researcher tags a comment from the queue, accepts a suggestion and untags', async ({ browser }) => {
	const participant = await browser.newPage();
	const body = unique('미니 클러스터에 입주할 기업의 임대료를 낮춰 주세요.');
	const id = await commentAsParticipant(participant, 'mini-clusters', body);
	await participant.close();

	const page = await browser.newPage();
	await signIn(page, DEMO.researcher);
	await gotoReady(page, `${PLAN}/coding?section=mini-clusters&state=all`);
	const item = page.locator(`#c-${id}`);
	await expect(item).toContainText(body);
	await expect(item).toContainText('아직 아무도 분류하지 않음');
	const suggestion = item.locator('.suggestion[data-theme="mini-clusters"]');
	await expect(suggestion).toContainText("키워드 '미니 클러스터'");

	// The API gives exactly the suggestions shown, in the same order.
	const shown = await item.locator('.suggestion').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.theme));
	const api = await page.request.get(`/api/v1/comments/${id}/suggestions`);
	expect(api.status()).toBe(200);
	expect(((await api.json()) as { theme: string }[]).map((s) => s.theme)).toEqual(shown);

	// Tag by hand.
	await item.getByLabel('주제 달기').selectOption({ label: '지역화와 마을' });
	await item.getByRole('button', { name: '달기', exact: true }).click();
	const mine = item.getByRole('list', { name: '내가 단 주제' });
	await expect(mine).toContainText('지역화와 마을');
	await expect(item).not.toContainText('아직 아무도 분류하지 않음');

	// Accept a suggestion: it becomes a tag and is no longer suggested.
	await item.getByRole('button', { name: "'미니 클러스터' 제안 수락" }).click();
	await expect(mine).toContainText('미니 클러스터');
	await expect(suggestion).toHaveCount(0);
	const after = (await (await page.request.get(`/api/v1/comments/${id}/suggestions`)).json()) as { theme: string }[];
	expect(after.map((s) => s.theme)).not.toContain('mini-clusters');

	// Untag.
	await item.getByRole('button', { name: "'지역화와 마을' 주제 떼기" }).click();
	await expect(mine).not.toContainText('지역화와 마을');
	await expect(mine).toContainText('미니 클러스터');

	// Reject what is left: it is gone and stays gone after a reload.
	const remaining = await item.locator('.suggestion').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.theme!));
	for (const theme of remaining) {
		await item
			.locator(`.suggestion[data-theme="${theme}"]`)
			.getByRole('button', { name: /제안 거절$/ })
			.click();
		await expect(item.locator(`.suggestion[data-theme="${theme}"]`)).toHaveCount(0);
	}
	await gotoReady(page, `${PLAN}/coding?section=mini-clusters&state=all`);
	await expect(page.locator(`#c-${id} .suggestion`)).toHaveCount(0);
	await page.close();
});

test('coding works from a thread without JavaScript and returns to the comment', async ({ browser }) => {
	const writer = await browser.newPage();
	const body = unique('공공구매 비율을 정하고 실적을 공개해 주세요.');
	const id = await commentAsParticipant(writer, 'sustainability', body);
	await writer.close();

	// Signed in as usual, then the same session in a browser that runs no scripts.
	const signedIn = await browser.newContext();
	await signIn(await signedIn.newPage(), DEMO.researcher);
	const context = await browser.newContext({ javaScriptEnabled: false, storageState: await signedIn.storageState() });
	await signedIn.close();
	const page = await context.newPage();
	await page.goto(`${PLAN}/sections/sustainability?sort=newest`);
	const article = page.locator(`#c-${id}`);
	const panel = article.getByRole('group', { name: '연구진 분류' });
	await expect(panel).toBeVisible();
	await panel.getByLabel('주제 달기').selectOption({ label: '실행력과 예산' });
	await panel.getByRole('button', { name: '달기', exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`/sections/sustainability\\?sort=newest#c-${id}$`));
	await expect(page.locator(`#c-${id}`).getByRole('list', { name: '내가 단 주제' })).toContainText('실행력과 예산');

	await page.locator(`#c-${id}`).getByRole('button', { name: "'판로·품질·공공구매' 제안 수락" }).click();
	await expect(page).toHaveURL(new RegExp(`#c-${id}$`));
	await expect(page.locator(`#c-${id}`).getByRole('list', { name: '내가 단 주제' })).toContainText('판로·품질·공공구매');
	await context.close();
});

test('the suggestions shown are rejected all at once, and the queue keeps its filters', async ({ browser }) => {
	const writer = await browser.newPage();
	const body = unique('조합원 교육은 누가 맡나요? 생협 조합원 모임과 이어지면 좋겠습니다.');
	const id = await commentAsParticipant(writer, 'cooperation', body, '질문');
	await writer.close();

	const page = await browser.newPage();
	await signIn(page, DEMO.researcher);
	// Only this test's participants write citizens' questions on cooperation.
	const filtered = `${PLAN}/coding?state=all&section=cooperation&group=citizen&kind=question`;
	await gotoReady(page, filtered);
	const item = page.locator(`#c-${id}`);
	await expect(item.locator('.suggestion[data-theme="cooperatives"]')).toBeVisible();
	const count = await page.locator('.suggestion').count();
	await page.getByRole('button', { name: `보이는 제안 ${count}개 모두 거절` }).click();
	await expect(page.getByRole('status').filter({ hasText: `제안 ${count}개를 거절했습니다.` })).toBeVisible();
	await expect(page).toHaveURL(/section=cooperation&group=citizen&kind=question/);
	await expect(item.locator('.suggestion')).toHaveCount(0);
	await expect(page.getByLabel('장', { exact: true })).toHaveValue('cooperation');
	await expect(page.getByLabel('의견 종류')).toHaveValue('question');
	await page.close();
});

test('the coding pages pass an accessibility check', async ({ page }) => {
	await signIn(page, DEMO.researcher);
	for (const path of [`${PLAN}/coding`, `${PLAN}/coding/agreement`, '/themes']) {
		await gotoReady(page, path);
		const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		expect(
			results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
			path
		).toEqual([]);
	}
});

test('participants can reach neither the coding pages nor the suggestions API', async ({ browser, baseURL }) => {
	const page = await browser.newPage();
	await signIn(page, DEMO.participant);
	for (const path of [`${PLAN}/coding`, `${PLAN}/coding/agreement`]) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('권한이 없습니다');
	}
	// The section threads show them no coding controls.
	await page.goto(`${PLAN}/sections/support-centre`);
	await expect(page.locator('article.comment').first()).toBeVisible();
	await expect(page.getByRole('group', { name: '연구진 분류' })).toHaveCount(0);

	const api = await page.request.get('/api/v1/comments/1/suggestions');
	expect(api.status()).toBe(403);
	expect(await api.json()).toMatchObject({ code: 'forbidden' });
	const suggest = await page.request.post('/api/v1/themes/suggest', { data: { text: '미니 클러스터' }, headers: { origin: baseURL! } });
	expect(suggest.status()).toBe(403);
	// A hand-made post to a coding action is refused on the server too.
	const action = await page.request.post(`${PLAN}/coding?/tagComment`, {
		form: { commentId: '1', theme: 'governance' },
		headers: { origin: baseURL!, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	expect(action.status()).toBe(403);
	expect(await action.json()).toMatchObject({ type: 'error' });

	// The taxonomy is readable, not editable.
	await page.goto('/themes');
	await expect(page.getByRole('heading', { name: '주제 분류' })).toBeVisible();
	await expect(page.getByText('주제를 만들거나 수정하는 일은 연구진만 할 수 있습니다.')).toBeVisible();
	await expect(page.getByRole('button', { name: '주제 만들기' })).toHaveCount(0);
	await page.close();

	const anonymous = await browser.newPage();
	expect((await anonymous.request.get('/api/v1/comments/1/suggestions')).status()).toBe(401);
	await anonymous.goto(`${PLAN}/coding`);
	await expect(anonymous).toHaveURL(/\/login\?redirectTo=/);
	await anonymous.close();
});

test('the agreement page compares the two demo researchers theme by theme', async ({ page }) => {
	await signIn(page, DEMO.researcher);
	await gotoReady(page, `${PLAN}/coding/agreement`);
	await expect(page.getByText('이서연, 정하은 두 사람이 모두 분류한 의견 19개를 비교했습니다.')).toBeVisible();
	const row = page.getByRole('row', { name: /중간지원조직/ });
	await expect(row).toContainText('1.00');
	await expect(row).toContainText('거의 일치');
	await expect(page.getByRole('row', { name: /거버넌스/ })).toContainText('0.46');
	await expect(page.getByRole('row', { name: /거버넌스/ })).toContainText('보통');
	// Krippendorff's alpha beside the kappa: a column per theme and one pooled figure.
	await expect(page.getByRole('columnheader', { name: '알파(모든 연구자)' })).toBeVisible();
	await expect(page.getByText(/모든 연구자·모든 주제의 크리펜도르프 알파: -?\d\.\d\d/)).toBeVisible();
});

test('a researcher creates a theme: errors beside the fields, nothing typed lost', async ({ page }) => {
	await signIn(page, DEMO.researcher);
	await gotoReady(page, '/themes');
	await page.getByText('새 주제').click();
	const slug = `care-${Date.now().toString(36)}`;
	await page.getByLabel('주소 이름 (slug)').fill(slug);
	await page.locator('#new-labelKo').fill('돌봄');
	await page.locator('#new-color').fill('초록');
	await page.locator('#new-keywords').fill('돌봄, 어르신');
	await page.getByRole('button', { name: '주제 만들기' }).click();

	await expect(page.locator('#new-labelEn')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#new-labelEn-error')).toHaveText('필수 항목입니다.');
	await expect(page.locator('#new-color-error')).toContainText('#과 16진수 여섯 자리');
	await expect(page.getByLabel('주소 이름 (slug)')).toHaveValue(slug);
	await expect(page.locator('#new-labelKo')).toHaveValue('돌봄');
	await expect(page.locator('#new-keywords')).toHaveValue('돌봄, 어르신');

	await page.locator('#new-labelEn').fill('Care');
	await page.locator('#new-color').fill('#0e7490');
	await page.getByRole('button', { name: '주제 만들기' }).click();
	await expect(page.getByRole('status')).toContainText("'돌봄' 주제를 만들었습니다.");
	const card = page.locator(`#t-${slug}`);
	await expect(card).toContainText('어르신');

	await card.getByRole('button', { name: "'돌봄' 보관" }).click();
	const archived = page.getByRole('region', { name: /보관한 주제/ });
	await expect(archived).toContainText(slug);
	await archived.getByRole('button', { name: "'돌봄' 다시 쓰기" }).click();
	await expect(page.locator(`#t-${slug}`)).toBeVisible();
});
