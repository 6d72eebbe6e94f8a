import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { DocumentError, parseDocument, toOutline } from './index';
import { hwpx, sampleDocx, sampleHwpxSection } from './fixtures';
import { DOCUMENT_MAX_BYTES, DOCUMENT_MAX_ENTRIES } from './limits';

const parse = (name: string, bytes: Uint8Array) => parseDocument({ name, bytes });
const text = (value: string) => new TextEncoder().encode(value);

async function refusal(name: string, bytes: Uint8Array): Promise<DocumentError> {
	const error = await parse(name, bytes).then(
		() => null,
		(thrown: unknown) => thrown
	);
	expect(error).toBeInstanceOf(DocumentError);
	return error as DocumentError;
}

describe('DOCX', () => {
	it('makes a section of every heading, keeps tables, lists, bold and Hangul, drops pictures', async () => {
		const parsed = await parse('계획.docx', await sampleDocx());
		expect(parsed.format).toBe('docx');
		expect(parsed.sections.map((s) => [s.title, s.level])).toEqual([
			['제1장 추진 배경', 1],
			['1. 현황', 2],
			['제2장 비전과 목표', 1]
		]);
		const [first, second, third] = parsed.sections;
		expect(first.markdown).toContain('광명시 사회적경제는 **지속 가능한 성장**을 목표로 합니다.');
		expect(first.markdown).toContain('\n\n- 협동조합 지원\n- 마을기업 육성');
		expect(second.markdown).toContain('| 구분 | 2024년 | 2025년 |\n| --- | --- | --- |\n| 사회적기업 | 42 | 51 |');
		expect(second.markdown).not.toContain('![');
		expect(third.markdown).toBe('함께 만드는 경제');
		expect(parsed.warnings.map((w) => w.code)).toEqual(['images_dropped']);
		expect(parsed.warnings[0].message).toContain('1');
	});

	it('refuses a password-protected Word file (an OLE container) and legacy .hwp alike, each with its own message', async () => {
		const ole = new Uint8Array(1024);
		ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		expect((await refusal('보안.docx', ole)).code).toBe('encrypted');
		const hwp = await refusal('계획.hwp', ole);
		expect(hwp.code).toBe('hwp_binary');
		expect(hwp.message).toContain('HWPX');
	});

	it('refuses a zip that is no document, and a .docx that is not a zip', async () => {
		expect((await refusal('사진.docx', zipSync({ 'photo.txt': strToU8('x') }))).code).toBe('unsupported');
		expect((await refusal('가짜.docx', text('그냥 글'))).code).toBe('corrupt');
		expect((await refusal('망가짐.docx', zipSync({ 'word/document.xml': strToU8('<w:document') }))).code).toBe('corrupt');
	});
});

describe('HWPX', () => {
	it('reads outline levels from styles and paragraph shapes, tables with merged cells, bullets, bold and Hangul', async () => {
		const parsed = await parse('기본계획.hwpx', hwpx([sampleHwpxSection()]));
		expect(parsed.format).toBe('hwpx');
		expect(parsed.sections.map((s) => [s.title, s.level])).toEqual([
			['제1장 추진 배경', 1],
			['1. 현황', 2],
			['가. 세부 현황', 2],
			['제2장 비전', 1]
		]);
		const [first, second, third, fourth] = parsed.sections;
		expect(first.markdown).toBe('광명시는 **사회적경제** 도시입니다. \\*별표\\*와 \\[대괄호\\]\n\n- 협동조합 지원\n- 마을기업 육성');
		expect(second.markdown).toBe('| 구분 | 수 |\n| --- | --- |\n| 사회적기업 | 42 |\n| 합계 \\| 전체 |  |');
		expect(third.markdown).toBe('세부 내용');
		expect(fourth.markdown).toBe('함께 & 더불어');
		expect(parsed.warnings.map((w) => w.code).sort()).toEqual(['headings_flattened', 'images_dropped']);
	});

	it('reads every section file in order', async () => {
		const second = sampleHwpxSection().replace('제1장 추진 배경', '제3장 추진 체계').replace('제2장 비전', '제4장 재정');
		const parsed = await parse('a.hwpx', hwpx([sampleHwpxSection(), second]));
		expect(parsed.sections.filter((s) => s.level === 1).map((s) => s.title)).toEqual([
			'제1장 추진 배경',
			'제2장 비전',
			'제3장 추진 체계',
			'제4장 재정'
		]);
	});

	it('refuses an encrypted HWPX and broken XML', async () => {
		const manifest = '<odf:manifest><odf:file-entry><odf:encryption-data/></odf:file-entry></odf:manifest>';
		expect((await refusal('a.hwpx', hwpx([sampleHwpxSection()], { 'META-INF/manifest.xml': manifest }))).code).toBe('encrypted');
		expect((await refusal('a.hwpx', hwpx(['<hs:sec><hp:p>']))).code).toBe('corrupt');
	});
});

describe('zip bombs and sizes', () => {
	it('refuses a zip whose entries unpack too large, before unpacking them', async () => {
		const bomb = zipSync({ 'Contents/section0.xml': new Uint8Array(70 * 1024 * 1024) }, { level: 9 });
		expect(bomb.byteLength).toBeLessThan(DOCUMENT_MAX_BYTES);
		expect((await refusal('bomb.hwpx', bomb)).code).toBe('unzipped_too_large');
	});

	it('refuses a zip with too many entries', async () => {
		const many = Object.fromEntries(Array.from({ length: DOCUMENT_MAX_ENTRIES + 1 }, (_, i) => [`f${i}`, new Uint8Array(0)]));
		expect((await refusal('many.docx', zipSync(many))).code).toBe('unzipped_too_large');
	});

	it('refuses an entry that lies about its size by reading no more than it declared', async () => {
		// The second section says it unpacks to its XML alone; five million spaces follow it.
		const xml = sampleHwpxSection().replace('제1장 추진 배경', '제3장 끝');
		const files = unzipSync(hwpx([sampleHwpxSection(), xml + ' '.repeat(5_000_000)]));
		const zip = Buffer.from(zipSync(files));
		const record = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), zip.lastIndexOf('Contents/section1.xml'));
		expect(zip.readUInt32LE(record + 24)).toBeGreaterThan(5_000_000);
		zip.writeUInt32LE(strToU8(xml).byteLength, record + 24);
		const parsed = await parse('liar.hwpx', new Uint8Array(zip));
		expect(parsed.sections.filter((s) => s.level === 1).map((s) => s.title)).toEqual(['제1장 추진 배경', '제2장 비전', '제3장 끝', '제2장 비전']);
	});

	it('refuses empty and oversized files', async () => {
		expect((await refusal('a.md', new Uint8Array(0))).code).toBe('empty');
		expect((await refusal('a.md', new Uint8Array(DOCUMENT_MAX_BYTES + 1).fill(0x61))).code).toBe('too_large');
	});
});

describe('Markdown and text', () => {
	it('splits Markdown at headings, taking a lone top heading as the title', async () => {
		const parsed = await parse(
			'plan.md',
			text(
				'# 광명시 기본계획\n\n소개 글\n\n## 제1장\n\n본문 **굵게**\n\n```\n# 코드 속 제목 아님\n```\n\n### 1절\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## 제2장\n\n끝'
			)
		);
		expect(parsed.title).toBe('광명시 기본계획');
		expect(parsed.sections.map((s) => [s.title, s.level])).toEqual([
			['머리말', 1],
			['제1장', 1],
			['1절', 2],
			['제2장', 1]
		]);
		expect(parsed.sections[1].markdown).toContain('# 코드 속 제목 아님');
		expect(parsed.sections[2].markdown).toBe('| a | b |\n|---|---|\n| 1 | 2 |');
	});

	it('reads setext headings', async () => {
		const parsed = await parse('a.md', text('하나\n===\n\n글\n\n둘\n===\n\n글 둘\n\n셋\n---\n\n- 목록\n---'));
		expect(parsed.sections.map((s) => s.title)).toEqual(['하나', '둘', '셋']);
		expect(parsed.sections[2]).toEqual({ title: '셋', level: 2, markdown: '- 목록\n---' });
	});

	it('finds 제N장 and 제N절 in plain text, and reads EUC-KR with a notice', async () => {
		const source = '제1장 추진 배경\n배경 글\n제1절 현황\n현황 글\n제2장 목표\n목표 글';
		const parsed = await parse('plan.txt', text(source));
		expect(parsed.sections.map((s) => [s.title, s.level, s.markdown])).toEqual([
			['제1장 추진 배경', 1, '배경 글'],
			['제1절 현황', 2, '현황 글'],
			['제2장 목표', 1, '목표 글']
		]);
		const eucKr = Uint8Array.from([0xc1, 0xa6, 0x31, 0xc0, 0xe5, 0x20, 0xb9, 0xe8, 0xb0, 0xe6]); // "제1장 배경"
		const legacy = await parse('old.txt', eucKr);
		expect(legacy.sections[0].title).toBe('제1장 배경');
		expect(legacy.warnings.map((w) => w.code)).toContain('euc_kr');
	});

	it('puts a text without headings in one section named after the file', async () => {
		const parsed = await parse('의견 정리.txt', text('첫 줄\n둘째 줄'));
		expect(parsed.sections).toEqual([{ title: '의견 정리', level: 1, markdown: '첫 줄\n둘째 줄' }]);
		expect(parsed.warnings.map((w) => w.code)).toEqual(['no_headings']);
	});

	it('refuses binary data, PDFs, unknown types and blank text', async () => {
		const random = Uint8Array.from({ length: 256 }, (_, i) => (i * 97 + 13) % 256);
		expect((await refusal('a.md', random)).code).toBe('unsupported');
		expect((await refusal('random.bin', random)).code).toBe('unsupported');
		expect((await refusal('a.pdf', text('%PDF-1.7'))).code).toBe('unsupported');
		expect((await refusal('a.txt', text('  \n\n '))).code).toBe('no_text');
	});

	it('refuses more headings than a draft holds', async () => {
		const many = Array.from({ length: 201 }, (_, i) => `# 장 ${i}\n\n글`).join('\n\n');
		const error = await refusal('many.md', text(many));
		expect(error.code).toBe('too_many_sections');
		expect(error.message).toContain('201');
	});
});

describe('toOutline', () => {
	it('gives keys and parents, and keeps the key of a section whose heading the editor already had', () => {
		const { sections, dropped } = toOutline(
			[
				{ title: '추진 배경', level: 1, markdown: 'a' },
				{ title: '현황', level: 2, markdown: 'b' },
				{ title: '새 장', level: 1, markdown: 'c' }
			],
			[
				{ key: 'background', heading: '추진 배경', locked: true },
				{ key: 'section-1', heading: '없어질 장', locked: false }
			]
		);
		expect(sections).toEqual([
			{ key: 'background', heading: '추진 배경', parentKey: '', body: 'a', locked: true },
			{ key: 'section-3', heading: '현황', parentKey: 'background', body: 'b', locked: false },
			{ key: 'section-4', heading: '새 장', parentKey: '', body: 'c', locked: false }
		]);
		expect(dropped).toBe(1);
	});
});
