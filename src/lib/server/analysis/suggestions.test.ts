import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { suggestionDecisions } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import * as comments from '$lib/server/commentary/write';
import * as tagging from './tagging';
import * as suggestions from './suggestions';
import * as codingQueue from './coding-queue';
import { filters, setup, tagRows, themesOf, useDemoThemes } from './coding-test-setup';

useTestDatabase();
useDemoThemes();

describe('suggestions', () => {
	it('suggests by keyword, with the keyword as the reason', async () => {
		const { write } = await setup();
		const id = await write('미니 클러스터에 입주할 기업을 어떻게 고르나요?');
		const [first] = (await suggestions.suggestionsFor([id])).get(id)!;
		expect(first.theme).toBe('mini-clusters');
		expect(first.reasons).toContainEqual({ kind: 'keyword', keyword: '미니 클러스터' });
	});

	it('accepting tags the comment as a suggestion; a rejected suggestion never comes back', async () => {
		const { plan, lead, second, write } = await setup();
		const id = await write('미니 클러스터를 만들면 센터 인력도 늘려야 합니다.');
		const first = themesOf((await suggestions.suggestionsFor([id])).get(id));
		expect(first).toEqual(expect.arrayContaining(['mini-clusters', 'staffing']));

		await tagging.acceptSuggestion(id, 'mini-clusters', lead);
		const [row] = (await tagRows(id)).filter((r) => r.taggedBy === lead.id);
		expect(row.source).toBe('suggestion');
		await tagging.rejectSuggestion(id, 'staffing', lead);
		const decisions = await db.select().from(suggestionDecisions).where(eq(suggestionDecisions.commentId, id));
		expect(decisions.map((d) => [d.decision, d.decidedBy]).sort()).toEqual([
			['accepted', lead.id],
			['rejected', lead.id]
		]);

		// Many tagged comments that look like it, all coded "staffing", still do not bring it back.
		for (let i = 0; i < 6; i++) {
			const similar = await write(`미니 클러스터를 만들면 센터 인력도 늘려야 합니다 ${i}.`);
			await tagging.tag(similar, 'staffing', second);
		}
		const after = await suggestions.suggestionsFor([id]);
		expect(themesOf(after.get(id))).not.toContain('staffing');
		expect(themesOf(after.get(id))).not.toContain('mini-clusters');
		const queue = await codingQueue.queue(plan.id, filters({ state: 'all' }), second);
		expect(themesOf(queue.items.find((item) => item.id === id)?.suggestions)).not.toContain('staffing');
		const panel = await suggestions.panelFor([id], second);
		expect(themesOf(panel.suggestions[id])).not.toContain('staffing');
		// Tagging it by hand afterwards is still the researcher's call.
		expect(await tagging.tag(id, 'staffing', second)).toBe(true);
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
			await tagging.tag(id, 'trust-process', lead);
			ids.push(id);
		}
		const fresh = await write('행정과 시민이 마주 앉아 함께 결정하는 구조를 원합니다.');
		const suggestion = (await suggestions.suggestionsFor([fresh])).get(fresh)!.find((s) => s.theme === 'trust-process');
		expect(suggestion?.reasons).toContainEqual({ kind: 'similar', theme: 'trust-process', count: 3 });

		// Untagged, a comment stops being an example: the other two still vote for it.
		await tagging.untag(ids[0], 'trust-process', lead);
		const own = (await suggestions.suggestionsFor([ids[0]])).get(ids[0])!.find((s) => s.theme === 'trust-process');
		expect(own?.reasons).toContainEqual({ kind: 'similar', theme: 'trust-process', count: 2 });
	});

	it('untagging an accepted suggestion (by everyone) lets it be suggested again', async () => {
		const { lead, write } = await setup();
		const id = await write('공공구매 비율을 정해 주세요.');
		await tagging.acceptSuggestion(id, 'markets', lead);
		expect(themesOf((await suggestions.suggestionsFor([id])).get(id))).not.toContain('markets');
		await tagging.untag(id, 'markets', lead);
		expect(await db.select().from(suggestionDecisions).where(eq(suggestionDecisions.commentId, id))).toEqual([]);
		expect(themesOf((await suggestions.suggestionsFor([id])).get(id))).toContain('markets');
	});

	it('gives hidden and deleted comments no suggestions', async () => {
		const { citizen, write } = await setup();
		const id = await write('미니 클러스터 이야기입니다.');
		await comments.remove(id, citizen.id);
		expect((await suggestions.suggestionsFor([id])).has(id)).toBe(false);
	});
});

describe('the suggestion index kept between requests', () => {
	it('is reused while nothing it holds changes, and built again after a tag or an edit of a tagged text', async () => {
		const { lead, citizen, write } = await setup();
		const id = await write('마을 단위 주민 모임을 상시로 열어 주세요.');
		const first = await suggestions.suggestionContext();
		expect(await suggestions.suggestionContext()).toBe(first);

		await tagging.tag(id, 'localisation', lead);
		const afterTag = await suggestions.suggestionContext();
		expect(afterTag).not.toBe(first);
		expect(afterTag.index.size).toBe(first.index.size + 1);

		await comments.edit(id, citizen.id, { kind: 'suggestion', body: '동 단위로 모이는 자리가 먼저입니다.' });
		expect(await suggestions.suggestionContext()).not.toBe(afterTag);
	});
});
