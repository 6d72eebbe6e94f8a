// Search results shown as text: a cut of the text around the first match, with every match marked.
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

function termPattern(terms: string[]): RegExp | null {
	const parts = terms
		.filter((t) => t.length > 0)
		.sort((a, b) => b.length - a.length)
		.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return parts.length ? new RegExp(parts.join('|'), 'giu') : null;
}

/**
 * The text as HTML with every occurrence of a term in <mark>. Matches are found in the plain text
 * and every piece is escaped on its own, so a term can never match inside an entity or a tag.
 */
export function highlight(text: string, terms: string[]): string {
	const pattern = termPattern(terms);
	if (!pattern) return escapeHtml(text);
	let html = '';
	let at = 0;
	for (const match of text.matchAll(pattern)) {
		html += escapeHtml(text.slice(at, match.index)) + `<mark>${escapeHtml(match[0])}</mark>`;
		at = match.index + match[0].length;
	}
	return html + escapeHtml(text.slice(at));
}

/** About `length` characters of the text around the first match, with ellipses where cut. */
export function snippet(text: string, terms: string[], length = 220): string {
	if (text.length <= length) return text;
	const pattern = termPattern(terms);
	const first = pattern ? (pattern.exec(text)?.index ?? 0) : 0;
	const start = Math.max(0, Math.min(first - Math.floor(length / 3), text.length - length));
	const end = Math.min(text.length, start + length);
	return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}
