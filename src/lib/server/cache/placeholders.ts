// Where a page drawn for everyone held a placeholder (a nonce, a form key, the reader's id and
// name), and how each copy writes the reader's own: escaped exactly as Svelte and devalue would have.

/** What a copy fills in where the page drawn for everyone held a placeholder. */
export type Slot = 'nonce' | 'formKey' | 'userId' | 'nameText' | 'nameAttr' | 'nameJs';

/**
 * Placeholders a page is drawn with, so one drawing serves every reader: each copy gets a fresh form
 * key (an idempotency key must never be shared) and, signed in, the reader's own id and name.
 */
export interface PageTokens {
	formKey: string;
	user: { id: number; displayName: string } | null;
}

const SCRIPT_ELEMENT = /<script\b[^>]*>[\s\S]*?<\/script>/g;

/**
 * Cuts a page at every placeholder. The reader's name is written as HTML text, as an attribute's
 * value and as a JavaScript string inside scripts (the page's data), so each place records which.
 */
export function cutAtPlaceholders(html: string, nonce: string | null, tokens: PageTokens): { parts: Buffer<ArrayBuffer>[]; slots: Slot[] } {
	const needles: [string, Slot][] = [[tokens.formKey, 'formKey']];
	if (nonce) needles.push([nonce, 'nonce']);
	if (tokens.user) needles.push([String(tokens.user.id), 'userId'], [tokens.user.displayName, 'nameText']);
	const found: { at: number; length: number; slot: Slot }[] = [];
	for (const [needle, slot] of needles) {
		for (let at = html.indexOf(needle); at !== -1; at = html.indexOf(needle, at + needle.length)) {
			found.push({ at, length: needle.length, slot });
		}
	}
	if (found.some((f) => f.slot === 'nameText')) {
		const scripts = [...html.matchAll(SCRIPT_ELEMENT)].map((m) => [m.index, m.index + m[0].length] as const);
		for (const f of found) {
			if (f.slot !== 'nameText') continue;
			if (scripts.some(([from, to]) => f.at >= from && f.at < to)) f.slot = 'nameJs';
			// Inside a tag, it is an attribute's value.
			else if (html.lastIndexOf('<', f.at) > html.lastIndexOf('>', f.at)) f.slot = 'nameAttr';
		}
	}
	found.sort((a, b) => a.at - b.at);
	const parts: Buffer<ArrayBuffer>[] = [];
	let at = 0;
	for (const f of found) {
		parts.push(Buffer.from(html.slice(at, f.at)));
		at = f.at + f.length;
	}
	parts.push(Buffer.from(html.slice(at)));
	return { parts, slots: found.map((f) => f.slot) };
}

/** As Svelte escapes text and attribute values, so a copy is the page the reader's own drawing would be. */
export const escapeHtml = (text: string, attribute: boolean) =>
	text.replace(attribute ? /[&"<]/g : /[&<]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '"': '&quot;' })[c]!);

/** The inside of a JavaScript string literal in an inline script: JSON's escaping, and never `</script`. */
export const escapeJsString = (text: string) =>
	JSON.stringify(text)
		.slice(1, -1)
		.replace(/</g, '\\u003C')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
