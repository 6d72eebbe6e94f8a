import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import {
	codingReviews,
	commentTags,
	comments as commentsTable,
	consultationSessions,
	speakers,
	suggestionDecisions,
	themes as themesTable
} from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import { DEMO_THEMES } from '$lib/server/seed/themes-content';
import { readQueueFilters, type QueueFilters } from '$lib/schemas/themes';
import * as comments from './comments';
import * as themeStore from './themes';
import * as tags from './tags';
import { CodingError } from './tags';

useTestDatabase();

let counter = 0;
const key = () => `key-${counter++}-${Math.random().toString(36).slice(2)}`;
const filters = (extra: Partial<QueueFilters> = {}): QueueFilters => ({ ...readQueueFilters(new URLSearchParams()), ...extra });
const themesOf = (suggestions: tags.Suggestion[] | undefined) => (suggestions ?? []).map((s) => s.theme);

beforeAll(async () => {
	await db.insert(themesTable).values(DEMO_THEMES.map((theme, index) => ({ ...theme, keywords: [...theme.keywords], position: index + 1 })));
});

async function setup() {
	const { plan, version, official } = await createPublishedPlan();
	const lead = await createUser({ roles: ['researcher'], displayName: '이서연' });
	const second = await createUser({ roles: ['researcher'], displayName: '정하은' });
	const coop = await createUser({ group: 'cooperative', organisation: '광명 생협' });
	const citizen = await createUser({ group: 'citizen' });
	const write = async (body: string, extra: Partial<comments.NewComment> = {}) =>
		(
			await comments.create({
				planId: plan.id,
				sectionKey: 'support-centre',
				kind: 'concern',
				body,
				authorId: citizen.id,
				idempotencyKey: key(),
				...extra
			})
		).id;
	return { plan, version, official, lead, second, coop, citizen, write };
}

async function expectForbidden(promise: Promise<unknown>) {
	const error = await promise.catch((e: unknown) => e);
	expect(error).toBeInstanceOf(CodingError);
	expect((error as CodingError).code).toBe('forbidden');
}

async function tagRows(commentId: number) {
	return db.select().from(commentTags).where(eq(commentTags.commentId, commentId));
}

describe('tagging', () => {
	it("keeps each researcher's tag with who and when, and untagging removes only one's own", async () => {
		const { lead, second, write } = await setup();
		const id = await write('위원회가 자문만 하면 거버넌스가 아닙니다.');
		const before = Date.now();
		expect(await tags.tag(id, 'governance', lead)).toBe(true);
		expect(await tags.tag(id, 'governance', lead)).toBe(false);
		await tags.tag(id, 'governance', second);

		const rows = await tagRows(id);
		expect(rows.map((row) => row.taggedBy).sort()).toEqual([lead.id, second.id].sort());
		for (const row of rows) {
			expect(row.source).toBe('manual');
			expect(row.taggedAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
		}
		expect((await comments.byId(id, null))!.tags).toEqual([
			expect.objectContaining({ slug: 'governance', taggedBy: [lead.id, second.id].sort((a, b) => a - b) })
		]);
		// Tagging marks the comment reviewed by each researcher.
		const reviews = await db.select().from(codingReviews).where(eq(codingReviews.commentId, id));
		expect(reviews.map((r) => r.reviewedBy).sort()).toEqual([lead.id, second.id].sort());

		expect(await tags.untag(id, 'governance', lead)).toBe(true);
		expect(await tags.untag(id, 'governance', lead)).toBe(false);
		expect((await tagRows(id)).map((row) => row.taggedBy)).toEqual([second.id]);
	});

	it('refuses every coding act to anyone but a researcher, writing nothing', async () => {
		const { plan, citizen, write } = await setup();
		const official = await createUser({ roles: ['official'] });
		const moderator = await createUser({ roles: ['moderator'] });
		const admin = await createUser({ roles: ['admin'] });
		const id = await write('미니 클러스터에 입주하고 싶습니다.');
		for (const user of [citizen, official, moderator, admin]) {
			await expectForbidden(tags.tag(id, 'mini-clusters', user));
			await expectForbidden(tags.untag(id, 'mini-clusters', user));
			await expectForbidden(tags.acceptSuggestion(id, 'mini-clusters', user));
			await expectForbidden(tags.rejectSuggestion(id, 'mini-clusters', user));
			await expectForbidden(tags.markReviewed(id, user));
			await expectForbidden(tags.decideMany([{ commentId: id, theme: 'mini-clusters' }], 'accepted', user));
			await expectForbidden(tags.queue(plan.id, filters(), user));
			await expectForbidden(tags.agreement(plan.id, {}, user));
			await expectForbidden(tags.panelFor([id], user));
		}
		expect(await tagRows(id)).toEqual([]);
		expect(await db.select().from(codingReviews).where(eq(codingReviews.commentId, id))).toEqual([]);
		expect(await db.select().from(suggestionDecisions).where(eq(suggestionDecisions.commentId, id))).toEqual([]);
		// Coding controls are simply absent for them in threads.
		expect(await tags.panelForThreads([], citizen)).toBeNull();
		expect(await tags.panelForThreads([], null)).toBeNull();
	});

	it('does not tag deleted comments or unknown themes', async () => {
		const { lead, citizen, write } = await setup();
		const gone = await write('곧 지울 의견입니다.');
		await comments.remove(gone, citizen.id);
		await expect(tags.tag(gone, 'governance', lead)).rejects.toMatchObject({ code: 'comment_not_found' });
		const id = await write('남는 의견입니다.');
		await expect(tags.tag(id, 'no-such-theme', lead)).rejects.toMatchObject({ code: 'theme_not_found' });
	});
});

describe('suggestions', () => {
	it('suggests by keyword, with the keyword as the reason', async () => {
		const { write } = await setup();
		const id = await write('미니 클러스터에 입주할 기업을 어떻게 고르나요?');
		const [first] = (await tags.suggestionsFor([id])).get(id)!;
		expect(first.theme).toBe('mini-clusters');
		expect(first.reasons).toContainEqual({ kind: 'keyword', keyword: '미니 클러스터' });
	});

	it('accepting tags the comment as a suggestion; a rejected suggestion never comes back', async () => {
		const { plan, lead, second, write } = await setup();
		const id = await write('미니 클러스터를 만들면 센터 인력도 늘려야 합니다.');
		const first = themesOf((await tags.suggestionsFor([id])).get(id));
		expect(first).toEqual(expect.arrayContaining(['mini-clusters', 'staffing']));

		await tags.acceptSuggestion(id, 'mini-clusters', lead);
		const [row] = (await tagRows(id)).filter((r) => r.taggedBy === lead.id);
		expect(row.source).toBe('suggestion');
		await tags.rejectSuggestion(id, 'staffing', lead);
		const decisions = await db.select().from(suggestionDecisions).where(eq(suggestionDecisions.commentId, id));
		expect(decisions.map((d) => [d.decision, d.decidedBy]).sort()).toEqual([
			['accepted', lead.id],
			['rejected', lead.id]
		]);

		// Many tagged comments that look like it, all coded "staffing", still do not bring it back.
		for (let i = 0; i < 6; i++) {
			const similar = await write(`미니 클러스터를 만들면 센터 인력도 늘려야 합니다 ${i}.`);
			await tags.tag(similar, 'staffing', second);
		}
		const after = await tags.suggestionsFor([id]);
		expect(themesOf(after.get(id))).not.toContain('staffing');
		expect(themesOf(after.get(id))).not.toContain('mini-clusters');
		const queue = await tags.queue(plan.id, filters({ state: 'all' }), second);
		expect(themesOf(queue.items.find((item) => item.id === id)?.suggestions)).not.toContain('staffing');
		const panel = await tags.panelFor([id], second);
		expect(themesOf(panel.suggestions[id])).not.toContain('staffing');
		// Tagging it by hand afterwards is still the researcher's call.
		expect(await tags.tag(id, 'staffing', second)).toBe(true);
	});

	it('votes by similarity to the comments researchers have tagged, as they are tagged now', async () => {
		const { lead, write } = await setup();
		const texts = [
			'행정과 시민이 한 테이블에 마주 앉아 함께 결정해야 합니다.',
			'시민이 행정과 마주 앉아 함께 결정하는 자리를 만들어 주세요.',
			'행정과 시민이 함께 결정하고 함께 책임지는 구조가 필요합니다.'
		];
		const ids = [];
		for (const text of texts) {
			const id = await write(text);
			await tags.tag(id, 'trust-process', lead);
			ids.push(id);
		}
		const fresh = await write('행정과 시민이 마주 앉아 함께 결정하는 구조를 원합니다.');
		const suggestion = (await tags.suggestionsFor([fresh])).get(fresh)!.find((s) => s.theme === 'trust-process');
		expect(suggestion?.reasons).toContainEqual({ kind: 'similar', theme: 'trust-process', count: 3 });

		// Untagged, a comment stops being an example: the other two still vote for it.
		await tags.untag(ids[0], 'trust-process', lead);
		const own = (await tags.suggestionsFor([ids[0]])).get(ids[0])!.find((s) => s.theme === 'trust-process');
		expect(own?.reasons).toContainEqual({ kind: 'similar', theme: 'trust-process', count: 2 });
	});

	it('untagging an accepted suggestion (by everyone) lets it be suggested again', async () => {
		const { lead, write } = await setup();
		const id = await write('공공구매 비율을 정해 주세요.');
		await tags.acceptSuggestion(id, 'markets', lead);
		expect(themesOf((await tags.suggestionsFor([id])).get(id))).not.toContain('markets');
		await tags.untag(id, 'markets', lead);
		expect(await db.select().from(suggestionDecisions).where(eq(suggestionDecisions.commentId, id))).toEqual([]);
		expect(themesOf((await tags.suggestionsFor([id])).get(id))).toContain('markets');
	});

	it('gives hidden and deleted comments no suggestions', async () => {
		const { citizen, write } = await setup();
		const id = await write('미니 클러스터 이야기입니다.');
		await comments.remove(id, citizen.id);
		expect((await tags.suggestionsFor([id])).has(id)).toBe(false);
	});
});

describe('the coding queue', () => {
	it('holds untagged comments, open suggestions and disagreements, and lets coded ones go', async () => {
		const { plan, lead, second, write } = await setup();
		const untagged = await write('좋은 자리 마련해 주셔서 고맙습니다.');
		const suggested = await write('미니 클러스터는 어디에 생기나요?');
		const agreed = await write('기대가 큽니다. 꼭 이루어지기를 바랍니다.');
		const disputed = await write('행정 절차가 길어 답답합니다.');
		await tags.markReviewed(agreed, lead);
		await tags.markReviewed(agreed, second);
		await tags.tag(disputed, 'trust-process', lead);
		await tags.markReviewed(disputed, second);

		const queue = await tags.queue(plan.id, filters(), lead);
		const ids = queue.items.map((item) => item.id);
		expect(ids).toEqual([untagged, suggested, disputed]);
		expect(queue.items[0]).toMatchObject({ untagged: true, disagreement: false, coders: 0 });
		expect(queue.items[1].suggestions.map((s) => s.theme)).toContain('mini-clusters');
		expect(queue.items[2]).toMatchObject({ untagged: false, disagreement: true, coders: 2, codedByMe: true });
		expect(queue.counts).toEqual({ open: 3, untagged: 2, suggested: 1, disagreement: 1, all: 4 });

		expect((await tags.queue(plan.id, filters({ state: 'untagged' }), lead)).items.map((i) => i.id)).toEqual([untagged, suggested]);
		expect((await tags.queue(plan.id, filters({ state: 'disagreement' }), lead)).items.map((i) => i.id)).toEqual([disputed]);

		// Deciding the suggestion and resolving the disagreement empties the queue of them.
		await tags.acceptSuggestion(suggested, 'mini-clusters', lead);
		// Whatever else earlier coding in this database suggests for it is turned down.
		for (const other of (await tags.suggestionsFor([suggested])).get(suggested)!) await tags.rejectSuggestion(suggested, other.theme, lead);
		await tags.tag(disputed, 'trust-process', second);
		await tags.markReviewed(untagged, lead);
		expect((await tags.queue(plan.id, filters(), lead)).items.map((i) => i.id)).toEqual([]);
	});

	it('filters by section, kind, stakeholder group and session, and pages', async () => {
		const { plan, version, lead, coop, write } = await setup();
		const byCoop = await write('협동조합으로 운영하면 좋겠습니다.', { authorId: coop.id, kind: 'suggestion', sectionKey: 'vision' });
		const question = await write('센터는 누가 운영하나요?', { kind: 'question' });
		const [session] = await db
			.insert(consultationSessions)
			.values({ planId: plan.id, versionId: version.id, title: '중간보고회', kind: 'interim_report', heldOn: '2015-03-20' })
			.returning();
		const [speaker] = await db.insert(speakers).values({ name: '한지원', affiliation: '지원센터', stakeholderGroup: 'intermediary' }).returning();
		const [said] = await db
			.insert(commentsTable)
			.values({
				planId: plan.id,
				sectionKey: 'support-centre',
				versionId: version.id,
				kind: 'concern',
				body: '센터 인력이 한 사람뿐입니다.',
				speakerId: speaker.id,
				sessionId: session.id
			})
			.returning({ id: commentsTable.id });

		const ids = async (extra: Partial<QueueFilters>) =>
			(await tags.queue(plan.id, filters({ state: 'all', ...extra }), lead)).items.map((item) => item.id);
		expect(await ids({ section: 'vision' })).toEqual([byCoop]);
		expect(await ids({ kind: 'question' })).toEqual([question]);
		expect(await ids({ group: 'cooperative' })).toEqual([byCoop]);
		expect(await ids({ group: 'intermediary' })).toEqual([said.id]);
		expect(await ids({ session: String(session.id) })).toEqual([said.id]);
		expect(await ids({ session: 'online' })).toEqual([byCoop, question]);
		const [item] = (await tags.queue(plan.id, filters({ state: 'all', session: String(session.id) }), lead)).items;
		expect(item).toMatchObject({ author: { name: '한지원', group: 'intermediary' }, session: { id: session.id, title: '중간보고회' } });

		for (let i = 0; i < 23; i++) await write(`페이지 확인용 의견 ${i}`);
		const first = await tags.queue(plan.id, filters({ state: 'all' }), lead);
		expect(first).toMatchObject({ total: 26, pages: 2, page: 1 });
		expect(first.items).toHaveLength(20);
		const second = await tags.queue(plan.id, filters({ state: 'all', page: 2 }), lead);
		expect(second.items).toHaveLength(6);
		expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(26);
		// A page past the end shows the last one.
		expect((await tags.queue(plan.id, filters({ state: 'all', page: 9 }), lead)).page).toBe(2);

		const options = await tags.queueOptions(plan.id);
		expect(options.sections.map((s) => s.key)).toEqual(['vision', 'strategy', 'governance', 'support-centre']);
		expect(options.sections[2].label).toBe('2.1. 민관 거버넌스');
		expect(options.sessions.map((s) => s.id)).toEqual([session.id]);
	});

	it('decides exactly the suggestions shown, all at once, leaving ones decided meanwhile alone', async () => {
		const { plan, lead, second, write } = await setup();
		const a = await write('미니 클러스터 공간이 필요합니다.');
		const b = await write('공공구매 비율을 높여 주세요.');
		const c = await write('마을 주민 모임을 늘려 주세요.');
		const queue = await tags.queue(plan.id, filters(), lead);
		const shown = queue.items.flatMap((item) => item.suggestions.map((s) => ({ commentId: item.id, theme: s.theme })));
		expect(shown).toEqual(
			expect.arrayContaining([
				{ commentId: a, theme: 'mini-clusters' },
				{ commentId: b, theme: 'markets' },
				{ commentId: c, theme: 'localisation' }
			])
		);
		// Someone rejects one before the bulk acceptance arrives.
		await tags.rejectSuggestion(b, 'markets', second);
		const decided = await tags.decideMany(shown, 'accepted', lead);
		expect(decided).toBe(shown.length - 1);
		expect((await tagRows(b)).map((row) => row.themeId)).toEqual([]);
		const [decision] = await db.select().from(suggestionDecisions).where(eq(suggestionDecisions.commentId, b));
		expect(decision.decision).toBe('rejected');
		const tagged = await tagRows(a);
		const slugOf = new Map((await db.select().from(themesTable)).map((theme) => [theme.id, theme.slug]));
		expect(tagged.map((row) => slugOf.get(row.themeId)).sort()).toEqual(shown.filter((p) => p.commentId === a).map((p) => p.theme).sort());
		for (const row of tagged) expect(row).toMatchObject({ taggedBy: lead.id, source: 'suggestion' });

		const d = await write('생협 조합원이 늘어야 합니다.');
		expect(await tags.decideMany([{ commentId: d, theme: 'cooperatives' }], 'rejected', lead)).toBe(1);
		expect(themesOf((await tags.suggestionsFor([d])).get(d))).not.toContain('cooperatives');
		expect(await tagRows(d)).toEqual([]);
	});
});

describe('agreement', () => {
	it("computes each theme's kappa from the researchers' codings as by hand", async () => {
		const { plan, lead, second, write } = await setup();
		const third = await createUser({ roles: ['researcher'], displayName: '한결' });
		const ids: number[] = [];
		for (let i = 0; i < 11; i++) ids.push(await write(`일치도 확인용 의견 ${i}`));
		// governance: both yes on 0-2, only lead on 3, only second on 4-5, both no on 6-9: a=3 b=1 c=2 d=4.
		for (const i of [0, 1, 2, 3]) await tags.tag(ids[i], 'governance', lead);
		for (const i of [0, 1, 2, 4, 5]) await tags.tag(ids[i], 'governance', second);
		for (const i of [4, 5, 6, 7, 8, 9]) await tags.markReviewed(ids[i], lead);
		for (const i of [3, 6, 7, 8, 9]) await tags.markReviewed(ids[i], second);
		// Coded by the lead only: not compared.
		await tags.tag(ids[10], 'governance', lead);
		// A third researcher codes two of them.
		await tags.tag(ids[0], 'governance', third);
		await tags.markReviewed(ids[1], third);
		// Coding in another plan does not count here.
		const other = await createPublishedPlan();
		const elsewhere = (
			await comments.create({
				planId: other.plan.id,
				sectionKey: 'vision',
				kind: 'support',
				body: '다른 계획',
				authorId: lead.id,
				idempotencyKey: key()
			})
		).id;
		await tags.tag(elsewhere, 'governance', lead);
		await tags.markReviewed(elsewhere, second);

		const report = await tags.agreement(plan.id, {}, lead);
		expect(report.pair).toMatchObject({ a: { id: lead.id }, b: { id: second.id }, shared: 10 });
		const governance = report.rows.find((row) => row.theme === 'governance')!;
		// po = 7/10; pe = 0.4·0.5 + 0.6·0.5 = 0.5; kappa = (0.7 − 0.5) / (1 − 0.5) = 0.4.
		expect(governance).toMatchObject({ n: 10, bothYes: 3, onlyA: 1, onlyB: 2, bothNo: 4, agreement: 0.7 });
		expect(governance.kappa).toBeCloseTo(0.4, 10);
		// Nobody gave "markets": full agreement, kappa undefined.
		expect(report.rows.find((row) => row.theme === 'markets')).toMatchObject({ n: 10, bothNo: 10, agreement: 1, kappa: null });
		expect(report.rows.map((row) => row.theme)).toEqual(DEMO_THEMES.map((theme) => theme.slug));
		expect(report.meanKappa).toBeCloseTo(0.4, 10);
		expect(report.coders.map((coder) => [coder.id, coder.coded])).toEqual([
			[lead.id, 11],
			[second.id, 10],
			[third.id, 2]
		]);

		// Another pair on request: lead and third share comments 0 and 1; both yes on 0, only lead on 1.
		const withThird = await tags.agreement(plan.id, { a: lead.id, b: third.id }, lead);
		expect(withThird.pair).toMatchObject({ a: { id: lead.id }, b: { id: third.id }, shared: 2 });
		expect(withThird.rows.find((row) => row.theme === 'governance')).toMatchObject({ bothYes: 1, onlyA: 1, onlyB: 0, bothNo: 0, kappa: 0 });
		// A pair that is not one falls back to the default.
		expect((await tags.agreement(plan.id, { a: lead.id, b: lead.id }, lead)).pair?.b.id).toBe(second.id);
	});

	it('reports nothing while no two researchers share a comment', async () => {
		const { plan, lead, write } = await setup();
		await tags.tag(await write('혼자 코딩한 의견'), 'governance', lead);
		const report = await tags.agreement(plan.id, {}, lead);
		expect(report).toMatchObject({ pair: null, rows: [], meanKappa: null });
		expect(report.coders.map((coder) => coder.id)).toEqual([lead.id]);
	});

	it('leaves archived themes out of the table', async () => {
		const { plan, lead, second, write } = await setup();
		const id = await write('아무 의견');
		await tags.tag(id, 'governance', lead);
		await tags.markReviewed(id, second);
		const [theme] = await db.select().from(themesTable).where(eq(themesTable.slug, 'cooperatives'));
		await themeStore.archive(theme.id, lead);
		try {
			const report = await tags.agreement(plan.id, {}, lead);
			expect(report.rows.map((row) => row.theme)).not.toContain('cooperatives');
		} finally {
			await themeStore.restore(theme.id, lead);
		}
		expect(await db.select().from(themesTable).where(eq(themesTable.slug, 'cooperatives'))).toEqual([
			expect.objectContaining({ archivedAt: null })
		]);
	});
});

describe('the suggestion index kept between requests', () => {
	it('is reused while nothing it holds changes, and built again after a tag or an edit of a tagged text', async () => {
		const { lead, citizen, write } = await setup();
		const id = await write('마을 단위 주민 모임을 상시로 열어 주세요.');
		const first = await tags.suggestionContext();
		expect(await tags.suggestionContext()).toBe(first);

		await tags.tag(id, 'localisation', lead);
		const afterTag = await tags.suggestionContext();
		expect(afterTag).not.toBe(first);
		expect(afterTag.index.size).toBe(first.index.size + 1);

		await comments.edit(id, citizen.id, { kind: 'suggestion', body: '동 단위로 모이는 자리가 먼저입니다.' });
		expect(await tags.suggestionContext()).not.toBe(afterTag);
	});
});
