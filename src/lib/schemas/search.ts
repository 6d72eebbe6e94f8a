// Filters shared by the theme pages, search and exports (all GET query parameters), and the search box.
import { z } from 'zod';
import { STAKEHOLDER_GROUPS } from '$lib/roles';
import { COMMENT_KINDS, SORTS } from '$lib/schemas/comments';

/** Comments whose author has no stakeholder group (a speaker recorded without one). */
export const UNKNOWN_GROUP = 'unknown';
/** Comments typed online, as opposed to statements recorded at a session. */
export const ONLINE = 'online';
/** Statements recorded at a session without a section (their section key is ''); the coding queue uses the same value. */
export const NO_SECTION = '_none';

export const SEARCH_QUERY_MAX = 200;
export const SEARCH_TERMS_MAX = 6;

// A filter that does not parse is dropped rather than refused: these come from links and GET forms.
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const commentFiltersSchema = z.object({
	section: lenient(z.union([z.literal(NO_SECTION), z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/)])),
	session: lenient(z.union([z.literal(ONLINE), z.coerce.number().int().positive().max(2_147_483_647)])),
	group: lenient(z.enum([...STAKEHOLDER_GROUPS, UNKNOWN_GROUP])),
	kind: lenient(z.enum(COMMENT_KINDS)),
	theme: lenient(z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/))
});
export type CommentFilters = z.output<typeof commentFiltersSchema>;

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

function present(params: URLSearchParams): Record<string, string> {
	return Object.fromEntries([...params].filter(([, value]) => value.trim() !== ''));
}

export function parseFilters(params: URLSearchParams): CommentFilters {
	return commentFiltersSchema.parse(present(params));
}

export function parsePage(params: URLSearchParams): number {
	return pageSchema.parse(params.get('page') ?? 1);
}

export function parseSort(params: URLSearchParams): (typeof SORTS)[number] {
	const sort = params.get('sort');
	return SORTS.find((s) => s === sort) ?? 'newest';
}

/** The search box: trimmed and cut to a sane length (a longer query is a paste, not a search). */
export function parseQuery(params: URLSearchParams): string {
	return (params.get('q') ?? '').trim().slice(0, SEARCH_QUERY_MAX);
}

/**
 * The terms of a query: words split on spaces, or a "quoted phrase" kept whole. Every term must
 * match. Duplicates are dropped and only the first few kept.
 */
export function searchTerms(query: string): string[] {
	const terms: string[] = [];
	for (const match of query.matchAll(/"([^"]*)"|(\S+)/g)) {
		const term = (match[1] ?? match[2]).replace(/\s+/g, ' ').trim();
		if (term && !terms.some((t) => t.toLowerCase() === term.toLowerCase())) terms.push(term);
	}
	return terms.slice(0, SEARCH_TERMS_MAX);
}

/** The filters as query parameters (for links to the next page, an export, a theme). */
export function filterParams(filters: CommentFilters): URLSearchParams {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(filters)) {
		if (value !== undefined && value !== '') params.set(key, String(value));
	}
	return params;
}
