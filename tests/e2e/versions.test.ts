// Officials write and publish versions; everyone reads them and what changed. These tests build
// their own plan (the demo plan stays as other tests expect it) and run in order.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, registerParticipant } from './helpers/accounts';

test.describe.configure({ mode: 'serial' });

const slug = `e2e-versions-${Date.now().toString(36)}`;
const planTitle = '시흥시 사회적경제 기본계획 (시험)';

const sectionCard = (page: Page, heading: string | RegExp) =>
	page.locator('li.section-card').filter({ has: page.getByRole('heading', { level: 3, name: heading }) });

async function officialPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
	const context = await browser.newContext({ ...options, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
	const page = await context.newPage();
	page.on('dialog', (dialog) => dialog.accept());
	// Waits for the sign-in page to settle first: typing into it while it hydrates can be lost.
	await page.goto('/login');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('이메일').fill(DEMO.official);
	await page.getByLabel('비밀번호').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: '로그인' }).click();
	await expect(page.getByRole('button', { name: '로그아웃' })).toBeVisible();
	return page;
}

test('an official creates a plan and publishes its first version', async ({ browser }) => {
	const page = await officialPage(browser);
	await page.goto('/');
	await page.getByRole('link', { name: '새 계획 만들기' }).click();
	await page.getByLabel('계획 이름').fill(planTitle);
	await page.getByLabel('주소').fill('New Plan');
	await page.getByLabel('작성 기관').fill('시흥시');
	await page.getByRole('button', { name: '계획 만들기' }).click();
	await expect(page.getByText('영문 소문자, 숫자, 하이픈(-)으로 2자 이상 쓰고 문자나 숫자로 시작하세요.')).toBeVisible();
	await expect(page.getByLabel('계획 이름')).toHaveValue(planTitle);
	await page.getByLabel('주소').fill(slug);
	await page.getByRole('button', { name: '계획 만들기' }).click();
	await expect(page).toHaveURL(new RegExp(`/plans/${slug}/edit\\?started=1`));

	await page.getByLabel('이 안의 이름').fill('중간보고 초안');
	for (const [heading, key, body] of [
		['지원센터', 'support-centre', '지원센터는 시청 안에 있고 전담 인력은 1명입니다.'],
		['마을 모임', 'villages', '해마다 한 번 공모를 엽니다.']
	]) {
		await page.getByRole('button', { name: '새 장 추가' }).click();
		const card = page.locator('li.section-card').last();
		await card.getByLabel('장 제목').fill(heading);
		await card.getByLabel('키').fill(key);
		await card.getByLabel('본문 (마크다운)').fill(body);
	}
	await page.getByRole('button', { name: '초안 저장' }).first().click();
	await expect(page.getByRole('status').filter({ hasText: '초안을 저장했습니다.' })).toBeVisible();
	await expect(sectionCard(page, /마을 모임/).getByLabel('키')).toHaveValue('villages');

	await page.getByLabel('바뀐 점 요약').fill('연구진의 첫 초안입니다.');
	await page.getByRole('button', { name: '1차안 공개하기' }).click();
	await expect(page).toHaveURL(new RegExp(`/plans/${slug}/history\\?published=1`));
	await expect(page.getByRole('status')).toContainText('1차안을 공개했습니다.');
	await page.context().close();
});

test('an official edits a section, previews and publishes; a participant sees the new version and the comparison', async ({ browser, page }) => {
	const official = await officialPage(browser);
	await official.goto(`/plans/${slug}`);
	await official.getByRole('link', { name: '다음 안 초안 시작' }).click();
	await official.getByRole('button', { name: '다음 안 초안 시작' }).click();
	await expect(official.getByText('초안을 만들었습니다. 장을 수정하고 저장하세요.')).toBeVisible();

	const centre = sectionCard(official, /지원센터/);
	const body = centre.getByLabel('본문 (마크다운)');
	await body.fill('지원센터가 첫 번째 미니 클러스터에 있고 전담 인력은 5명입니다.\n\n- 상담\n- 교육');
	// The live preview follows the typing, rendered as readers will see it.
	const preview = centre.locator('.preview-body');
	await expect(preview.locator('li')).toHaveText(['상담', '교육']);
	await expect(preview.locator('p')).toHaveText('지원센터가 첫 번째 미니 클러스터에 있고 전담 인력은 5명입니다.');

	// The preview action renders on the server and keeps every word.
	await official.getByRole('button', { name: '미리보기' }).first().click();
	await expect(official.getByRole('status').filter({ hasText: '미리보기를 새로 만들었습니다.' })).toBeVisible();
	await expect(sectionCard(official, /지원센터/).getByLabel('본문 (마크다운)')).toHaveValue(/전담 인력은 5명입니다/);
	await expect(sectionCard(official, /지원센터/).locator('.preview-body li')).toHaveText(['상담', '교육']);

	await official.getByLabel('바뀐 점 요약').fill('지원센터를 미니 클러스터로 옮기고 인력을 늘렸습니다.');
	await official.getByRole('button', { name: '2차안 공개하기' }).click();
	await expect(official).toHaveURL(new RegExp(`/plans/${slug}/history\\?published=2`));
	await expect(official.getByText('지원센터를 미니 클러스터로 옮기고 인력을 늘렸습니다.')).toBeVisible();
	// The next draft exists from here on; others must not see it.
	await official.goto(`/plans/${slug}/edit`);
	await official.getByRole('button', { name: '다음 안 초안 시작' }).click();
	await expect(official.getByText('초안을 만들었습니다.')).toBeVisible();
	await official.context().close();

	await registerParticipant(page, '정시민');
	await page.goto(`/plans/${slug}`);
	await expect(page.getByText('2차안', { exact: true })).toBeVisible();
	await expect(page.locator('#s-support-centre .prose')).toContainText('전담 인력은 5명입니다.');
	await page.getByRole('link', { name: '이전 안과 비교' }).click();
	await expect(page).toHaveURL(new RegExp(`/plans/${slug}/compare/1\\.\\.\\.2$`));
	await expect(page.getByRole('heading', { level: 1, name: '1차안과 2차안 비교' })).toBeVisible();

	const changed = page.locator('#s-support-centre');
	await expect(changed.locator('.badge').first()).toHaveText(/^\W*변경$/);
	// Only the particle changed in 지원센터는 → 지원센터가: the noun stays outside <del>/<ins>.
	const paragraph = changed.locator('.block').filter({ hasText: '첫 번째 미니 클러스터' });
	await expect(paragraph.locator('del').first()).toHaveText('[삭제 시작]는[삭제 끝]');
	await expect(paragraph.locator('ins').first()).toHaveText('[추가 시작]가[추가 끝]');
	await expect(paragraph).toContainText('지원센터');
	await expect(changed.locator('ins').filter({ hasText: '상담' })).toBeVisible();
	await expect(page.locator('#s-villages .badge').first()).toHaveText(/^\W*변경 없음$/);

	await page.getByRole('link', { name: '나란히 보기' }).click();
	await expect(page).toHaveURL(/view=side/);
	await expect(page.getByRole('link', { name: '나란히 보기' })).toHaveAttribute('aria-current', 'page');
	const pair = changed.locator('.pair').filter({ hasText: '첫 번째 미니 클러스터' });
	// What a screen reader reads: the old text with each deletion announced.
	await expect(pair.locator('.side.old')).toContainText('지원센터[삭제 시작]는[삭제 끝] [삭제 시작]시청 안에 [삭제 끝]있고');
	await expect(pair.locator('.side.old del').first()).toHaveText('[삭제 시작]는[삭제 끝]');
	await expect(pair.locator('.side.old ins')).toHaveCount(0);
	await expect(pair.locator('.side.new ins').first()).toHaveText('[추가 시작]가[추가 끝]');
	await expect(pair.locator('.side.new del')).toHaveCount(0);

	// The draft of version 3 does not exist for a participant, and the editor is refused.
	expect((await page.goto(`/plans/${slug}/v/3`))?.status()).toBe(404);
	expect((await page.goto(`/plans/${slug}/compare/2...3`))?.status()).toBe(404);
	expect((await page.goto(`/plans/${slug}/edit`))?.status()).toBe(403);
	const history = await page.goto(`/plans/${slug}/history`);
	expect(history?.status()).toBe(200);
	await expect(page.getByText('3차안')).toHaveCount(0);
});

test('a second publish of the same draft fails cleanly and keeps what was typed', async ({ browser }) => {
	const [first, second] = [await officialPage(browser), await officialPage(browser)];
	for (const page of [first, second]) await page.goto(`/plans/${slug}/edit`);

	await first.getByLabel('바뀐 점 요약').fill('첫째 담당자의 공개');
	await first.getByRole('button', { name: '3차안 공개하기' }).click();
	await expect(first).toHaveURL(/history\?published=3/);

	const villages = sectionCard(second, /마을 모임/).getByLabel('본문 (마크다운)');
	await villages.fill('동마다 주민 모임이 상시로 사회적경제를 이야기합니다.');
	await second.getByLabel('바뀐 점 요약').fill('둘째 담당자의 공개');
	await second.getByRole('button', { name: '3차안 공개하기' }).click();
	await expect(second.getByRole('alert')).toHaveText(/이 초안은 방금 다른 담당자가 공개했거나 버렸습니다/);
	await expect(sectionCard(second, /마을 모임/).getByLabel('본문 (마크다운)')).toHaveValue('동마다 주민 모임이 상시로 사회적경제를 이야기합니다.');
	await expect(second.getByLabel('바뀐 점 요약')).toHaveValue('둘째 담당자의 공개');

	await second.goto(`/plans/${slug}/history`);
	await expect(second.locator('.entry.current')).toHaveCount(1);
	await expect(second.locator('.entry.current')).toContainText('첫째 담당자의 공개');
	await expect(second.getByText('둘째 담당자의 공개')).toHaveCount(0);
	await first.context().close();
	await second.context().close();
});

test('without JavaScript the editor works with plain forms', async ({ browser }) => {
	const page = await officialPage(browser, { javaScriptEnabled: false });
	await page.goto(`/plans/${slug}/edit`);
	await page.getByRole('button', { name: '다음 안 초안 시작' }).click();
	await expect(page.getByText('초안을 만들었습니다.')).toBeVisible();

	await page.getByRole('button', { name: "'마을 모임' 장을 위로 옮기기" }).click();
	await expect(page.getByText('장 구성을 바꿨습니다. 아직 저장하지 않았습니다.')).toBeVisible();
	await expect(page.locator('li.section-card h3')).toHaveText([/1\s*마을 모임/, /2\s*지원센터/]);

	await page.getByRole('button', { name: '새 장 추가' }).click();
	const added = page.locator('li.section-card').last();
	await added.getByLabel('장 제목').fill('평생학습');
	await added.getByLabel('키').fill('Lifelong Learning');
	await added.getByLabel('본문 (마크다운)').fill('- 평생학습원과 함께합니다.');
	await added.getByLabel('상위 장').selectOption({ label: '마을 모임' });
	await page.getByRole('button', { name: '초안 저장' }).first().click();

	await expect(page.getByRole('alert')).toHaveText('입력한 내용을 확인해 주세요. 표시된 항목을 고치면 됩니다.');
	const refused = page.locator('li.section-card').last();
	await expect(refused.getByText('영문 소문자, 숫자, 하이픈(-)만 쓸 수 있고 문자나 숫자로 시작해야 합니다.')).toBeVisible();
	await expect(refused.getByLabel('키')).toHaveAttribute('aria-invalid', 'true');
	await expect(refused.getByLabel('장 제목')).toHaveValue('평생학습');
	await expect(refused.getByLabel('본문 (마크다운)')).toHaveValue('- 평생학습원과 함께합니다.');
	await expect(refused.getByLabel('상위 장')).toHaveValue('villages');

	await page.getByRole('button', { name: '미리보기' }).first().click();
	await expect(page.locator('li.section-card').last().locator('.preview-body li')).toHaveText('평생학습원과 함께합니다.');

	await page.locator('li.section-card').last().getByLabel('키').fill('lifelong-learning');
	await page.getByRole('button', { name: '초안 저장' }).first().click();
	await expect(page.getByText('초안을 저장했습니다. 아직 공개되지 않았습니다.')).toBeVisible();
	await expect(page.locator('li.section-card h3')).toHaveText([/1\s*마을 모임/, /1\.1\s*평생학습/, /2\s*지원센터/]);

	await page.getByText('초안 버리기', { exact: true }).click();
	await page.getByRole('button', { name: '4차안 초안 버리기' }).click();
	await expect(page.getByText('초안을 버렸습니다.')).toBeVisible();
	await page.context().close();
});

test('an official closes and reopens comments from the plan page', async ({ browser }) => {
	const page = await officialPage(browser);
	await page.goto(`/plans/${slug}`);
	await expect(page.locator('.period').getByText('의견 접수 중')).toBeVisible();
	await page.getByText('의견 기간 관리').click();
	await page.getByRole('button', { name: '지금 의견 접수 마감' }).click();
	await expect(page).toHaveURL(new RegExp(`/plans/${slug}$`));
	await expect(page.locator('.period').getByText(/의견 접수 마감/)).toBeVisible();

	await page.getByText('의견 기간 관리').click();
	await page.getByRole('button', { name: '지금 의견 접수 시작' }).click();
	await expect(page.locator('.period').getByText('의견 접수 중')).toBeVisible();
	await page.context().close();
});

test('the feed lists the published versions', async ({ request }) => {
	const response = await request.get(`/plans/${slug}/feed.xml`);
	expect(response.headers()['content-type']).toContain('application/atom+xml');
	const xml = await response.text();
	expect(xml.match(/<entry>/g)).toHaveLength(3);
	expect(xml).toContain(`/plans/${slug}/compare/2...3`);
});
