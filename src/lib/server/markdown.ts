// Markdown from plans and from people, rendered with markdown-it with raw HTML off. markdown-it's own
// link validation refuses javascript:, vbscript:, file: and data: URLs; we also refuse images in
// comments (no tracking pixels) and mark user links nofollow.
import MarkdownIt, { type MarkdownIt as Renderer, type RendererRule } from 'markdown-it';

function shiftHeadings(md: Renderer, lowest: number): void {
	md.core.ruler.push('shift_headings', (state) => {
		for (const token of state.tokens) {
			if (token.type === 'heading_open' || token.type === 'heading_close') {
				const level = Number(token.tag.slice(1));
				token.tag = `h${Math.min(6, Math.max(lowest, level + 1))}`;
			}
		}
	});
}

function linkAttributes(md: Renderer, rel: string): void {
	const fallback: RendererRule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
	const original = md.renderer.rules.link_open ?? fallback;
	md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
		const href = String(tokens[idx].attrGet('href') ?? '');
		if (/^https?:\/\//i.test(href) || href.startsWith('//') || href.startsWith('mailto:')) {
			tokens[idx].attrSet('rel', rel);
		}
		return original(tokens, idx, options, env, self);
	};
}

/** Plan text: the full CommonMark set with tables; headings start below the section heading. */
const planRenderer = new MarkdownIt('default', { html: false, linkify: true, typographer: false });
shiftHeadings(planRenderer, 3);
linkAttributes(planRenderer, 'noopener');

/** Comments, syntheses and responses: emphasis, lists, links and quotes only. */
const commentRenderer = new MarkdownIt('zero', { html: false, linkify: true, breaks: true });
commentRenderer.enable([
	'paragraph',
	'newline',
	'text',
	'escape',
	'emphasis',
	'strikethrough',
	'list',
	'blockquote',
	'link',
	'linkify',
	'autolink',
	'backticks'
]);
linkAttributes(commentRenderer, 'nofollow ugc noopener');

const CACHE_LIMIT = 2_000;
const planCache = new Map<string, string>();

/** Published plan text never changes, so its HTML is cached by content. */
export function renderPlan(markdown: string): string {
	const cached = planCache.get(markdown);
	if (cached !== undefined) return cached;
	const html = planRenderer.render(markdown);
	if (planCache.size >= CACHE_LIMIT) planCache.delete(planCache.keys().next().value!);
	planCache.set(markdown, html);
	return html;
}

export function renderComment(markdown: string): string {
	return commentRenderer.render(markdown);
}

/** Plain text of Markdown (for search snippets, feeds and exports). */
export function plainText(markdown: string): string {
	return planRenderer
		.render(markdown)
		// Block boundaries become spaces; inline tags vanish so "**센터**는" stays one word.
		.replace(/<\/?(p|h\d|li|ul|ol|blockquote|tr|td|th|table|thead|tbody|pre|hr|br)\b[^>]*>/g, ' ')
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}
