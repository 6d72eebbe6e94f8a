import { describe, expect, it } from 'vitest';
import { outcomeDocx, type OutcomeDocxComment, type OutcomeDocxReport } from './outcome-docx';
import { openDocx } from './docx-reader';

const tally = (values: Partial<Record<string, number>>) =>
	({ accepted: 0, partly_accepted: 0, under_review: 0, not_accepted: 0, out_of_scope: 0, none: 0, ...values }) as OutcomeDocxReport['byDisposition'];

const comment = (id: number, disposition: string | null, extra: Partial<OutcomeDocxComment> = {}): OutcomeDocxComment => ({
	id,
	kind: 'suggestion',
	author: { name: `참여자 ${id}`, organisation: '광명 시민모임', group: 'citizen' },
	session: null,
	bodyHtml: '<p>…</p>',
	response: disposition ? { disposition, body: `답변 ${id}: **"협동"**이 중요합니다.` } : null,
	reflectedIn: [],
	...extra
});

const comments = [
	comment(11, 'accepted', { reflectedIn: [{ versionNumber: 2, heading: '지원센터' }] }),
	comment(12, 'not_accepted'),
	comment(13, 'partly_accepted', { session: { title: '1차 공청회' } }),
	comment(14, null)
];

const report: OutcomeDocxReport = {
	version: { number: 1, title: '초안', commentsOpenAt: new Date('2025-03-01T00:00:00Z'), commentsCloseAt: new Date('2025-03-31T00:00:00Z') },
	next: { number: 2, title: '수정안', publishedAt: new Date('2025-04-15T00:00:00Z'), changeSummary: '지원센터 인력을 늘렸습니다.' },
	total: 4,
	voices: 0,
	byDisposition: tally({ accepted: 1, partly_accepted: 1, not_accepted: 1, none: 1 }),
	byGroup: [{ group: 'citizen', tally: tally({ accepted: 1, partly_accepted: 1, not_accepted: 1, none: 1 }), total: 4 }],
	themes: [{ slug: 'support-centre', labelKo: '지원센터 운영', labelEn: 'Support centre', count: 3 }],
	sessions: [{ title: '1차 공청회', heldOn: '2025-03-10', kind: 'citizens_forum' }],
	sections: [
		{ key: 'support-centre', number: '1', heading: '지원센터', change: 'changed', moved: false, comments: comments.slice(0, 2) },
		{ key: 'finance', number: '2', heading: '재원 조달', change: 'unchanged', moved: false, comments: comments.slice(2) },
		{ key: 'removed', number: '3', heading: '없어진 장', change: 'removed', moved: false, comments: [] }
	]
};

const bodies = new Map([
	[11, '지원센터 **인력**을 다섯 명으로 늘려 주세요.\n\n- 상근 인력\n- 교육 담당'],
	[12, '<script>alert(1)</script> 예산이 *부족*합니다.'],
	[13, '공청회에서 말씀드린 대로 사회적경제 기금이 필요합니다.'],
	[14, '아직 답이 없는 의견입니다.']
]);

describe('the outcome report as .docx', async () => {
	const bytes = await outcomeDocx({
		plan: { title: '광명시 사회적경제 기본계획', organisation: '광명시' },
		report,
		bodies,
		syntheses: new Map([['support-centre', '**"협동"**이 가장 많이 나온 말입니다.']])
	});
	const doc = openDocx(bytes);
	const styled = (style: string) => doc.paragraphs.filter((p) => p.style === style).map((p) => p.text);
	const all = doc.paragraphs.map((p) => p.text).join('\n');

	it('is a zip whose document parses, with title and headings', () => {
		expect(String.fromCharCode(bytes[0], bytes[1])).toBe('PK');
		expect(doc.files).toContain('word/styles.xml');
		expect(styled('Title')).toEqual(['1차안 의견 수렴 결과']);
		expect(styled('Heading1')).toEqual(['한눈에 보기', '들은 이야기: 주제별', '한 일: 장별 의견과 답변']);
		expect(styled('Heading2')).toEqual(expect.arrayContaining(['지원센터 운영 · 의견 3개', '1 지원센터', '2 재원 조달', '3 없어진 장']));
	});

	it('names the Korean font for East Asian text, with Noto Sans CJK KR as its alternative', () => {
		expect(doc.part('word/styles.xml')).toMatch(/<w:rFonts [^>]*w:eastAsia="Malgun Gothic"/);
		expect(doc.part('word/styles.xml')).toContain('w:eastAsia="ko-KR"');
		expect(doc.part('word/fontTable.xml')).toMatch(
			/<w:font w:name="Malgun Gothic"><w:altName w:val="맑은 고딕,Noto Sans CJK KR"\/><w:charset w:val="81"\/>/
		);
	});

	it('carries the Hangul of comments, answers and syntheses, Markdown as formatting', () => {
		expect(all).toContain('지원센터 인력을 다섯 명으로 늘려 주세요.');
		expect(all).toContain('• 상근 인력');
		expect(all).toContain('공청회에서 말씀드린 대로 사회적경제 기금이 필요합니다.');
		// Raw HTML in a comment is text, as on the page.
		expect(all).toContain('<script>alert(1)</script> 예산이 부족합니다.');
		expect(doc.paragraphs.find((p) => p.text.startsWith('"협동"이 가장'))?.bold).toEqual(['"협동"']);
		expect(all).toContain("✓ 2차안 '지원센터' 장에 반영됨");
		expect(all).toContain('지원센터 인력을 늘렸습니다.');
	});

	it('tallies by disposition in a table and labels every comment with its disposition', () => {
		const cells = doc.paragraphs.filter((p) => p.inTable).map((p) => p.text);
		for (const label of ['반영', '부분 반영', '검토 중', '미반영', '해당 없음', '답변 준비 중', '합계']) expect(cells).toContain(label);
		// Each comment's row: its number, then (after author and text) its disposition.
		const rowOf = (id: number) => {
			const start = cells.indexOf(`#${id}`);
			const end = cells.findIndex((text, i) => i > start && /^#\d+$/.test(text));
			return cells.slice(start, end < 0 ? undefined : end);
		};
		expect(rowOf(11)).toContain('반영');
		expect(rowOf(11)).toContain('답변 11: "협동"이 중요합니다.');
		expect(rowOf(12)).toContain('미반영');
		expect(rowOf(13)).toContain('부분 반영');
		expect(rowOf(14)).toContain('답변 준비 중');
		expect(cells.filter((text) => /^#\d+$/.test(text))).toEqual(['#11', '#12', '#13', '#14']);
		expect(all).toContain('이 장에는 의견이 없었습니다.');
	});
});

describe('a Word reader', () => {
	it('reads the outcome report back (mammoth, as Word documents are imported elsewhere)', async () => {
		const mammoth = await import('mammoth');
		const bytes = await outcomeDocx({ plan: { title: '광명시 사회적경제 기본계획', organisation: null }, report, bodies, syntheses: new Map() });
		const { value: html, messages } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
		expect(messages.filter((message) => message.type === 'error')).toEqual([]);
		expect(html).toContain('<h1>한눈에 보기</h1>');
		expect(html).toContain('<table>');
		expect(html).toContain('지원센터 <strong>인력</strong>을 다섯 명으로 늘려 주세요.');
	});
});
