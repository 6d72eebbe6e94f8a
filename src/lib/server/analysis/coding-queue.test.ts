import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { comments as commentsTable, consultationSessions, speakers, suggestionDecisions, themes as themesTable } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import type { QueueFilters } from '$lib/schemas/themes';
import * as tagging from './tagging';
import * as suggestions from './suggestions';
import * as codingQueue from './coding-queue';
import { filters, setup, tagRows, themesOf, useDemoThemes } from './coding-test-setup';

useTestDatabase();
useDemoThemes();

describe('the coding queue', () => {
	it('holds untagged comments, open suggestions and disagreements, and lets coded ones go', async () => {
		const { plan, lead, second, write } = await setup();
		const untagged = await write('좋은 자리 마련해 주셔서 고맙습니다.');
		const suggested = await write('미니 클러스터는 어디에 생기나요?');
		const agreed = await write('기대가 큽니다. 꼭 이루어지기를 바랍니다.');
		const disputed = await write('행정 절차가 길어 답답합니다.');
		await tagging.markReviewed(agreed, lead);
		await tagging.markReviewed(agreed, second);
		await tagging.tag(disputed, 'trust-process', lead);
		await tagging.markReviewed(disputed, second);

		const queue = await codingQueue.queue(plan.id, filters(), lead);
		const ids = queue.items.map((item) => item.id);
		expect(ids).toEqual([untagged, suggested, disputed]);
		expect(queue.items[0]).toMatchObject({ untagged: true, disagreement: false, coders: 0 });
		expect(queue.items[1].suggestions.map((s) => s.theme)).toContain('mini-clusters');
		expect(queue.items[2]).toMatchObject({ untagged: false, disagreement: true, coders: 2, codedByMe: true });
		expect(queue.counts).toEqual({ open: 3, untagged: 2, suggested: 1, disagreement: 1, all: 4 });

		expect((await codingQueue.queue(plan.id, filters({ state: 'untagged' }), lead)).items.map((i) => i.id)).toEqual([untagged, suggested]);
		expect((await codingQueue.queue(plan.id, filters({ state: 'disagreement' }), lead)).items.map((i) => i.id)).toEqual([disputed]);

		// Deciding the suggestion and resolving the disagreement empties the queue of them.
		await tagging.acceptSuggestion(suggested, 'mini-clusters', lead);
		// Whatever else earlier coding in this database suggests for it is turned down.
		for (const other of (await suggestions.suggestionsFor([suggested])).get(suggested)!) await tagging.rejectSuggestion(suggested, other.theme, lead);
		await tagging.tag(disputed, 'trust-process', second);
		await tagging.markReviewed(untagged, lead);
		expect((await codingQueue.queue(plan.id, filters(), lead)).items.map((i) => i.id)).toEqual([]);
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
			(await codingQueue.queue(plan.id, filters({ state: 'all', ...extra }), lead)).items.map((item) => item.id);
		expect(await ids({ section: 'vision' })).toEqual([byCoop]);
		expect(await ids({ kind: 'question' })).toEqual([question]);
		expect(await ids({ group: 'cooperative' })).toEqual([byCoop]);
		expect(await ids({ group: 'intermediary' })).toEqual([said.id]);
		expect(await ids({ session: String(session.id) })).toEqual([said.id]);
		expect(await ids({ session: 'online' })).toEqual([byCoop, question]);
		const [item] = (await codingQueue.queue(plan.id, filters({ state: 'all', session: String(session.id) }), lead)).items;
		expect(item).toMatchObject({ author: { name: '한지원', group: 'intermediary' }, session: { id: session.id, title: '중간보고회' } });

		for (let i = 0; i < 23; i++) await write(`페이지 확인용 의견 ${i}`);
		const first = await codingQueue.queue(plan.id, filters({ state: 'all' }), lead);
		expect(first).toMatchObject({ total: 26, pages: 2, page: 1 });
		expect(first.items).toHaveLength(20);
		const second = await codingQueue.queue(plan.id, filters({ state: 'all', page: 2 }), lead);
		expect(second.items).toHaveLength(6);
		expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(26);
		// A page past the end shows the last one.
		expect((await codingQueue.queue(plan.id, filters({ state: 'all', page: 9 }), lead)).page).toBe(2);

		const options = await codingQueue.queueOptions(plan.id);
		expect(options.sections.map((s) => s.key)).toEqual(['vision', 'strategy', 'governance', 'support-centre']);
		expect(options.sections[2].label).toBe('2.1. 민관 거버넌스');
		expect(options.sessions.map((s) => s.id)).toEqual([session.id]);
	});

	it('decides exactly the suggestions shown, all at once, leaving ones decided meanwhile alone', async () => {
		const { plan, lead, second, write } = await setup();
		const a = await write('미니 클러스터 공간이 필요합니다.');
		const b = await write('공공구매 비율을 높여 주세요.');
		const c = await write('마을 주민 모임을 늘려 주세요.');
		const queue = await codingQueue.queue(plan.id, filters(), lead);
		const shown = queue.items.flatMap((item) => item.suggestions.map((s) => ({ commentId: item.id, theme: s.theme })));
		expect(shown).toEqual(
			expect.arrayContaining([
				{ commentId: a, theme: 'mini-clusters' },
				{ commentId: b, theme: 'markets' },
				{ commentId: c, theme: 'localisation' }
			])
		);
		// Someone rejects one before the bulk acceptance arrives.
		await tagging.rejectSuggestion(b, 'markets', second);
		const decided = await tagging.decideMany(shown, 'accepted', lead);
		expect(decided).toBe(shown.length - 1);
		expect((await tagRows(b)).map((row) => row.themeId)).toEqual([]);
		const [decision] = await db.select().from(suggestionDecisions).where(eq(suggestionDecisions.commentId, b));
		expect(decision.decision).toBe('rejected');
		const tagged = await tagRows(a);
		const slugOf = new Map((await db.select().from(themesTable)).map((theme) => [theme.id, theme.slug]));
		expect(tagged.map((row) => slugOf.get(row.themeId)).sort()).toEqual(
			shown
				.filter((p) => p.commentId === a)
				.map((p) => p.theme)
				.sort()
		);
		for (const row of tagged) expect(row).toMatchObject({ taggedBy: lead.id, source: 'suggestion' });

		const d = await write('생협 조합원이 늘어야 합니다.');
		expect(await tagging.decideMany([{ commentId: d, theme: 'cooperatives' }], 'rejected', lead)).toBe(1);
		expect(themesOf((await suggestions.suggestionsFor([d])).get(d))).not.toContain('cooperatives');
		expect(await tagRows(d)).toEqual([]);
	});
});
