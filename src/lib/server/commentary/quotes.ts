// Quoted passages: a comment may quote part of its section, stored with where it sits in the text.
import { plainText } from '$lib/server/plan-text/markdown';

/** Plain text of a section, with whitespace collapsed: the text quotes and their offsets refer to. */
export function sectionText(markdown: string): string {
	return plainText(markdown);
}

/**
 * Where a quote sits in the section's text: at `hint` when it matches there, else its first
 * occurrence (whitespace differences forgiven). Null when the section does not contain it.
 */
export function locateQuote(text: string, quote: string, hint?: number): { start: number; end: number } | null {
	const wanted = quote.replace(/\s+/g, ' ').trim();
	if (!wanted) return null;
	if (hint !== undefined && text.slice(hint, hint + wanted.length) === wanted) {
		return { start: hint, end: hint + wanted.length };
	}
	const at = text.indexOf(wanted);
	return at === -1 ? null : { start: at, end: at + wanted.length };
}

/** As a quote is stored and compared: whitespace collapsed, null when there is none. */
export const normalisedQuote = (quote: string | undefined): string | null => quote?.replace(/\s+/g, ' ').trim() || null;
