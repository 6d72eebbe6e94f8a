// Finding commentary: search over a plan's comments and its current text that finds Hangul
// substrings of any length, a page of hits at a time.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { db, preparedQuery } from '$lib/server/db';
import { commentResponses, commentTags, comments, consultationSessions, planSections, planVersions, speakers, themes } from '$lib/server/db/schema';
import { users } from '$lib/server/db/schema';
import type { Disposition } from '$lib/server/db/schema';
import { contains } from '$lib/server/db/like';
import { plainText } from '$lib/server/plan-text/markdown';
import { numberSections } from '$lib/server/plan-text/section-numbers';
import type { CommentFilters } from '$lib/schemas/search';
import { byComment, themeMarkColumns, type PlacedComment, type ThemeMark } from '$lib/server/commentary/views';
import { authorColumns, authorOf, type CommentAuthor } from '$lib/server/analysis/authors';
import { activeTheme, bodyContains, filterConditions, termConditions } from '$lib/server/analysis/comment-filters';
import { highlight, snippet } from '$lib/server/analysis/snippets';

export const PAGE_SIZE = 20;
/** Search counts stop here ("1,000+"): counting every match of a one-syllable term costs too much. */
export const COUNT_CAP = 1000;

/**
 * `bodyContains` for a walk of comments in order, row by row: a term without case (Hangul, digits) is
 * found in the body itself, at a third of the cost of the LIKE over the tripled text.
 */
function bodyContainsOnWalk(term: string): SQL {
	if (term.toLowerCase() !== term.toUpperCase()) return bodyContains(term);
	return sql`strpos(${comments.body}, ${term}) > 0`;
}

export type { ThemeMark };

export interface CommentHit extends PlacedComment {
	body: string;
	createdAt: Date;
	endorsementCount: number;
	author: CommentAuthor | null;
	session: { id: number; title: string } | null;
	disposition: Disposition | null;
	themes: ThemeMark[];
}

export type Order = 'newest' | 'oldest' | 'endorsed';

function orderBy(order: Order): SQL[] {
	switch (order) {
		case 'oldest':
			return [asc(comments.createdAt), asc(comments.id)];
		case 'endorsed':
			return [desc(comments.endorsementCount), desc(comments.createdAt), desc(comments.id)];
		default:
			return [desc(comments.createdAt), desc(comments.id)];
	}
}

/** Active themes of each comment (tagged by any researcher), in taxonomy order. */
export async function themesOf(ids: number[]): Promise<Map<number, ThemeMark[]>> {
	if (ids.length === 0) return new Map();
	// DISTINCT orders only by what it selects: the position too.
	const tagged = await db
		.selectDistinct({ commentId: commentTags.commentId, ...themeMarkColumns, position: themes.position })
		.from(commentTags)
		.innerJoin(themes, eq(themes.id, commentTags.themeId))
		.where(and(inArray(commentTags.commentId, ids), activeTheme))
		.orderBy(asc(themes.position), asc(themes.slug), asc(commentTags.commentId));
	return byComment(tagged, ({ commentId: _commentId, position: _position, ...theme }) => theme);
}

// The page's details, kept prepared per database: planning this seven-table join cost more than
// running it for 20 ids.
const ID_SEPARATOR = ',';
const hitDetails = preparedQuery((database) =>
	database
		.select({
			id: comments.id,
			parentId: comments.parentId,
			sectionKey: comments.sectionKey,
			sectionHeading: sql<string>`coalesce(${planSections.heading}, ${comments.sectionKey})`,
			versionNumber: planVersions.number,
			kind: comments.kind,
			body: comments.body,
			createdAt: comments.createdAt,
			endorsementCount: comments.endorsementCount,
			...authorColumns,
			sessionId: comments.sessionId,
			sessionTitle: consultationSessions.title,
			disposition: commentResponses.disposition
		})
		.from(comments)
		.innerJoin(planVersions, eq(planVersions.id, comments.versionId))
		.leftJoin(planSections, and(eq(planSections.versionId, comments.versionId), eq(planSections.key, comments.sectionKey)))
		.leftJoin(users, eq(users.id, comments.authorId))
		.leftJoin(speakers, eq(speakers.id, comments.speakerId))
		.leftJoin(consultationSessions, eq(consultationSessions.id, comments.sessionId))
		.leftJoin(commentResponses, eq(commentResponses.commentId, comments.id))
		.where(sql`${comments.id} = any(string_to_array(${sql.placeholder('ids')}, ${ID_SEPARATOR})::bigint[])`)
		.prepare('search_hit_details')
);

/** One page of visible comments of a plan matching the filters and every term, with the total. */
export async function findComments(options: {
	planId: number;
	filters: CommentFilters;
	terms?: string[];
	order?: Order;
	page: number;
	pageSize?: number;
	/** Count at most COUNT_CAP + 1 matches (search); exact counts otherwise. */
	capCount?: boolean;
}): Promise<{ hits: CommentHit[]; total: number; capped: boolean; page: number; pages: number }> {
	const pageSize = options.pageSize ?? PAGE_SIZE;
	const filtered = filterConditions(options.planId, options.filters);
	const terms = options.terms ?? [];
	const where = and(...filtered, ...termConditions(terms));
	// The author tables are joined only when the group is asked for: counting is the costly part.
	const matching = options.filters.group
		? db
				.select({ one: sql`1` })
				.from(comments)
				.leftJoin(users, eq(users.id, comments.authorId))
				.leftJoin(speakers, eq(speakers.id, comments.speakerId))
				.where(where)
		: db
				.select({ one: sql`1` })
				.from(comments)
				.where(where);
	const counted = options.capCount ? matching.limit(COUNT_CAP + 1).as('matching') : matching.as('matching');
	const [{ total: rawTotal }] = await db.select({ total: sql<number>`count(*)::int` }).from(counted);
	const total = Number(rawTotal);
	const capped = options.capCount === true && total > COUNT_CAP;
	const pages = Math.max(1, Math.ceil(Math.min(total, options.capCount ? COUNT_CAP : total) / pageSize));
	const page = Math.min(Math.max(1, options.page), pages);
	if (total === 0) return { hits: [], total: 0, capped: false, page, pages };
	// A search with few matches takes them all through the trigram index and orders those. Left to
	// itself the planner may walk every comment newest first looking for them, which costs a scan of
	// the plan when the recent comments hold none. Many matches are found soon enough in that walk.
	const fewMatches = terms.length > 0 && total <= COUNT_CAP;
	const authors = options.filters.group
		? sql`left join ${users} on ${users.id} = ${comments.authorId} left join ${speakers} on ${speakers.id} = ${comments.speakerId}`
		: sql``;
	const pageWhere = fewMatches
		? and(where, sql`${comments.id} = any(array(select ${comments.id} from ${comments} ${authors} where ${where}))`)
		: and(...filtered, ...terms.map(bodyContainsOnWalk));

	// The page's ids from the comments alone, then their details: planning the seven-table join
	// with the search in it cost more than running it.
	const pageIds = options.filters.group
		? db
				.select({ id: comments.id })
				.from(comments)
				.leftJoin(users, eq(users.id, comments.authorId))
				.leftJoin(speakers, eq(speakers.id, comments.speakerId))
		: db.select({ id: comments.id }).from(comments);
	const ids = (
		await pageIds
			.where(pageWhere)
			.orderBy(...orderBy(options.order ?? 'newest'))
			.limit(pageSize)
			.offset((page - 1) * pageSize)
	).map((row) => row.id);
	if (ids.length === 0) return { hits: [], total, capped, page, pages };
	const place = new Map(ids.map((id, i) => [id, i]));
	const unordered = await hitDetails().execute({ ids: ids.join(ID_SEPARATOR) });
	const found = unordered.sort((a, b) => place.get(a.id)! - place.get(b.id)!);
	const themesFound = await themesOf(found.map((row) => row.id));
	const hits = found.map((row): CommentHit => ({
		id: row.id,
		parentId: row.parentId,
		sectionKey: row.sectionKey,
		sectionHeading: row.sectionHeading,
		versionNumber: row.versionNumber,
		kind: row.kind,
		body: row.body,
		createdAt: row.createdAt,
		endorsementCount: row.endorsementCount,
		author: authorOf(row),
		session: row.sessionId !== null && row.sessionTitle !== null ? { id: row.sessionId, title: row.sessionTitle } : null,
		disposition: row.disposition,
		themes: themesFound.get(row.id) ?? []
	}));
	return { hits, total, capped, page, pages };
}

export interface SectionHit {
	key: string;
	number: string;
	heading: string;
	snippetHtml: string;
}

/** Sections of a version whose heading or text contains every term, in document order. */
export async function findSections(versionId: number, terms: string[]): Promise<SectionHit[]> {
	if (terms.length === 0) return [];
	const all = await db
		.select({ key: planSections.key, heading: planSections.heading, parentKey: planSections.parentKey })
		.from(planSections)
		.where(eq(planSections.versionId, versionId))
		.orderBy(asc(planSections.position));
	const numbers = new Map(numberSections(all).map((s) => [s.key, s.number]));
	const matched = await db
		.select({ key: planSections.key, heading: planSections.heading, body: planSections.body })
		.from(planSections)
		.where(
			and(
				eq(planSections.versionId, versionId),
				...terms.map((term) => sql`(${contains(planSections.body, term)} or ${contains(planSections.heading, term)})`)
			)
		)
		.orderBy(asc(planSections.position));
	return matched.map((section) => ({
		key: section.key,
		number: numbers.get(section.key) ?? '',
		heading: section.heading,
		snippetHtml: highlight(snippet(plainText(section.body), terms), terms)
	}));
}
