// Who a pinned quote is from, as the theme page and the report print it under the passage.
import { m } from '$lib/paraglide/messages';
import { groupLabel } from '$lib/labels';

interface QuoteSource {
	author: { name: string; organisation?: string | null; group?: string | null } | null;
	session?: string | null;
}

/** "— 김민수 (사회적협동조합 온누리) · 협동조합 · 1차 공청회" */
export function quoteByline({ author, session }: QuoteSource): string {
	const organisation = author?.organisation ? ` (${author.organisation})` : '';
	const group = author?.group ? ` · ${groupLabel(author.group)}` : '';
	return `— ${author?.name ?? m.comment_unknown_author()}${organisation}${group}${session ? ` · ${session}` : ''}`;
}
