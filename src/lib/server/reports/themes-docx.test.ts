import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { themesDocx, type ThemesDocxInput } from './themes-docx';
import { openDocx } from './docx-reader';

const input: ThemesDocxInput = {
	plan: { title: '광명시 사회적경제 기본계획', organisation: '광명시' },
	totals: { comments: 40, tagged: 30 },
	generatedAt: new Date('2025-05-01T03:00:00Z'),
	origin: 'https://plans.example.go.kr',
	themes: [
		{
			slug: 'support-centre',
			labelKo: '지원센터 운영',
			labelEn: 'Running the support centre',
			description: '지원센터의 인력과 예산',
			count: 12,
			synthesis: '**"협동"**이 가장 많이 나왔고 *사회적경제*를 키우자는 말이 이어졌습니다.\n\n1. 인력\n2. 예산',
			updatedAt: new Date('2025-04-20T01:00:00Z'),
			updatedBy: '이서연',
			quotes: [{ commentId: 7, excerpt: '전담 인력이 한 명뿐입니다.', byline: '— 김민수 (사회적협동조합 온누리) · 협동조합' }]
		},
		{ slug: 'finance', labelKo: '재원', labelEn: 'Funding', description: '', count: 1, synthesis: null, updatedAt: null, updatedBy: null, quotes: [] }
	]
};

const original = getLocale;
afterEach(() => overwriteGetLocale(original));

describe('the themes report as .docx', () => {
	it('has the cover, a table of themes, and each theme with its synthesis and quotes', async () => {
		const doc = openDocx(await themesDocx(input));
		const styled = (style: string) => doc.paragraphs.filter((p) => p.style === style).map((p) => p.text);
		expect(styled('Title')).toEqual(['광명시 사회적경제 기본계획']);
		expect(styled('Subtitle')).toEqual(['주제별 종합 보고서']);
		expect(styled('Heading1')).toEqual(['1. 지원센터 운영', '2. 재원']);
		expect(styled('Heading2')).toEqual(['연구진 종합', '고정 인용', '연구진 종합']);
		const cells = doc.paragraphs.filter((p) => p.inTable).map((p) => p.text);
		expect(cells).toEqual(['#', '주제', '건수', '1', '지원센터 운영', '의견 12개', '2', '재원', '의견 1개']);

		const synthesis = doc.paragraphs.find((p) => p.text.startsWith('"협동"이'))!;
		expect(synthesis.text).toBe('"협동"이 가장 많이 나왔고 사회적경제를 키우자는 말이 이어졌습니다.');
		expect(synthesis.bold).toEqual(['"협동"']);
		expect(doc.paragraphs.map((p) => p.text)).toEqual(expect.arrayContaining(['1. 인력', '2. 예산', '아직 이 주제의 종합을 쓰지 않았습니다.']));
		expect(styled('Quote')).toEqual(['전담 인력이 한 명뿐입니다.']);
		expect(styled('Muted')).toContain('— 김민수 (사회적협동조합 온누리) · 협동조합 · 의견 #7');
		expect(doc.part('word/_rels/document.xml.rels')).toContain('Target="https://plans.example.go.kr/comments/7"');
		// Each theme starts on a page of its own, as in print.
		expect(doc.part('word/document.xml').match(/<w:sectPr/g)).toHaveLength(3);
	});

	it('speaks the reader’s language', async () => {
		overwriteGetLocale(() => 'en');
		const doc = openDocx(await themesDocx(input));
		const styled = (style: string) => doc.paragraphs.filter((p) => p.style === style).map((p) => p.text);
		expect(styled('Subtitle')).toEqual(['Theme report']);
		expect(styled('Heading1')).toEqual(['1. Running the support centre', '2. Funding']);
		expect(doc.part('word/styles.xml')).toContain('w:val="en-US" w:eastAsia="ko-KR"');
	});
});
