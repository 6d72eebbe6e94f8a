import { describe, expect, it } from 'vitest';
import { CAMPAIGN_MIN_SIZE, findCampaigns, jaccard, normalise, shingles } from './campaigns';
import { FIXTURE_COMMENTS } from './fixtures/comments';
import { centreGovernanceCampaign, publicProcurementCampaign, SAME_POINT_OWN_WORDS } from './fixtures/campaign-comments';

const governance = centreGovernanceCampaign();
const procurement = publicProcurementCampaign();
const everything = [...FIXTURE_COMMENTS, ...SAME_POINT_OWN_WORDS, ...governance, ...procurement];

/** Pairwise precision and recall: a pair is "together" when both comments are in one group. */
function pairScores(found: string[][], truth: string[][]) {
	const pairs = (groups: string[][]) => {
		const set = new Set<string>();
		for (const group of groups) {
			const sorted = [...group].sort();
			for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) set.add(`${sorted[i]}|${sorted[j]}`);
		}
		return set;
	};
	const got = pairs(found);
	const want = pairs(truth);
	const hits = [...got].filter((pair) => want.has(pair)).length;
	return { precision: got.size ? hits / got.size : 0, recall: want.size ? hits / want.size : 0 };
}

describe('campaign detection', () => {
	it('ignores spacing and punctuation, keeps Hangul syllables', () => {
		expect(normalise('지원 센터, 협동-조합!')).toBe('지원센터협동조합');
		expect(shingles('지원센터')).toEqual(new Set(['지원센', '원센터']));
		expect(jaccard(shingles('지원 센터'), shingles('지원센터'))).toBe(1);
	});

	it('finds the 30-comment template and the 8-comment one, and nothing else, on a fixture of 124 comments', () => {
		const campaigns = findCampaigns(everything.map(({ id, text }) => ({ id, text })));
		const truth = [governance.map((c) => c.id), procurement.map((c) => c.id)];
		const { precision, recall } = pairScores(
			campaigns.map((c) => c.members),
			truth
		);
		expect(precision).toBeGreaterThanOrEqual(0.9);
		expect(recall).toBeGreaterThanOrEqual(0.9);
		// Largest first, each named by its smallest id.
		expect(campaigns[0].members).toHaveLength(30);
		expect(campaigns[0].id).toBe('gov-01');
		expect(campaigns[1].members).toHaveLength(8);
		const grouped = new Set(campaigns.flatMap((c) => c.members));
		for (const own of [...SAME_POINT_OWN_WORDS, ...FIXTURE_COMMENTS]) expect(grouped.has(own.id), own.id).toBe(false);
	});

	it('does not group different comments on one theme', () => {
		expect(findCampaigns(FIXTURE_COMMENTS.map(({ id, text }) => ({ id, text })))).toEqual([]);
	});

	it('needs at least CAMPAIGN_MIN_SIZE copies and ignores one-line agreements', () => {
		const two = governance.slice(0, CAMPAIGN_MIN_SIZE - 1);
		expect(findCampaigns(two)).toEqual([]);
		const agreements = Array.from({ length: 10 }, (_, i) => ({ id: i, text: '동의합니다.' }));
		expect(findCampaigns(agreements)).toEqual([]);
	});

	it('gives the same groups whatever the order of the comments', () => {
		const forward = findCampaigns(everything);
		const backward = findCampaigns([...everything].reverse());
		expect(backward).toEqual(forward);
	});

	it('scales to a thousand comments with numeric ids', () => {
		const many = Array.from({ length: 1000 }, (_, i) => ({
			id: i + 1,
			text: i < 300 ? governance[i % 30].text : `${FIXTURE_COMMENTS[i % FIXTURE_COMMENTS.length].text} (${i}번째 의견, 별도 작성)`
		}));
		const campaigns = findCampaigns(many);
		expect(campaigns[0].members).toHaveLength(300);
		expect(campaigns[0].id).toBe(1);
	});
});
