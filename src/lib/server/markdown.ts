// The server's view of Markdown: the renderers live in $lib/markdown (shared with the editor's
// preview); here plan HTML is cached and Markdown is turned into plain text.
import { commentRenderer, planRenderer } from '$lib/markdown';

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
