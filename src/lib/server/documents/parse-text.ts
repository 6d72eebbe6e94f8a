// Markdown and plain text files. Korean text files saved by older Windows tools are often EUC-KR
// (CP949) rather than UTF-8; such a file is read as EUC-KR and the official is told.

export interface DecodedText {
	text: string;
	/** Read as EUC-KR because it was not UTF-8. */
	eucKr: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const eucKr = new TextDecoder('euc-kr', { fatal: true });

/** The file's text, or null when it is not text (NUL bytes, or neither UTF-8, UTF-16 nor EUC-KR). */
export function decodeText(bytes: Uint8Array): DecodedText | null {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), eucKr: false };
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), eucKr: false };
	if (bytes.includes(0)) return null;
	try {
		return { text: utf8.decode(bytes).replace(/^\uFEFF/, ''), eucKr: false };
	} catch {
		// not UTF-8: try the Korean legacy encoding below
	}
	try {
		return { text: eucKr.decode(bytes), eucKr: true };
	} catch {
		return null;
	}
}

/** 제1장 … and 제1절 …, the headings of Korean plans written as plain text. */
const CHAPTER_LINE = /^\s*(제\s*\d+\s*[편장])(?:[.:]|\s|$)/;
const SECTION_LINE = /^\s*(제\s*\d+\s*절)(?:[.:]|\s|$)/;
const HEADING_MAX_LENGTH = 80;

/**
 * Plain text as Markdown. Markdown's own headings are kept; lines such as "제1장 추진 배경" and
 * "제2절 …" become chapter and section headings.
 */
export function textToMarkdown(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => {
			if (line.length > HEADING_MAX_LENGTH) return line;
			if (CHAPTER_LINE.test(line)) return `\n# ${line.trim()}\n`;
			if (SECTION_LINE.test(line)) return `\n## ${line.trim()}\n`;
			return line;
		})
		.join('\n');
}
