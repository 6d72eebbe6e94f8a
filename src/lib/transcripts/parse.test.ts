import { describe, expect, it } from 'vitest';
import {
	analyseTranscript,
	formatTranscript,
	inferStakeholderGroup,
	isCaptionLine,
	mergeStatements,
	normaliseText,
	parseTranscript,
	splitStatement,
	type Statement
} from './parse';
import { FIXTURES, captions, interimReport2015, type TranscriptFixture } from './fixtures';

const strip = (text: string) => text.replace(/\s+/g, '');

/**
 * Nothing lost, nothing invented: the normalised input without its caption lines, whitespace
 * removed, is exactly the openers and texts of the statements in order, whitespace removed; every
 * caption is one whole line of the input; each opener is the name and the affiliation in
 * parentheses (with an optional bullet before and colon after).
 */
function expectNothingLost(input: string) {
	const { statements, skipped } = analyseTranscript(input);
	const lines = normaliseText(input)
		.split('\n')
		.map((line) => line.replace(/\s+/g, ' ').trim());
	const remaining = [...skipped];
	const kept = lines.filter((line) => {
		const at = remaining.indexOf(line);
		if (at === 0) remaining.shift();
		return at !== 0;
	});
	expect(remaining, 'every skipped caption is a whole input line, in order').toEqual([]);
	expect(strip(statements.map((s) => s.opener + s.text).join(''))).toBe(strip(kept.join('\n')));
	for (const s of statements) {
		if (!s.name) {
			expect(s.opener).toBe('');
			expect(s.affiliation).toBe('');
			continue;
		}
		const opener = strip(s.opener).replace(/^(?:[-–—•·◦○●▪■□◆◇※>*]|\d{1,2}[.)]|[①-⑳])/, '');
		expect(opener).toMatch(/^[^(（]+[(（].*[)）][:：]?$/);
		expect(opener.replace(/[(（]/, '(').replace(/[)）][:：]?$/, ')')).toBe(`${strip(s.name)}(${strip(s.affiliation)})`);
	}
}

/** Whitespace is normalised in every field: single spaces, nothing at either end. */
function expectNormalised(statements: Statement[]) {
	for (const s of statements) {
		for (const field of [s.name, s.affiliation, s.text]) {
			expect(field).toBe(field.trim());
			expect(field).not.toMatch(/\s\s|[\n\t\u00a0\u3000]/);
		}
	}
}

describe('parseTranscript on the fixtures', () => {
	it.each(FIXTURES.map((f) => [f.title, f] as [string, TranscriptFixture]))('%s', (_title, fixture) => {
		const analysis = analyseTranscript(fixture.input);
		expect(parseTranscript(fixture.input)).toEqual(fixture.expected);
		expect(analysis.skipped).toEqual(fixture.skipped);
	});

	it('covers the messy cases of the issue with at least one fixture each, and a long meeting', () => {
		expect(FIXTURES.map((f) => f.title)).toEqual([
			'several statements on one line',
			'half-width and full-width parentheses',
			'photo captions and name lists',
			'parentheses inside a statement',
			'long affiliations',
			'names',
			'the 2015 interim report meeting, fifteen speakers'
		]);
		const speakers = new Set(interimReport2015.expected.filter((s) => s.name).map((s) => s.name));
		expect(speakers.size).toBeGreaterThanOrEqual(12);
		expect(captions.skipped.length).toBeGreaterThanOrEqual(5);
	});

	it('returns plain {name, affiliation, text} objects and nothing else', () => {
		for (const statement of parseTranscript(interimReport2015.input)) {
			expect(Object.keys(statement)).toEqual(['name', 'affiliation', 'text']);
		}
	});
});

describe('properties', () => {
	it.each(FIXTURES.map((f) => [f.title, f] as [string, TranscriptFixture]))('no text is lost: %s', (_title, fixture) => {
		expectNothingLost(fixture.input);
		expectNormalised(parseTranscript(fixture.input));
	});

	it.each(FIXTURES.map((f) => [f.title, f] as [string, TranscriptFixture]))('is idempotent on clean input: %s', (_title, fixture) => {
		// The expected statements written out cleanly parse to themselves …
		expect(parseTranscript(formatTranscript(fixture.expected))).toEqual(fixture.expected);
		// … and so does any parse, written out again.
		const once = parseTranscript(fixture.input);
		const twice = parseTranscript(formatTranscript(once));
		expect(twice).toEqual(once);
		expect(parseTranscript(formatTranscript(twice))).toEqual(once);
	});

	it('holds both properties on generated transcripts', () => {
		// A small deterministic generator: openers, sentences with in-text parentheses, captions,
		// odd whitespace and line breaks at random places.
		let seed = 20150317;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
		const openers = [
			'김도윤(경기도 사회적경제과 팀장)',
			'박서연（서울시 사회적경제지원센터 센터장）',
			'강지훈((주)함께짓는집 대표)',
			'남궁민(광명시민)',
			'Maria Kim(서울 소재 대학 도시계획학과 교수)',
			'김OO(광명 마을기업 대표):',
			'- 오세진(광명 의제21 사무국장, 전 광명YMCA 간사)'
		];
		const sentences = [
			'사회적경제(Social Economy)라는 말이 낯섭니다.',
			'(예비)사회적기업도 함께해야 합니다',
			'조례(2012년 제정) 이후 달라졌습니다.',
			'미니 클러스터(가칭)를 만들면 좋겠습니다!',
			'앞서 박서연(서울시 사회적경제지원센터 센터장) 님 말씀에 공감합니다.',
			'공공구매(公共購買)에 기대지 말아야 할까요?',
			'지원센터 인력이 한 명뿐입니다(웃음)',
			'마을 단위로 모여야 하지만',
			'담당자(사회적경제팀 주무관) 한 명이 다 맡습니다.'
		];
		const caption = ['사진: 왼쪽부터 김OO(광명 생협 이사장), 이OO(광명YMCA 사무총장)', '▲ 최민지 이사장, 정하늘 대표'];
		const spaces = [' ', '  ', '\n', '\r\n', '\u3000', '\t', ' \u00a0', '\n\n'];
		for (let round = 0; round < 300; round++) {
			let text = random() < 0.3 ? '토론 요지' + pick(spaces) : '';
			const count = 1 + Math.floor(random() * 8);
			for (let i = 0; i < count; i++) {
				text += pick(['\n', '\n\n', ' ', '\r\n']) + pick(openers) + pick(spaces);
				const length = Math.floor(random() * 4);
				for (let j = 0; j < length; j++) text += pick(sentences) + pick(spaces);
				if (random() < 0.15) text += '\n' + pick(caption) + '\n';
			}
			expectNothingLost(text);
			const once = parseTranscript(text);
			expectNormalised(once);
			expect(parseTranscript(formatTranscript(once))).toEqual(once);
		}
	});
});

describe('speakers and non-speakers', () => {
	it('takes a speaker line on its own, with the statement on the next line', () => {
		expect(parseTranscript('김도윤(경기도 사회적경제과 팀장)\n초안을 잘 읽었습니다.\n\n박서연(서울시 사회적경제지원센터 센터장)\n저도요.')).toEqual([
			{ name: '김도윤', affiliation: '경기도 사회적경제과 팀장', text: '초안을 잘 읽었습니다.' },
			{ name: '박서연', affiliation: '서울시 사회적경제지원센터 센터장', text: '저도요.' }
		]);
	});

	it('takes a name broken from its parenthesis by the line break of a paste', () => {
		expect(parseTranscript('좋습니다.\n최민지\n(광명 소비자생활협동조합\n이사장) 조합원이 먼저입니다.')).toEqual([
			{ name: '', affiliation: '', text: '좋습니다.' },
			{ name: '최민지', affiliation: '광명 소비자생활협동조합 이사장', text: '조합원이 먼저입니다.' }
		]);
		// but not across a blank line, which ends a paragraph
		expect(parseTranscript('최민지(광명 소비자생활협동조합\n\n이사장) 네.')[0].name).toBe('');
	});

	it('keeps a speaker without a statement rather than dropping the name', () => {
		expect(parseTranscript('김도윤(경기도 사회적경제과 팀장)\n박서연(서울시 사회적경제지원센터 센터장) 네.')).toEqual([
			{ name: '김도윤', affiliation: '경기도 사회적경제과 팀장', text: '' },
			{ name: '박서연', affiliation: '서울시 사회적경제지원센터 센터장', text: '네.' }
		]);
	});

	it('does not start a speaker mid-sentence, only at a line start or after a sentence', () => {
		const text = '최민지(광명 소비자생활협동조합 이사장) 이 문제는 한가람(광명YMCA 사무총장) 의견과 같습니다.';
		expect(parseTranscript(text)).toEqual([
			{
				name: '최민지',
				affiliation: '광명 소비자생활협동조합 이사장',
				text: '이 문제는 한가람(광명YMCA 사무총장) 의견과 같습니다.'
			}
		]);
	});

	it('reads mentions of a person as text: 님, 씨, 께서, 등, attached particles', () => {
		for (const mention of [
			'한가람(광명YMCA 사무총장) 님의 제안처럼',
			'한가람(광명YMCA 사무총장) 씨가 말했듯',
			'한가람(광명YMCA 사무총장)께서 말씀하신',
			'한가람(광명YMCA 사무총장) 등 여러분이',
			'한가람(광명YMCA 사무총장)의 말처럼'
		]) {
			const text = `최민지(광명 생협 이사장) 좋습니다. ${mention} 마을이 단위입니다.`;
			expect(parseTranscript(text), mention).toEqual([
				{ name: '최민지', affiliation: '광명 생협 이사장', text: `좋습니다. ${mention} 마을이 단위입니다.` }
			]);
		}
	});

	it('never takes a year, an expansion, (예비), (가칭) or (주) for an affiliation, even at a line start', () => {
		for (const line of [
			'협동조합(Cooperative) 방식이 맞습니다.',
			'조례(2012년) 이후 달라졌습니다.',
			'이듬해(2015년 광명시 사회적경제과 신설) 센터가 생겼습니다.',
			'기업(예비) 단계입니다.',
			'센터(가칭) 설립이 필요합니다.',
			'김철수(주) 같은 회사도 있습니다.',
			'정책(政策) 방향이 중요합니다.',
			'이영희(YMCA) 얘기입니다.'
		]) {
			expect(parseTranscript(line), line).toEqual([{ name: '', affiliation: '', text: line }]);
		}
	});

	it('needs a Korean family name, so common words before a parenthesis are no speakers', () => {
		expect(parseTranscript('행정(광명시 사회적경제과 주관) 설명이 있었습니다.')).toEqual([
			{ name: '', affiliation: '', text: '행정(광명시 사회적경제과 주관) 설명이 있었습니다.' }
		]);
		expect(parseTranscript('담당자(사회적경제팀 주무관) 한 명입니다.')[0].name).toBe('');
		expect(parseTranscript('이사장(광명 생협) 선출이 끝났습니다.')[0].name).toBe('');
		expect(parseTranscript('탁은비(광명 청년협동조합 이사) 네.')[0].name).toBe('탁은비');
	});

	it('reads a text without any speaker as one statement without a name', () => {
		expect(parseTranscript('회의 자료는 추후 공유합니다.')).toEqual([{ name: '', affiliation: '', text: '회의 자료는 추후 공유합니다.' }]);
		expect(parseTranscript('')).toEqual([]);
		expect(parseTranscript(' \n\u3000\t\n')).toEqual([]);
	});

	it('reads decomposed Hangul (NFD, as copied on a Mac) like composed Hangul', () => {
		const nfd = '김도윤(경기도 사회적경제과 팀장) 좋습니다.'.normalize('NFD');
		expect(parseTranscript(nfd)).toEqual([{ name: '김도윤', affiliation: '경기도 사회적경제과 팀장', text: '좋습니다.' }]);
	});

	it('removes zero-width characters and unifies spaces', () => {
		expect(parseTranscript('\ufeff김도윤\u200b(경기도\u00a0사회적경제과\u3000팀장)\t좋습니다.\r\n')).toEqual([
			{ name: '김도윤', affiliation: '경기도 사회적경제과 팀장', text: '좋습니다.' }
		]);
	});

	it('parses a transcript of 100,000 characters quickly, and survives pathological input', () => {
		const long = interimReport2015.input.repeat(Math.ceil(100_000 / interimReport2015.input.length)).slice(0, 100_000);
		const started = performance.now();
		const statements = parseTranscript(long);
		expect(performance.now() - started).toBeLessThan(2000);
		expect(statements.length).toBeGreaterThan(15 * 20);
		const parentheses = '김도윤('.repeat(20_000) + ')'.repeat(20_000);
		const again = performance.now();
		expect(parseTranscript(parentheses)).toEqual([{ name: '', affiliation: '', text: parentheses }]);
		expect(performance.now() - again).toBeLessThan(2000);
	});
});

describe('layouts of printed transcripts', () => {
	const speakers = (text: string) => analyseTranscript(text).statements.map((s) => [s.name, s.affiliation, s.unsure]);

	it('skips a caption of bare names before the statements, also when glued to the first one', () => {
		const text =
			'서지훈 문정아 배성우 서지훈(경기도 사회적경제과 팀장) 공감합니다.\n문정아(서울시 사회적경제지원센터 센터장) 네.\n배성우(광명시 소상공인지원센터 소장) 좋습니다.';
		const { statements, skipped } = analyseTranscript(text);
		expect(statements.map((s) => [s.name, s.text])).toEqual([
			['서지훈', '공감합니다.'],
			['문정아', '네.'],
			['배성우', '좋습니다.']
		]);
		expect(skipped).toEqual(['서지훈 문정아 배성우']);
	});

	it('takes a line of bare names for a caption only with three people, or two with a speaker among them', () => {
		expect(isCaptionLine('서지훈 문정아 배성우')).toBe(true);
		expect(isCaptionLine('서지훈 팀장 문정아 센터장 배성우 소장')).toBe(true);
		expect(isCaptionLine('서지훈 문정아')).toBe(false);
		expect(isCaptionLine('서지훈 문정아', new Set(['서지훈']))).toBe(true);
		for (const line of ['주민이 모여 이야기합니다', '공동 육아', '마을 공동체 사업', '이상 발표를 마칩니다']) {
			expect(isCaptionLine(line, new Set(['서지훈'])), line).toBe(false);
		}
		// After a sentence at the end of a line, the run is cut off and the statement kept.
		const { statements, skipped } = analyseTranscript(
			'주은비(철산동 통장) 안내 자료가 필요합니다. 주은비 길태섭 표미란\n길태섭(철산동 주민자치회 위원) 네.'
		);
		expect(statements.map((s) => s.text)).toEqual(['안내 자료가 필요합니다.', '네.']);
		expect(skipped).toEqual(['주은비 길태섭 표미란']);
	});

	it('reads "이름 소속 직함:", "○○○ 위원:", "사회자:" and "토론자 1:" speakers', () => {
		expect(
			speakers(
				'사회자: 시작하겠습니다.\n하정민 광명시 사회적경제과 주무관: 네.\n○ ○○○ 위원: 좋습니다.\n- 김○○ 위원: 저도요.\n토론자 1: 한 말씀 드립니다.\n국혜원 광명시민: 저는 소비자입니다.'
			)
		).toEqual([
			['사회자', '', null],
			['하정민', '광명시 사회적경제과 주무관', null],
			['○○○', '위원', null],
			['김○○', '위원', null],
			['토론자 1', '', null],
			['국혜원', '광명시민', null]
		]);
	});

	it('takes "이름:" for three syllables or someone introduced, and leaves headings and times alone', () => {
		expect(speakers('진솔(광명 청년유니온 활동가) 네.\n진솔: 제가 쓰겠습니다.\n도하윤: 좋습니다.')).toEqual([
			['진솔', '광명 청년유니온 활동가', null],
			['진솔', '', null],
			['도하윤', '', null]
		]);
		for (const text of ['현황: 기업이 여든 곳입니다.', '목표: 자립입니다.', '회의는 오후 2:30에 시작합니다.', '결론: 마을이 단위입니다.']) {
			expect(parseTranscript(text), text).toEqual([{ name: '', affiliation: '', text }]);
		}
	});

	it('reads numbered questions and answers, the label giving way to a named speaker after it', () => {
		const text =
			'질문 1\n윤채원(광명시민) 어디서 사나요?\n답변\n하정민(광명시 사회적경제과 주무관) 장터에서 팝니다.\n질문 2. 취업은 어디로 가나요?\n답변: 일자리센터입니다.\n[질문 3] 추경진(광명 고등학생) 학교에서도 되나요?';
		const { statements } = analyseTranscript(text);
		expect(statements.map((s) => [s.name, s.text, s.opener])).toEqual([
			['윤채원', '어디서 사나요?', '질문 1 윤채원(광명시민)'],
			['하정민', '장터에서 팝니다.', '답변 하정민(광명시 사회적경제과 주무관)'],
			['질문 2', '취업은 어디로 가나요?', '질문 2.'],
			['답변', '일자리센터입니다.', '답변:'],
			['추경진', '학교에서도 되나요?', '[질문 3] 추경진(광명 고등학생)']
		]);
		// A word at a line start is no label: "답변 드리겠습니다" belongs to the statement.
		expect(parseTranscript('하정민(광명시 사회적경제과 주무관) 질문 주신 내용에\n답변 드리겠습니다.')).toHaveLength(1);
	});

	it('splits "이름 직함(소속)" at a line start, a statement after a lost space, and an affiliation opening with a number', () => {
		expect(speakers('선우하람 대표（광명 마을기업 협의회） 네.')).toEqual([['선우하람', '광명 마을기업 협의회 대표', null]]);
		expect(parseTranscript('천보라(광명 마을공동체 지원단 활동가) 체감하지 못합니다.천동희(광명 어르신돌봄협동조합 대표) 돌봄은 다릅니다.')).toEqual([
			{ name: '천보라', affiliation: '광명 마을공동체 지원단 활동가', text: '체감하지 못합니다.' },
			{ name: '천동희', affiliation: '광명 어르신돌봄협동조합 대표', text: '돌봄은 다릅니다.' }
		]);
		expect(speakers('김다솜(3040 마을모임 대표) 네.')).toEqual([['김다솜', '3040 마을모임 대표', null]]);
	});

	it('marks the splits it is unsure of, with the reason', () => {
		expect(
			speakers(
				'회의 자료\n구민서(광명시 사회적경제지원센터 센터장) 늘었습니다.\n방수정(늘봄 공부방) 저는 공부방을 합니다.\n꽃님이(광명시민) 저도요.\n석지안(광명 청년협동조합 이사) 어려움이고 구민서(광명시 사회적경제지원센터 센터장) 덧붙이면 엽니다.'
			)
		).toEqual([
			['', '', 'no_speaker'],
			['구민서', '광명시 사회적경제지원센터 센터장', null],
			['방수정', '늘봄 공부방', 'affiliation'],
			['꽃님이', '광명시민', 'name'],
			['석지안', '광명 청년협동조합 이사', null],
			['구민서', '광명시 사회적경제지원센터 센터장', 'mid_sentence']
		]);
		// A common noun outside the family-name list is no rare name.
		expect(parseTranscript('협의체(민관 거버넌스 위원회) 구성이 먼저입니다.')).toHaveLength(1);
		// A word that opens a statement splits even someone not known yet.
		expect(speakers('석지안(광명 청년협동조합 이사) 어려움이지만 한가람(광명YMCA 사무총장) 저는 다르게 봅니다.')[1]).toEqual([
			'한가람',
			'광명YMCA 사무총장',
			'mid_sentence'
		]);
	});

	it('keeps a known speaker mentioned mid-sentence as text when a word refers back to them', () => {
		for (const mention of ['의견에', '말씀처럼', '발표 자료에', '센터장과']) {
			const text = `구민서(광명시 사회적경제지원센터 센터장) 네.\n석지안(광명 청년협동조합 이사) 저도 구민서(광명시 사회적경제지원센터 센터장) ${mention} 공감합니다.`;
			expect(parseTranscript(text), mention).toHaveLength(2);
		}
		// Nor is an aside or a year a weak affiliation.
		expect(parseTranscript('구민서(광명시 사회적경제지원센터 센터장) 네.\n구민서(웃음) 그렇습니다.')[1]).toBeUndefined();
	});

	it('writes a speaker without an affiliation as "이름:" so the text parses back the same', () => {
		const statements = [
			{ name: '사회자', affiliation: '', text: '시작하겠습니다.' },
			{ name: '도하윤', affiliation: '', text: '좋습니다.' },
			{ name: '질문 2', affiliation: '', text: '어디로 가나요?' },
			{ name: '○○○', affiliation: '위원', text: '네.' }
		];
		expect(formatTranscript(statements)).toBe('사회자: 시작하겠습니다.\n\n도하윤: 좋습니다.\n\n질문 2: 어디로 가나요?\n\n○○○(위원) 네.');
		expect(parseTranscript(formatTranscript(statements))).toEqual(statements);
	});
});

describe('captions', () => {
	it('skips marked captions and lines that only list people', () => {
		for (const line of [
			'사진: 왼쪽부터 김OO(광명 생협 이사장), 이OO(광명YMCA 사무총장)',
			'사진 1. 중간보고회 모습',
			'▲ 홍길동 이사장, 김철수 센터장',
			'△ 토론하는 참석자들',
			'[사진] 발언하는 시민',
			'<사진> 광명시청 중회의실',
			'김도윤(경기도 사회적경제과 팀장), 박서연(서울시 사회적경제지원센터 센터장)',
			'김도윤 팀장 · 박서연 센터장 · 이준호 소장',
			'참석자: 김OO 이사장, 이OO 사무총장 등',
			'김OO(광명 생협 이사장)와 이OO(광명YMCA 사무총장)'
		]) {
			expect(isCaptionLine(line), line).toBe(true);
		}
	});

	it('keeps lines that merely start like a caption or name one person', () => {
		for (const line of [
			'사진 자료를 보면 알 수 있습니다.',
			'김도윤(경기도 사회적경제과 팀장) 경기도, 서울, 광명 모두 사정이 다릅니다.',
			'김도윤 팀장 말씀에 동의합니다, 박서연 센터장 말씀도요.',
			'김도윤(경기도 사회적경제과 팀장)'
		]) {
			expect(isCaptionLine(line), line).toBe(false);
		}
	});
});

describe('mergeStatements and splitStatement', () => {
	const a = { name: '김도윤', affiliation: '경기도 사회적경제과 팀장', text: '경기도 사례를 보여 주세요.' };
	const b = { name: '박서연', affiliation: '서울시 사회적경제지원센터 센터장', text: '사람이 먼저입니다.' };

	it('merges two statements under the first speaker with one space between the texts', () => {
		expect(mergeStatements(a, b)).toEqual({
			name: '김도윤',
			affiliation: '경기도 사회적경제과 팀장',
			text: '경기도 사례를 보여 주세요. 사람이 먼저입니다.'
		});
	});

	it('merges text without a speaker into the next statement under its speaker', () => {
		expect(mergeStatements({ name: '', affiliation: '', text: '토론 요지' }, b)).toEqual({
			...b,
			text: '토론 요지 사람이 먼저입니다.'
		});
		expect(mergeStatements(a, { ...b, text: '' })).toEqual(a);
	});

	it('splits at a character index, both parts keeping the speaker', () => {
		const at = a.text.indexOf('보여');
		expect(splitStatement(a, at)).toEqual([
			{ ...a, text: '경기도 사례를' },
			{ ...a, text: '보여 주세요.' }
		]);
	});

	it('splits off a speaker the parser missed, taking the name and affiliation from the text', () => {
		// No sentence ending before the second speaker, nobody known by that name and no word that
		// opens a statement after it, so the parser keeps it in the first statement.
		const [missed] = parseTranscript('최민지(광명 생협 이사장) 조합원이 먼저지만 한가람(광명YMCA 사무총장) 행정이 먼저라고 봅니다.');
		expect(missed.text).toBe('조합원이 먼저지만 한가람(광명YMCA 사무총장) 행정이 먼저라고 봅니다.');
		expect(splitStatement(missed, missed.text.indexOf('한가람'))).toEqual([
			{ name: '최민지', affiliation: '광명 생협 이사장', text: '조합원이 먼저지만' },
			{ name: '한가람', affiliation: '광명YMCA 사무총장', text: '행정이 먼저라고 봅니다.' }
		]);
	});

	it('splits off even a name outside the family-name list when the official points at it', () => {
		const statement = { ...a, text: '좋습니다. 꽃님이(광명시민) 저도요.' };
		expect(splitStatement(statement, statement.text.indexOf('꽃님이'))?.[1]).toEqual({
			name: '꽃님이',
			affiliation: '광명시민',
			text: '저도요.'
		});
		// but a term with an expansion stays text of the same speaker
		const term = { ...a, text: '좋습니다. 협동조합(Cooperative) 방식입니다.' };
		expect(splitStatement(term, term.text.indexOf('협동조합'))?.[1]).toEqual({ ...a, text: '협동조합(Cooperative) 방식입니다.' });
	});

	it('refuses a split that leaves an empty part or is not at a character', () => {
		expect(splitStatement(a, 0)).toBeNull();
		expect(splitStatement(a, a.text.length)).toBeNull();
		expect(splitStatement(a, 100)).toBeNull();
		expect(splitStatement(a, -3)).toBeNull();
		expect(splitStatement(a, 1.5)).toBeNull();
		expect(splitStatement({ ...a, text: '네.   ' }, 3)).toBeNull();
	});

	it('never cuts a character made of two UTF-16 units', () => {
		const statement = { ...a, text: '좋아요😀 다음' };
		const [first, second] = splitStatement(statement, statement.text.indexOf('😀') + 1) ?? [];
		expect(first?.text).toBe('좋아요😀');
		expect(second?.text).toBe('다음');
	});

	it('undoes a merge with a split at the join', () => {
		const merged = mergeStatements(a, { ...b, name: a.name, affiliation: a.affiliation });
		expect(splitStatement(merged, a.text.length + 1)).toEqual([a, { ...a, text: b.text }]);
	});
});

describe('inferStakeholderGroup', () => {
	it.each([
		['경기도 사회적경제과 팀장', 'government'],
		['광명시 사회적경제팀장', 'government'],
		['광명시 일자리정책과 주무관', 'government'],
		['광명시청', 'government'],
		['광명시의회 의원', 'government'],
		['광명시 평생학습원 팀장', 'government'],
		['광명 소비자생활협동조합 이사장', 'cooperative'],
		['광명 돌봄노동자협동조합 대표', 'cooperative'],
		['광명 생협 이사', 'cooperative'],
		['（주）함께짓는집 대표', 'social_economy_enterprise'],
		['(주)함께짓는집 대표', 'social_economy_enterprise'],
		['광명 마을기업 대표', 'social_economy_enterprise'],
		['광명 사회적기업 협의회 회원사 대표', 'social_economy_enterprise'],
		['서울시 사회적경제지원센터 센터장', 'intermediary'],
		['광명시 사회적경제 지원센터 센터장', 'intermediary'],
		['광명시 소상공인지원센터 소장', 'intermediary'],
		['광명YMCA 사무총장', 'civil_society'],
		['광명 의제21 사무국장', 'civil_society'],
		['광명시 지역사회복지협의회 간사', 'civil_society'],
		['광명새뜸신문 기자', 'civil_society'],
		['경기 사회적경제 연구 네트워크 연구원', 'research'],
		['서울 소재 대학 도시계획학과 교수', 'research'],
		['○○대학교 협동조합학과 교수', 'research'],
		['Seoul Institute of Social Economy, researcher', 'research'],
		['광명시민', 'citizen'],
		['광명 청년', 'citizen'],
		['대학생', 'citizen']
	] as const)('%s → %s', (affiliation, group) => {
		expect(inferStakeholderGroup(affiliation)).toBe(group);
	});

	it('returns null when nothing says which group', () => {
		expect(inferStakeholderGroup('')).toBeNull();
		expect(inferStakeholderGroup('광명 재가노인복지센터 센터장')).toBeNull();
		expect(inferStakeholderGroup('○○재단 사업팀장')).toBeNull();
	});
});
