// A document's Markdown split into the editor's sections: every heading starts one. The editor
// holds two levels, so the document's top heading level becomes chapters and every deeper level
// becomes subsections of the chapter before it.

export interface DocumentSection {
	title: string;
	/** 1 for a chapter, 2 for a subsection. */
	level: 1 | 2;
	markdown: string;
}

export interface SplitDocument {
	/** The document's own title: a single top heading that opens it, above all others. */
	title: string | null;
	sections: DocumentSection[];
	/** Headings three or more levels below the top were put in as subsections. */
	flattened: boolean;
	/** No heading at all: the whole text is one section. */
	headingless: boolean;
}

interface Heading {
	line: number;
	level: number;
	text: string;
	/** Lines the heading takes (2 for a setext heading). */
	span: number;
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const ATX_EMPTY = /^ {0,3}(#{1,6})[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
/** A line a setext underline cannot follow: a list item, quote, table row or heading. */
const NOT_PARAGRAPH = /^ {0,3}([-*+]\s|\d+[.)]\s|>|\||#)/;

/** Heading text without Markdown emphasis around it, as a section heading shows it. */
function plainHeading(text: string): string {
	return text
		.replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
		.replace(/(\*\*|__)(.*?)\1/g, '$2')
		.replace(/(\*|_)(.*?)\1/g, '$2')
		.replace(/\s+/g, ' ')
		.trim();
}

function headingsOf(lines: string[]): Heading[] {
	const headings: Heading[] = [];
	let fence: string | null = null;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const fenced = FENCE.exec(line);
		if (fence) {
			if (fenced && fenced[1][0] === fence[0] && fenced[1].length >= fence.length) fence = null;
			continue;
		}
		if (fenced) {
			fence = fenced[1];
			continue;
		}
		const atx = ATX.exec(line);
		if (atx && plainHeading(atx[2])) {
			headings.push({ line: i, level: atx[1].length, text: plainHeading(atx[2]), span: 1 });
			continue;
		}
		if (ATX_EMPTY.test(line)) continue;
		const next = lines[i + 1];
		const underline = next === undefined ? null : SETEXT.exec(next);
		const previous = lines[i - 1];
		const startsParagraph = i === 0 || !previous?.trim();
		if (underline && line.trim() && startsParagraph && !NOT_PARAGRAPH.test(line)) {
			headings.push({ line: i, level: underline[1][0] === '=' ? 1 : 2, text: plainHeading(line), span: 2 });
			i++;
		}
	}
	return headings;
}

const tidy = (lines: string[]) =>
	lines
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();

/**
 * Splits at headings. Text before the first heading becomes a section titled `preambleTitle`;
 * a document without headings becomes one section titled `fallbackTitle`.
 */
export function splitSections(markdown: string, labels: { preambleTitle: string; fallbackTitle: string }): SplitDocument {
	const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
	let headings = headingsOf(lines);
	const bodyOf = (from: number, to: number) => tidy(lines.slice(from, to));

	if (headings.length === 0) {
		const body = bodyOf(0, lines.length);
		return {
			title: null,
			sections: body ? [{ title: labels.fallbackTitle, level: 1, markdown: body }] : [],
			flattened: false,
			headingless: true
		};
	}

	let title: string | null = null;
	const first = headings[0];
	const top = Math.min(...headings.map((h) => h.level));
	const opensDocument = !bodyOf(0, first.line);
	const alone = headings.filter((h) => h.level === top).length === 1;
	if (opensDocument && alone && first.level === top && headings.length > 1) {
		title = first.text;
		// The title's own paragraphs, if any, stay as the opening section.
		headings = headings.slice(1);
	}

	const sections: DocumentSection[] = [];
	const startOfText = title === null ? 0 : first.line + first.span;
	const preamble = bodyOf(startOfText, headings[0].line);
	if (preamble) sections.push({ title: labels.preambleTitle, level: 1, markdown: preamble });

	const chapterLevel = Math.min(...headings.map((h) => h.level));
	let flattened = false;
	let chapterSeen = sections.length > 0;
	headings.forEach((heading, index) => {
		const end = headings[index + 1]?.line ?? lines.length;
		const depth = heading.level - chapterLevel;
		if (depth > 1) flattened = true;
		// A subsection needs a chapter before it; one that has none is a chapter itself.
		const level: 1 | 2 = depth === 0 || !chapterSeen ? 1 : 2;
		chapterSeen = true;
		sections.push({ title: heading.text, level, markdown: bodyOf(heading.line + heading.span, end) });
	});
	return { title, sections, flattened, headingless: false };
}
