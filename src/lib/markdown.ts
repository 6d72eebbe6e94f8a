// Markdown from plans and from people, rendered with markdown-it with raw HTML off. markdown-it's own
// link validation refuses javascript:, vbscript:, file: and data: URLs; we also refuse images in
// comments (no tracking pixels) and mark user links nofollow. Shared by the server and the plan
// editor's live preview, so what an official previews is what readers get. Both use
// markdown-it-cjk-friendly: plain CommonMark leaves `**"협동"**이` unclosed (punctuation inside the
// closing `**`, Hangul right after it), a common way to write Korean.
import MarkdownIt, { type MarkdownIt as Renderer, type RendererRule } from 'markdown-it';
import cjkFriendly from 'markdown-it-cjk-friendly';

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
export const planRenderer = new MarkdownIt('default', { html: false, linkify: true, typographer: false }).use(cjkFriendly);
shiftHeadings(planRenderer, 3);
linkAttributes(planRenderer, 'noopener');

/** Comments, syntheses and responses: emphasis, lists, links and quotes only. */
export const commentRenderer = new MarkdownIt('zero', { html: false, linkify: true, breaks: true });
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
commentRenderer.use(cjkFriendly);
linkAttributes(commentRenderer, 'nofollow ugc noopener');

/** Plan text as HTML, uncached (the editor's preview renders on every keystroke). */
export function renderPlanMarkdown(markdown: string): string {
	return planRenderer.render(markdown);
}
