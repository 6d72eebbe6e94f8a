// Hancom Office documents (.hwpx, OWPML): a zip of XML. Contents/header.xml holds the styles and
// paragraph shapes, Contents/section0.xml … the text: paragraphs (hp:p) of runs (hp:run) of text
// (hp:t), tables (hp:tbl > hp:tr > hp:tc) inside runs. A paragraph is a heading when its shape
// has an outline level, or its style is one of 개요 1, 개요 2 …; bold comes from the run's
// character shape.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DocumentError } from './errors';
import { gfmTable, tableCell, type ConvertedDocument } from './parse-docx';
import { entryText, unzipEntries } from './zip';

type XmlNode = Record<string, unknown>;
type Attributes = Record<string, string>;

const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	removeNSPrefix: true,
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: false
});

const nameOf = (node: XmlNode) => Object.keys(node).find((key) => key !== ':@') ?? '';
const childrenOf = (node: XmlNode): XmlNode[] => {
	const value = node[nameOf(node)];
	return Array.isArray(value) ? (value as XmlNode[]) : [];
};
const attributesOf = (node: XmlNode) => (node[':@'] ?? {}) as Attributes;
const textOf = (node: XmlNode) => String(node['#text'] ?? '');

function parseXml(xml: string): XmlNode[] {
	// The parser takes unclosed tags as they come; a cut-off file is refused instead.
	if (XMLValidator.validate(xml) !== true) throw new DocumentError('corrupt');
	try {
		return parser.parse(xml) as XmlNode[];
	} catch {
		throw new DocumentError('corrupt');
	}
}

/** Every element named `name` below `nodes`, in document order. */
function descendants(nodes: XmlNode[], name: string, out: XmlNode[] = []): XmlNode[] {
	for (const node of nodes) {
		if (nameOf(node) === name) out.push(node);
		else descendants(childrenOf(node), name, out);
	}
	return out;
}

type ListKind = 'bullet' | 'number';
interface ParagraphShape {
	/** 1 … for an outline paragraph. */
	outline?: number;
	list?: { kind: ListKind; depth: number };
}

interface Styles {
	paraShapes: Map<string, ParagraphShape>;
	styleLevels: Map<string, number>;
	boldChars: Set<string>;
}

const OUTLINE_STYLE = /^(?:개요|outline|제목|heading)\s*(\d{1,2})$/i;

function readStyles(header: string | null): Styles {
	const styles: Styles = { paraShapes: new Map(), styleLevels: new Map(), boldChars: new Set() };
	if (!header) return styles;
	const root = parseXml(header);
	for (const shape of descendants(root, 'paraPr')) {
		const heading = descendants(childrenOf(shape), 'heading')[0];
		if (!heading) continue;
		const { type, level } = attributesOf(heading);
		const depth = Number(level) || 0;
		const entry: ParagraphShape =
			type === 'OUTLINE'
				? { outline: depth + 1 }
				: type === 'BULLET'
					? { list: { kind: 'bullet', depth } }
					: type === 'NUMBER'
						? { list: { kind: 'number', depth } }
						: {};
		styles.paraShapes.set(attributesOf(shape).id, entry);
	}
	for (const style of descendants(root, 'style')) {
		const { id, name, engName } = attributesOf(style);
		const match = OUTLINE_STYLE.exec((name ?? '').trim()) ?? OUTLINE_STYLE.exec((engName ?? '').trim());
		if (match) styles.styleLevels.set(id, Number(match[1]));
	}
	for (const shape of descendants(root, 'charPr')) {
		if (childrenOf(shape).some((child) => nameOf(child) === 'bold')) styles.boldChars.add(attributesOf(shape).id);
	}
	return styles;
}

interface Context {
	styles: Styles;
	images: number;
}

/** The text of an hp:t: its text nodes, with tabs and line breaks as spaces. */
function runText(t: XmlNode): string {
	return childrenOf(t)
		.map((child) => (child['#text'] !== undefined ? textOf(child) : ['tab', 'lineBreak', 'fwSpace', 'nbSpace'].includes(nameOf(child)) ? ' ' : ''))
		.join('');
}

/** Counts pictures anywhere below: they are dropped, and the official is told how many. */
function countImages(nodes: XmlNode[], context: Context): void {
	for (const node of nodes) {
		const name = nameOf(node);
		if (name === 'pic' || name === 'ole') context.images++;
		else countImages(childrenOf(node), context);
	}
}

interface Inline {
	text: string;
	bold: boolean;
}

/** Bold marks around the words only, so "** 굵게 **" never appears. */
function inlineMarkdown(pieces: Inline[]): string {
	const merged: Inline[] = [];
	for (const piece of pieces) {
		const last = merged[merged.length - 1];
		if (last && last.bold === piece.bold) last.text += piece.text;
		else merged.push({ ...piece });
	}
	return merged
		.map(({ text, bold }) => {
			const escaped = text.replace(/[\\`*_[\]]/g, '\\$&');
			if (!bold || !escaped.trim()) return escaped;
			const [, before, words, after] = /^(\s*)([\s\S]*?)(\s*)$/.exec(escaped)!;
			return `${before}**${words}**${after}`;
		})
		.join('');
}

/** Controls whose text is not the body's (page headers, footers, footnotes, field codes). */
const SKIPPED = new Set(['ctrl', 'secPr', 'linesegarray']);

/** One paragraph's blocks: its text as a line, then any tables it holds. */
function paragraphBlocks(paragraph: XmlNode, context: Context): string[] {
	const { paraPrIDRef, styleIDRef } = attributesOf(paragraph);
	const shape = context.styles.paraShapes.get(paraPrIDRef) ?? {};
	const level = shape.outline ?? context.styles.styleLevels.get(styleIDRef);
	const pieces: Inline[] = [];
	const tables: string[] = [];
	for (const run of childrenOf(paragraph)) {
		if (nameOf(run) !== 'run') continue;
		const bold = context.styles.boldChars.has(attributesOf(run).charPrIDRef);
		for (const item of childrenOf(run)) {
			const name = nameOf(item);
			if (name === 't') pieces.push({ text: runText(item), bold });
			else if (name === 'tbl') tables.push(tableMarkdown(item, context));
			else if (!SKIPPED.has(name)) countImages([item], context);
		}
	}
	const plain = pieces
		.map((p) => p.text)
		.join('')
		.trim();
	const blocks: string[] = [];
	if (plain) {
		if (level && level <= 6) blocks.push(`${'#'.repeat(level)} ${plain.replace(/\s+/g, ' ')}`);
		else {
			let line = inlineMarkdown(pieces).trim();
			line = line.replace(/^([#>+-])(?=\s|$)/, '\\$1').replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
			if (shape.list) {
				const indent = '   '.repeat(Math.min(shape.list.depth, 5));
				line = `${indent}${shape.list.kind === 'bullet' ? '-' : '1.'} ${line}`;
			}
			blocks.push(line);
		}
	}
	return [...blocks, ...tables];
}

function tableMarkdown(table: XmlNode, context: Context): string {
	const rows = childrenOf(table)
		.filter((row) => nameOf(row) === 'tr')
		.map((row) =>
			childrenOf(row)
				.filter((cell) => nameOf(cell) === 'tc')
				.flatMap((cell) => {
					const paragraphs = descendants(childrenOf(cell), 'p');
					const text = tableCell(paragraphs.flatMap((p) => paragraphBlocks(p, context).map((b) => b.replace(/^#+\s/, ''))).join(' '));
					const span = descendants(childrenOf(cell), 'cellSpan')[0];
					const columns = Math.max(1, Math.min(50, Number(span ? attributesOf(span).colSpan : 1) || 1));
					return [text, ...Array(columns - 1).fill('')];
				})
		);
	return rows.length ? gfmTable(rows) : '';
}

/** Blocks joined: list items of one list on consecutive lines, everything else as paragraphs. */
function joinBlocks(blocks: string[]): string {
	const isItem = (block: string) => /^\s*(?:-|1\.) /.test(block);
	let out = '';
	blocks.forEach((block, index) => {
		if (index > 0) out += isItem(block) && isItem(blocks[index - 1]) ? '\n' : '\n\n';
		out += block;
	});
	return out;
}

const SECTION_FILE = /^Contents\/section(\d+)\.xml$/;

export function isHwpx(entries: Map<string, number>): boolean {
	return [...entries.keys()].some((name) => SECTION_FILE.test(name));
}

export function hwpxToMarkdown(bytes: Uint8Array, entries: Map<string, number>): ConvertedDocument {
	const files = unzipEntries(bytes, (name) => SECTION_FILE.test(name) || name === 'Contents/header.xml' || name === 'META-INF/manifest.xml');
	// An encrypted HWPX keeps its XML scrambled and says so in its manifest.
	if (entryText(files, 'META-INF/manifest.xml')?.includes('encryption-data')) throw new DocumentError('encrypted');
	const context: Context = { styles: readStyles(entryText(files, 'Contents/header.xml')), images: 0 };
	const sections = [...entries.keys()]
		.filter((name) => SECTION_FILE.test(name))
		.sort((a, b) => Number(SECTION_FILE.exec(a)![1]) - Number(SECTION_FILE.exec(b)![1]));
	const blocks: string[] = [];
	for (const name of sections) {
		const root = parseXml(entryText(files, name) ?? '');
		const sec = root.find((node) => nameOf(node) === 'sec');
		if (!sec) throw new DocumentError('corrupt');
		for (const paragraph of childrenOf(sec)) {
			if (nameOf(paragraph) === 'p') blocks.push(...paragraphBlocks(paragraph, context));
		}
	}
	return { markdown: joinBlocks(blocks), images: context.images };
}
