import { expect, test } from '@playwright/test';
import { DEMO, gotoReady, signIn } from './helpers/accounts';

const PLAN = '/plans/gwangmyeong-social-economy';

test('an official records a session, pastes a transcript, corrects a row and imports it', async ({ page }) => {
	await signIn(page, DEMO.official);
	await gotoReady(page, `${PLAN}/sessions/new`);
	const stamp = Date.now().toString(36);
	await page.getByLabel('회의 이름').fill(`마을 워크숍 ${stamp}`);
	await page.getByLabel('회의 종류').selectOption('workshop');
	await page.getByLabel('날짜').fill('2015-04-10');
	await page.getByLabel('장소').fill('철산동 주민센터');
	await page.getByLabel('참석 인원').fill('24');
	await page.getByLabel('논의한 안').selectOption('1');
	await page.getByRole('button', { name: '회의 기록 저장' }).click();
	await expect(page.getByRole('heading', { name: '녹취록 가져오기' })).toBeVisible();

	const statement = `동네 반찬 모임을 협동조합으로 키우는 방법을 알려 주세요 ${stamp}.`;
	await page
		.getByLabel('녹취록', { exact: true })
		.fill(
			`사진: 왼쪽부터 김하나(철산동 주민), 박두리(마을활동가)\n김하나(철산동 주민자치회 위원) ${statement} 박두리(광명 마을공동체 활동가) 주민 모임이 먼저입니다 ${stamp}.`
		);
	await page.getByRole('button', { name: '미리보기' }).click();
	await expect(page.getByRole('heading', { name: '2. 발언 2건 확인' })).toBeVisible();

	// Correct the first speaker's name, attach it to a section, import both.
	await page.getByLabel('이름 1').fill('김하나라');
	await page.getByLabel('장', { exact: true }).first().selectOption('localisation');
	await page.getByRole('button', { name: '발언 2건 가져오기' }).click();
	await expect(page.getByRole('status')).toContainText('발언 2건을 가져왔습니다');
	await expect(page.locator('article.comment', { hasText: statement })).toContainText('김하나라');

	// Importing the same transcript again adds nothing.
	await page.getByRole('link', { name: '녹취록 가져오기' }).click();
	await page
		.getByLabel('녹취록', { exact: true })
		.fill(`김하나(철산동 주민자치회 위원) ${statement} 박두리(광명 마을공동체 활동가) 주민 모임이 먼저입니다 ${stamp}.`);
	await page.getByRole('button', { name: '미리보기' }).click();
	await page.getByLabel('이름 1').fill('김하나라');
	await page.getByLabel('장', { exact: true }).first().selectOption('localisation');
	await page.getByRole('button', { name: '발언 2건 가져오기' }).click();
	await expect(page.getByRole('status')).toContainText('발언 0건을 가져왔습니다. 이미 있던 2건은 건너뛰었습니다.');

	// The statement shows in the section's threads (on the version it was said about).
	await page.goto(`${PLAN}/v/1/sections/localisation`);
	const said = page.locator('article.comment', { hasText: statement });
	await expect(said).toBeVisible();
	await expect(said).toContainText(`마을 워크숍 ${stamp}에서 발언`);
});

test('a preview error keeps the pasted text; only officials reach the import', async ({ page }) => {
	await signIn(page, DEMO.official);
	await page.goto(`${PLAN}/sessions`);
	await page
		.getByRole('link', { name: /중간보고회/ })
		.first()
		.click();
	await page.getByRole('link', { name: '녹취록 가져오기' }).click();
	await page.getByLabel('녹취록', { exact: true }).fill('발언자가 없는 그냥 글입니다');
	await page.getByRole('button', { name: '미리보기' }).click();
	const box = page.getByLabel('녹취록', { exact: true });
	await expect(box).toHaveValue('발언자가 없는 그냥 글입니다');
	const url = new URL(page.url()).origin + new URL(page.url()).pathname;

	await page.getByRole('button', { name: '로그아웃' }).click();
	await signIn(page, DEMO.researcher);
	expect((await page.goto(url))?.status()).toBe(403);
	await page.getByRole('button', { name: '로그아웃' }).click();
	await signIn(page, DEMO.participant);
	expect((await page.goto(url))?.status()).toBe(403);
	const post = await page.request.post(`${url}?/importStatements`, {
		form: { rows: '1', 'name.0': '침입자', 'text.0': '가짜 발언', 'kind.0': 'support' },
		headers: { origin: new URL(url).origin }
	});
	expect(post.status()).toBe(403);
});

test('anyone reads the sessions list and the interim meeting with its statements', async ({ page }) => {
	await page.goto(`${PLAN}/sessions`);
	await expect(page.getByRole('heading', { name: '회의와 간담회' })).toBeVisible();
	await page.getByRole('link', { name: '광명시 사회적경제 기본계획 연구용역 중간보고회' }).click();
	await expect(page.getByText('박서영').first()).toBeVisible();
	await expect(page.locator('article.comment')).not.toHaveCount(0);
	expect(await page.locator('article.comment').count()).toBeGreaterThanOrEqual(10);
});

test('the preview marks the splits the parser is unsure of, and the official fixes them before saving', async ({ page }) => {
	await signIn(page, DEMO.official);
	await gotoReady(page, `${PLAN}/sessions/new`);
	const stamp = Date.now().toString(36);
	await page.getByLabel('회의 이름').fill(`네트워크 정기 모임 ${stamp}`);
	await page.getByLabel('회의 종류').selectOption('workshop');
	await page.getByLabel('날짜').fill('2015-05-20');
	await page.getByLabel('논의한 안').selectOption('1');
	await page.getByRole('button', { name: '회의 기록 저장' }).click();
	await expect(page.getByRole('heading', { name: '녹취록 가져오기' })).toBeVisible();

	await page
		.getByLabel('녹취록', { exact: true })
		.fill(
			[
				'석지안(광명 청년협동조합 이사) 청년들이 모일 공간이 없다는 게 가장 큰 어려움입니다.',
				'방수정(늘봄 공부방) 저는 마을에서 아이들 공부방을 꾸리고 있습니다.',
				'구민서(광명시 사회적경제지원센터 센터장) 센터를 저녁에도 여는 방안을 검토하겠습니다.',
				'석지안(광명 청년협동조합 이사) 그 말씀을 듣고 보니 구민서(광명시 사회적경제지원센터 센터장) 덧붙여 주신 저녁 개방이 반갑습니다.'
			].join('\n')
		);
	await page.getByRole('button', { name: '미리보기' }).click();
	await expect(page.getByRole('heading', { name: '2. 발언 5건 확인' })).toBeVisible();
	await expect(page.getByRole('note')).toContainText('확인이 필요한 곳이 2건 있습니다');
	const unsureRows = page.getByRole('row').filter({ hasText: '확인 필요' });
	await expect(unsureRows).toHaveCount(2);
	const weak = unsureRows.filter({ hasText: '괄호 안이 소속인지 확실하지 않습니다' });
	await expect(weak.getByRole('textbox', { name: '발언 내용 2' })).toHaveValue('저는 마을에서 아이들 공부방을 꾸리고 있습니다.');
	const midSentence = unsureRows.filter({ hasText: '문장 중간에서 새 발언자로 나눴습니다' });
	await expect(midSentence.getByRole('textbox', { name: '발언 내용 5' })).toHaveValue('덧붙여 주신 저녁 개방이 반갑습니다.');

	// The mid-sentence split is wrong: merge it back, the name returns into the text.
	await midSentence.getByRole('button', { name: '위 발언과 합치기' }).click();
	await expect(page.getByRole('heading', { name: '2. 발언 4건 확인' })).toBeVisible();
	await expect(page.getByLabel('발언 내용 4')).toHaveValue(
		'그 말씀을 듣고 보니 구민서(광명시 사회적경제지원센터 센터장) 덧붙여 주신 저녁 개방이 반갑습니다.'
	);
	// The other is a speaker after all: complete the affiliation and confirm.
	await page.getByLabel('소속 2').fill('늘봄 공부방 대표');
	await page.getByRole('row').filter({ hasText: '확인 필요' }).getByRole('button', { name: '확인했습니다' }).click();
	await expect(page.getByRole('row').filter({ hasText: '확인 필요' })).toHaveCount(0);
	await expect(page.getByRole('note')).toHaveCount(0);
	await expect(page.getByLabel('소속 2')).toHaveValue('늘봄 공부방 대표');

	await page.getByRole('button', { name: '발언 4건 가져오기' }).click();
	await expect(page.getByRole('status')).toContainText('발언 4건을 가져왔습니다');
	const merged = page.locator('article.comment', { hasText: '덧붙여 주신 저녁 개방이 반갑습니다' });
	await expect(merged).toHaveCount(1);
	await expect(merged).toContainText('석지안');
	await expect(merged).toContainText('그 말씀을 듣고 보니 구민서(광명시 사회적경제지원센터 센터장) 덧붙여');
	const tutor = page.locator('article.comment', { hasText: '공부방을 꾸리고' });
	await expect(tutor).toContainText('방수정');
	await expect(tutor).toContainText('늘봄 공부방 대표');
	await expect(page.locator('article.comment')).toHaveCount(4);
});

test('the chair’s words are kept but need no answer: marked on import, left out of the queue and the report’s count', async ({ page }) => {
	await signIn(page, DEMO.official);
	await gotoReady(page, `${PLAN}/sessions/new`);
	const stamp = Date.now().toString(36);
	await page.getByLabel('회의 이름').fill(`주민 간담회 ${stamp}`);
	await page.getByLabel('회의 종류').selectOption('workshop');
	await page.getByLabel('날짜').fill('2015-04-22');
	await page.getByLabel('논의한 안').selectOption('1');
	await page.getByRole('button', { name: '회의 기록 저장' }).click();
	await expect(page.getByRole('heading', { name: '녹취록 가져오기' })).toBeVisible();

	const opening = `오늘 간담회를 시작하겠습니다. 순서대로 말씀해 주십시오 ${stamp}.`;
	const opinion = `마을기업 판로를 시청 구내식당과 연결해 주십시오 ${stamp}.`;
	await page.getByLabel('녹취록', { exact: true }).fill(`사회자: ${opening}\n최은비(하안동 마을기업 대표) ${opinion}`);
	await page.getByRole('button', { name: '미리보기' }).click();
	await expect(page.getByRole('heading', { name: '2. 발언 2건 확인' })).toBeVisible();
	// The parser's guess, which the official can change.
	await expect(page.getByLabel('발언 구분').first()).toHaveValue('chair');
	await expect(page.getByLabel('발언 구분').nth(1)).toHaveValue('');
	await page.getByRole('button', { name: '발언 2건 가져오기' }).click();
	await expect(page.getByRole('status')).toContainText('발언 2건을 가져왔습니다');
	await expect(page.locator('article.comment', { hasText: opening })).toContainText('사회자 발언 · 답변 대상 아님');

	const sessionId = new URL(page.url()).pathname.split('/')[2];
	await page.goto(`${PLAN}/responses?session=${sessionId}`);
	await expect(page.locator('article.comment', { hasText: opinion })).toBeVisible();
	await expect(page.locator('article.comment', { hasText: opening })).toHaveCount(0);
	await expect(page.getByText(/회의에서 사회자와 담당 부서가 한 발언 \d+건은 답변할 의견에 넣지 않았습니다/)).toBeVisible();

	await page.goto(`${PLAN}/responses?session=${sessionId}&answered=voices`);
	const chair = page.locator('.item', { hasText: opening });
	await expect(chair).toBeVisible();
	await expect(page.locator('article.comment', { hasText: opinion })).toHaveCount(0);

	await page.goto(`${PLAN}/outcome/1`);
	const reported = page.locator('ol.answers > li', { hasText: opening });
	await expect(reported).toContainText('사회자 발언 · 답변 대상 아님');
	await expect(reported.locator('.waiting')).toHaveCount(0);
	await expect(page.locator('ol.answers > li', { hasText: opinion }).locator('.waiting')).toHaveText('답변 준비 중');
	await expect(page.getByText(/사회자와 담당 부서가 한 발언 \d+건은 함께 실었지만 의견 수에는 넣지 않았습니다/)).toBeVisible();

	// Later the official decides the chair spoke as a stakeholder after all: it joins the queue.
	await page.goto(`${PLAN}/responses?session=${sessionId}&answered=voices`);
	await chair.getByLabel('발언 구분').selectOption('');
	await chair.getByRole('button', { name: '발언 구분 저장' }).click();
	await expect(page.locator('article.comment', { hasText: opening })).toHaveCount(0);
	await page.goto(`${PLAN}/responses?session=${sessionId}`);
	await expect(page.locator('article.comment', { hasText: opening })).toBeVisible();
	await expect(page.locator('article.comment', { hasText: opening })).not.toContainText('답변 대상 아님');
});
