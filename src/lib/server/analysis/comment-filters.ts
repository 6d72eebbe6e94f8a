// The filters over a plan's visible comments that theme pages, search, the dashboard and exports share.
import { eq, isNull, sql, type SQL } from 'drizzle-orm';
import { comments, themes } from '$lib/server/db/schema';
import { NO_SECTION, ONLINE, UNKNOWN_GROUP, type CommentFilters } from '$lib/schemas/search';
import { authorGroup } from '$lib/server/analysis/authors';

/** A theme is counted and shown only while it is in use (neither archived nor merged away). */
export const activeTheme = sql`${themes.archivedAt} is null and ${themes.mergedIntoId} is null`;

/**
 * A comment's body contains `term` (any length, ignoring case), in the form the trigram index on the
 * tripled text (search_body, migrations/0008) answers. The LIKE is exact: a tripled term can only
 * match a tripled text where the text holds the term.
 */
export function bodyContains(term: string): SQL {
	return sql`${comments}.search_body like search_pattern(${term})`;
}

export function termConditions(terms: string[]): SQL[] {
	return terms.map(bodyContains);
}

// Drizzle leaves columns unqualified in a single-table select, so a subquery names the outer row in full.
const outerCommentId = sql`${comments}.id`;

/** The conditions of a filter over comments (the query must join users and speakers for `group`). */
export function filterConditions(planId: number, filters: CommentFilters): SQL[] {
	const conditions: SQL[] = [eq(comments.planId, planId), eq(comments.status, 'visible')];
	if (filters.section) conditions.push(eq(comments.sectionKey, filters.section === NO_SECTION ? '' : filters.section));
	if (filters.session === ONLINE) conditions.push(isNull(comments.sessionId));
	else if (filters.session !== undefined) conditions.push(eq(comments.sessionId, filters.session));
	if (filters.kind) conditions.push(eq(comments.kind, filters.kind));
	if (filters.group === UNKNOWN_GROUP) conditions.push(sql`${authorGroup} is null`);
	else if (filters.group) conditions.push(sql`${authorGroup} = ${filters.group}`);
	// Any theme named, archived ones included: an archived theme's page still lists its comments.
	if (filters.theme) {
		conditions.push(sql`exists (
			select 1 from comment_tags t join themes th on th.id = t.theme_id
			where t.comment_id = ${outerCommentId} and th.slug = ${filters.theme})`);
	}
	return conditions;
}
