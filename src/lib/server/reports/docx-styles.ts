// What every Word report shares: Korean fonts, the styles of title, headings and tables, Markdown
// turned into paragraphs, and the packing. Word picks a font per script, so Hangul needs the eastAsia
// font named; the font table then lists Noto Sans CJK KR as the alternative name, for machines
// without Malgun Gothic (LibreOffice on Linux, most often).
import {
	BorderStyle,
	Document,
	ExternalHyperlink,
	HeadingLevel,
	Packer,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type IRunOptions,
	type IStylesOptions,
	type ParagraphChild
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Token } from 'markdown-it';
import { commentRenderer } from '$lib/markdown';
import { getLocale } from '$lib/paraglide/runtime';

export const KOREAN_FONT = 'Malgun Gothic';
export const FALLBACK_FONT = 'Noto Sans CJK KR';
const FONT = { ascii: KOREAN_FONT, hAnsi: KOREAN_FONT, eastAsia: KOREAN_FONT, cs: KOREAN_FONT };
const PRIMARY = '1F4E79';
const MUTED = '5A616B';
const BORDER = 'BFC5CD';

const styles = (): IStylesOptions => ({
	default: {
		document: {
			// Hangul is marked Korean whatever the reader's language; the rest follows the reader.
			run: { font: FONT, size: 21, language: { value: getLocale() === 'en' ? 'en-US' : 'ko-KR', eastAsia: 'ko-KR' } },
			paragraph: { spacing: { after: 120, line: 300 } }
		},
		title: { run: { font: FONT, size: 40, bold: true, color: '111111' }, paragraph: { spacing: { after: 160 } } },
		heading1: { run: { font: FONT, size: 30, bold: true, color: PRIMARY }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true } },
		heading2: { run: { font: FONT, size: 25, bold: true, color: '222222' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
		heading3: { run: { font: FONT, size: 22, bold: true, color: '333333' }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } }
	},
	paragraphStyles: [
		{ id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', run: { size: 26, bold: true, color: PRIMARY } },
		{ id: 'Muted', name: 'Muted', basedOn: 'Normal', run: { size: 19, color: MUTED } },
		{
			id: 'Quote',
			name: 'Quote',
			basedOn: 'Normal',
			paragraph: { indent: { left: 360 }, border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'E0A800', space: 8 } } }
		}
	],
	characterStyles: [{ id: 'Hyperlink', name: 'Hyperlink', run: { color: '0B57D0', underline: {} } }]
});

/** XML 1.0 has no place for C0 controls (other than tab and newlines) or lone surrogates. */
export function clean(text: string): string {
	// With the u flag a paired surrogate is one code point, so \p{Cs} finds only lone ones.
	return text.replace(/[\p{Cc}\p{Cs}\uFFFE\uFFFF]/gu, (c) => ('\t\n\r'.includes(c) ? c : ''));
}

export const run = (text: string, options: Omit<IRunOptions, 'text'> = {}) => new TextRun({ ...options, text: clean(text) });

export const title = (text: string) => new Paragraph({ heading: HeadingLevel.TITLE, children: [run(text)] });
export const subtitle = (text: string) => new Paragraph({ style: 'Subtitle', children: [run(text)] });
export const muted = (text: string) => new Paragraph({ style: 'Muted', children: [run(text)] });
export const text = (value: string, options: Omit<IRunOptions, 'text'> = {}) => new Paragraph({ children: [run(value, options)] });

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
export const heading = (value: string, level: 1 | 2 | 3) => new Paragraph({ heading: HEADINGS[level], children: [run(value)] });

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: BORDER };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };
const cellMargins = { top: 60, bottom: 60, left: 100, right: 100 };

export type Cell = string | number | Paragraph[];

function cellOf(value: Cell, header: boolean, width: number | undefined): TableCell {
	const children = Array.isArray(value) ? (value.length ? value : [new Paragraph({})]) : [text(String(value), header ? { bold: true } : {})];
	return new TableCell({
		children,
		borders,
		margins: cellMargins,
		width: width === undefined ? undefined : { size: width, type: WidthType.PERCENTAGE },
		shading: header ? { type: ShadingType.CLEAR, fill: 'EEF2F7', color: 'auto' } : undefined
	});
}

/** A full-width table whose first row is the header, repeated on every page it runs onto. */
export function table(header: string[], rows: Cell[][], widths?: number[]): Table {
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: [
			new TableRow({ tableHeader: true, children: header.map((value, i) => cellOf(value, true, widths?.[i])) }),
			...rows.map((row) => new TableRow({ cantSplit: row.length < 4, children: row.map((value, i) => cellOf(value, false, widths?.[i])) }))
		]
	});
}

/** The caption above a table (Word has no caption inside its table element). */
export const caption = (value: string) =>
	new Paragraph({ keepNext: true, spacing: { before: 200, after: 80 }, children: [run(value, { bold: true })] });

/**
 * Markdown of comments, responses and syntheses as Word paragraphs, parsed by the same renderer the
 * pages use (so emphasis next to Hangul closes the same way): paragraphs, emphasis, links, lists
 * and quotes, which is all that renderer allows.
 */
export function markdownParagraphs(markdown: string): Paragraph[] {
	const tokens = commentRenderer.parse(markdown, {});
	const paragraphs: Paragraph[] = [];
	const lists: { ordered: boolean; next: number }[] = [];
	let quoteDepth = 0;
	let bullet = '';
	for (const token of tokens) {
		switch (token.type) {
			case 'bullet_list_open':
			case 'ordered_list_open':
				lists.push({ ordered: token.type === 'ordered_list_open', next: Number(token.attrGet('start') ?? 1) });
				break;
			case 'bullet_list_close':
			case 'ordered_list_close':
				lists.pop();
				break;
			case 'list_item_open': {
				const list = lists.at(-1)!;
				bullet = list.ordered ? `${list.next++}. ` : '• ';
				break;
			}
			case 'blockquote_open':
				quoteDepth++;
				break;
			case 'blockquote_close':
				quoteDepth--;
				break;
			case 'inline': {
				const indent = lists.length * 360 + quoteDepth * 360;
				const children = inlineRuns(token.children ?? []);
				if (bullet) children.unshift(run(bullet));
				bullet = '';
				paragraphs.push(
					new Paragraph({
						style: quoteDepth ? 'Quote' : undefined,
						indent: indent ? { left: indent, hanging: lists.length ? 240 : 0 } : undefined,
						children
					})
				);
				break;
			}
		}
	}
	return paragraphs;
}

function inlineRuns(tokens: Token[]): ParagraphChild[] {
	const out: ParagraphChild[] = [];
	const format = { bold: 0, italics: 0, strike: 0 };
	let link: { href: string; runs: TextRun[] } | null = null;
	const push = (value: string, extra: Omit<IRunOptions, 'text'> = {}) => {
		// Only what is set: an explicit `false` would override the style (a bold table header).
		const options = {
			bold: format.bold > 0 || undefined,
			italics: format.italics > 0 || undefined,
			strike: format.strike > 0 || undefined,
			...extra
		};
		if (link) link.runs.push(run(value, { ...options, style: 'Hyperlink' }));
		else out.push(run(value, options));
	};
	for (const token of tokens) {
		switch (token.type) {
			case 'text':
				push(token.content);
				break;
			case 'code_inline':
				push(token.content, { font: 'Consolas' });
				break;
			case 'softbreak':
			case 'hardbreak':
				out.push(new TextRun({ break: 1 }));
				break;
			case 'strong_open':
			case 'strong_close':
				format.bold += token.nesting;
				break;
			case 'em_open':
			case 'em_close':
				format.italics += token.nesting;
				break;
			case 's_open':
			case 's_close':
				format.strike += token.nesting;
				break;
			case 'link_open':
				link = { href: String(token.attrGet('href') ?? ''), runs: [] };
				break;
			case 'link_close':
				if (link) {
					// markdown-it has already refused javascript: and data: links; relative ones stay text.
					if (/^(https?:|mailto:)/i.test(link.href)) out.push(new ExternalHyperlink({ link: link.href, children: link.runs }));
					else out.push(...link.runs);
				}
				link = null;
				break;
		}
	}
	return out;
}

/** The report as the bytes of a .docx, its font table naming the Korean font and its alternative. */
export async function packDocx(options: { title: string; sections: { children: (Paragraph | Table)[] }[] }): Promise<Uint8Array> {
	const document = new Document({
		creator: 'Plan Commons',
		title: clean(options.title),
		styles: styles(),
		sections: options.sections.map((section) => ({
			properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1021, right: 1021 } } },
			children: section.children
		}))
	});
	const files = unzipSync(new Uint8Array(await Packer.toBuffer(document)));
	files['word/fontTable.xml'] = strToU8(withKoreanFonts(strFromU8(files['word/fontTable.xml'])));
	return zipSync(files);
}

function withKoreanFonts(fontTable: string): string {
	const fonts =
		`<w:font w:name="${KOREAN_FONT}"><w:altName w:val="맑은 고딕,${FALLBACK_FONT}"/><w:charset w:val="81"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>` +
		`<w:font w:name="${FALLBACK_FONT}"><w:charset w:val="81"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>`;
	return /<w:fonts[^>]*\/>/.test(fontTable)
		? fontTable.replace(/<w:fonts([^>]*?)\/>/, `<w:fonts$1>${fonts}</w:fonts>`)
		: fontTable.replace('</w:fonts>', `${fonts}</w:fonts>`);
}
