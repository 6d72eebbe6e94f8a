import { describe, expect, it } from 'vitest';
import { diffWords, isParticleTail, particleSplit, tokenize, type Segment } from './word-diff';
import { blocksOf, diffBlocks, similarity } from './block-diff';
import { compareSections, type ComparableSection } from './version-compare';

/** The diff written compactly: [-removed-] and {+added+}, the rest as it is. */
const show = (segments: Segment[]) =>
	segments.map((s) => (s.type === 'equal' ? s.text : s.type === 'removed' ? `[-${s.text}-]` : `{+${s.text}+}`)).join('');

const oldSide = (segments: Segment[]) =>
	segments
		.filter((s) => s.type !== 'added')
		.map((s) => s.text)
		.join('');
const newSide = (segments: Segment[]) =>
	segments
		.filter((s) => s.type !== 'removed')
		.map((s) => s.text)
		.join('');

describe('tokenize', () => {
	it('keeps a Hangul word with its particle together, and numbers with their counters', () => {
		expect(tokenize('지원센터는 2016년에 1명입니다.')).toEqual(['지원센터는', ' ', '2016년에', ' ', '1명입니다', '.']);
		expect(tokenize('돌봄·청소·식품')).toEqual(['돌봄', '·', '청소', '·', '식품']);
	});
});

describe('particles', () => {
	it('recognises particles, endings and two of them in a row', () => {
		for (const tail of ['', '는', '가', '에서', '으로', '에서는', '으로만', '들이', '까지도', '와의', '합니다']) {
			expect(isParticleTail(tail), tail).toBe(true);
		}
		for (const tail of ['위탁', '시', '적', '서', '게']) expect(isParticleTail(tail), tail).toBe(false);
	});

	it('splits a word pair at the longest stem followed only by particles', () => {
		expect(particleSplit('센터는', '센터가')).toEqual(['센터', '는', '가']);
		expect(particleSplit('센터에서', '센터에게')).toEqual(['센터', '에서', '에게']);
		expect(particleSplit('어린이', '어린이가')).toEqual(['어린이', '', '가']);
		expect(particleSplit('시민이', '시민들이')).toEqual(['시민', '이', '들이']);
		expect(particleSplit('민간', '민간위탁')).toBeNull();
		expect(particleSplit('제도', '지도')).toBeNull();
		expect(particleSplit('광명', '광명시')).toBeNull();
		expect(particleSplit('plan', 'plans')).toBeNull();
	});
});

describe('diffWords on Korean text', () => {
	it('marks only the particle when the noun stays (센터는 → 센터가)', () => {
		const segments = diffWords('지원센터는 시청 안에 있습니다.', '지원센터가 시청 안에 있습니다.');
		expect(show(segments)).toBe('지원센터[-는-]{+가+} 시청 안에 있습니다.');
	});

	it('marks a changed particle of several syllables (에서 → 으로)', () => {
		expect(show(diffWords('마을에서 시작합니다', '마을로 시작합니다'))).toBe('마을[-에서-]{+로+} 시작합니다');
		expect(show(diffWords('센터에서 상담합니다', '센터에게 상담합니다'))).toBe('센터[-에서-]{+에게+} 상담합니다');
	});

	it('marks an added or dropped particle without touching the noun', () => {
		expect(show(diffWords('사회적경제 기업 지원', '사회적경제 기업을 지원'))).toBe('사회적경제 기업{+을+} 지원');
		expect(show(diffWords('시민들이 참여합니다', '시민이 참여합니다'))).toBe('시민[-들이-]{+이+} 참여합니다');
	});

	it('marks a changed ending of a 하다 verb', () => {
		expect(show(diffWords('위원회를 구성합니다.', '위원회를 구성했습니다.'))).toBe('위원회를 구성[-합니다-]{+했습니다+}.');
	});

	it('replaces a whole word when the noun itself changes', () => {
		expect(show(diffWords('전담 인력은 1명입니다.', '전담 인력은 5명입니다.'))).toBe('전담 인력은 [-1명입니다-]{+5명입니다+}.');
		expect(show(diffWords('지원센터를 직영합니다', '지원센터를 민간위탁합니다'))).toBe('지원센터를 [-직영합니다-]{+민간위탁합니다+}');
		expect(show(diffWords('제도를 바꿉니다', '지도를 바꿉니다'))).toBe('[-제도를-]{+지도를+} 바꿉니다');
	});

	it('joins neighbouring replaced words into one deletion and one insertion', () => {
		expect(show(diffWords('시청 담당 부서 안에서', '첫 번째 미니 클러스터에서'))).toBe('[-시청 담당 부서 안에서-]{+첫 번째 미니 클러스터에서+}');
	});

	it('keeps particle changes and word changes apart in one sentence', () => {
		expect(show(diffWords('센터는 1명이 맡습니다', '센터가 5명이 맡습니다'))).toBe('센터[-는-]{+가+} [-1명이-]{+5명이+} 맡습니다');
	});

	it('shows inserted words with the stem they follow kept', () => {
		expect(show(diffWords('지원센터는 시청에 둡니다', '지원센터와 협의회는 시청에 둡니다'))).toBe('지원센터[-는-]{+와+} {+협의회는 +}시청에 둡니다');
		expect(show(diffWords('해마다 공모를 엽니다', '해마다 한 번 여는 공모 대신 주민 모임을 엽니다'))).toMatch(/^해마다 /);
	});

	it('always gives back both texts exactly', () => {
		const pairs: [string, string][] = [
			['지원센터는 시청 안에 있고 전담 인력은 1명입니다.', '지원센터가 미니 클러스터로 옮기고, 전담 인력을 5명까지 늘립니다.'],
			['문을 닫는 기업이 많습니다', '문을 닫는 기업이 적지 않지만, 왜 문을 닫는지 조사된 적이 없습니다.'],
			['', '새 문단입니다.'],
			['지울 문단입니다.', ''],
			['  앞뒤 공백  ', '앞뒤 공백'],
			['TF는 예산 전문가와 함께합니다', 'TF가 예산 전문가들과 함께합니다']
		];
		for (const [before, after] of pairs) {
			const segments = diffWords(before, after);
			expect(oldSide(segments)).toBe(before);
			expect(newSide(segments)).toBe(after);
		}
	});

	it('says nothing changed for identical text', () => {
		expect(diffWords('서로 돕는 경제', '서로 돕는 경제')).toEqual([{ type: 'equal', text: '서로 돕는 경제' }]);
	});
});

describe('blocksOf', () => {
	it('reads headings, paragraphs, list items, quotes and table rows as plain text', () => {
		const blocks = blocksOf(
			[
				'## 개선 방향',
				'',
				'지원 업무는 **시청** 안에서',
				'이루어집니다.',
				'',
				'- [민간위탁](https://example.org)으로 전환',
				'- 인력 *5명*',
				'',
				'1. 첫째',
				'',
				'> 서로 돕는 경제',
				'',
				'| 지표 | 목표 |',
				'| --- | --- |',
				'| 기업 수 | 100개 |'
			].join('\n')
		);
		expect(blocks).toEqual([
			{ kind: 'heading', text: '개선 방향' },
			{ kind: 'text', text: '지원 업무는 시청 안에서 이루어집니다.' },
			{ kind: 'item', text: '민간위탁으로 전환' },
			{ kind: 'item', text: '인력 5명' },
			{ kind: 'item', text: '1. 첫째' },
			{ kind: 'quote', text: '서로 돕는 경제' },
			{ kind: 'row', text: '지표 | 목표' },
			{ kind: 'row', text: '기업 수 | 100개' }
		]);
	});
});

describe('diffBlocks', () => {
	it('pairs a changed paragraph with its new text and leaves others as they were', () => {
		const before = '## 현재\n\n전담 인력은 1명입니다.\n\n- 상담\n- 교육';
		const after = '## 현재\n\n전담 인력은 5명입니다.\n\n- 상담\n- 교육\n- 판로';
		const blocks = diffBlocks(before, after);
		expect(blocks.map((b) => b.type)).toEqual(['equal', 'changed', 'equal', 'equal', 'added']);
		const changed = blocks[1];
		expect(changed.type === 'changed' && show(changed.segments)).toBe('전담 인력은 [-1명입니다-]{+5명입니다+}.');
		expect(blocks[4]).toEqual({ type: 'added', kind: 'item', text: '판로' });
	});

	it('measures likeness by character pairs, so changed particles still count as alike', () => {
		expect(similarity('지원센터는 시청 안에 있습니다.', '지원센터가 미니 클러스터에 있습니다.')).toBeGreaterThan(0.3);
		expect(similarity('기업 현황을 조사합니다.', '평생학습원의 학습 동아리와 강좌를 씁니다.')).toBeLessThan(0.15);
	});

	it('shows an unrelated new paragraph as removed and added, not as a word soup', () => {
		const blocks = diffBlocks('기업 현황을 조사합니다.', '평생학습원의 학습 동아리와 강좌를 씁니다.');
		expect(blocks.map((b) => b.type)).toEqual(['removed', 'added']);
	});
});

const section = (key: string, number: string, heading: string, body: string, parentKey: string | null = null): ComparableSection => ({
	key,
	number,
	heading,
	body,
	parentKey
});

describe('compareSections', () => {
	const before = [
		section('overview', '1', '계획의 개요', '광명시의 사회적경제 기본계획입니다.'),
		section('strategy', '2', '추진 전략', '세 가지 전략을 축으로 삼습니다.'),
		section('governance', '2.1', '민관 거버넌스', '위원회는 연 2회 열립니다.', 'strategy'),
		section('mini-clusters', '3', '미니 클러스터', '공유 공간을 만듭니다.'),
		section('support-centre', '4', '지원센터', '지원센터는 시청 안에 있습니다.'),
		section('indicators', '5', '성과지표', '기업 수를 봅니다.')
	];
	const after = [
		section('overview', '1', '계획의 개요', '광명시의 사회적경제 기본계획입니다.'),
		section('deliberation', '2', '함께 만드는 과정', '모든 의견에 답합니다.'),
		section('strategy', '3', '추진 전략', '세 가지 전략을 축으로 삼습니다.'),
		section('governance', '3.1', '민관 거버넌스', '위원회는 연 2회 열리고 회의록을 공개합니다.', 'strategy'),
		section('mini-clusters', '3.2', '미니 클러스터', '공유 공간을 만듭니다.', 'strategy'),
		section('support-centre', '4', '사회적경제 지원센터', '지원센터가 미니 클러스터에 있습니다.')
	];

	it('classifies sections by key: added, removed, moved, changed, unchanged', () => {
		const { sections, counts } = compareSections(before, after);
		const status = Object.fromEntries(sections.map((s) => [s.key, [s.status, s.moved]]));
		expect(status).toEqual({
			overview: ['unchanged', false],
			deliberation: ['added', false],
			strategy: ['unchanged', false],
			governance: ['changed', false],
			'mini-clusters': ['unchanged', true],
			'support-centre': ['changed', false],
			indicators: ['removed', false]
		});
		expect(counts).toEqual({ added: 1, removed: 1, moved: 1, changed: 2, unchanged: 2 });
	});

	it('keeps the newer order and puts a removed section where it was', () => {
		expect(compareSections(before, after).sections.map((s) => s.key)).toEqual([
			'overview',
			'deliberation',
			'strategy',
			'governance',
			'mini-clusters',
			'support-centre',
			'indicators'
		]);
	});

	it('does not call a section moved because another was inserted before it', () => {
		const strategy = compareSections(before, after).sections.find((s) => s.key === 'strategy')!;
		expect(strategy.before?.number).toBe('2');
		expect(strategy.after?.number).toBe('3');
		expect(strategy.moved).toBe(false);
	});

	it('detects a section moved up in the order without other changes', () => {
		const reordered = [before[0], before[4], before[1], before[2], before[3], before[5]];
		const { sections } = compareSections(before, reordered);
		expect(sections.filter((s) => s.moved).map((s) => s.key)).toEqual(['support-centre']);
		expect(sections.every((s) => s.status === 'unchanged')).toBe(true);
	});

	it('gives the heading and body diff of a changed section', () => {
		const centre = compareSections(before, after).sections.find((s) => s.key === 'support-centre')!;
		expect(show(centre.heading!)).toBe('{+사회적경제 +}지원센터');
		expect(centre.blocks).toHaveLength(1);
		const [block] = centre.blocks;
		expect(block.type === 'changed' && show(block.segments)).toBe('지원센터[-는-]{+가+} [-시청 안에-]{+미니 클러스터에+} 있습니다.');
	});
});
