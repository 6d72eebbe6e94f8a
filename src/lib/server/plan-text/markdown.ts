// The server's view of Markdown: the renderers live in $lib/markdown (shared with the editor's
// preview); here the HTML of recent texts is kept and Markdown is turned into plain text.
import { commentRenderer, planRenderer } from '$lib/markdown';

const PLAN_CACHE_LIMIT = 2_000;
const COMMENT_CACHE_LIMIT = 5_000;

/**
 * A renderer that keeps the HTML of the texts it rendered last. Rendering depends on nothing but the
 * text, and the same texts are drawn again on every view of a busy section.
 */
function remembering(render: (markdown: string) => string, limit: number): (markdown: string) => string {
	const cache = new Map<string, string>();
	return (markdown) => {
		let html = cache.get(markdown);
		if (html !== undefined) {
			cache.delete(markdown);
		} else {
			html = render(markdown);
			if (cache.size >= limit) cache.delete(cache.keys().next().value!);
		}
		cache.set(markdown, html);
		return html;
	};
}

export const renderPlan = remembering((markdown) => planRenderer.render(markdown), PLAN_CACHE_LIMIT);

export const renderComment = remembering((markdown) => commentRenderer.render(markdown), COMMENT_CACHE_LIMIT);

/** Plain text of Markdown (for search snippets, feeds and exports). */
export function plainText(markdown: string): string {
	return (
		planRenderer
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
			.trim()
	);
}
