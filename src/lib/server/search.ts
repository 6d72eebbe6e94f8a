// Finding commentary: the filters shared by theme pages, search and exports, search over comments and
// the current plan text that finds Hangul substrings of any length, and highlighted snippets.
import { and, asc, desc, eq, inArray, isNull, sql, type Column, type SQL } from 'drizzle-orm';
import { db, preparedQuery } from '$lib/server/db';
import {
	commentResponses,
	commentTags,
	comments,
	consultationSessions,
	planSections,
	planVersions,
	speakers,
	themes,
	users,
	type CommentKind,
	type Disposition
} from '$lib/server/db/schema';
import { escapeLike } from '$lib/server/users';
import { plainText } from '$lib/server/markdown';
import { numberSections } from '$lib/server/plan-view';
import { NO_SECTION, ONLINE, UNKNOWN_GROUP, type CommentFilters } from '$lib/schemas/search';

export const PAGE_SIZE = 20;
/** Search counts stop here ("1,000+"): counting every match of a one-syllable term costs too much. */
export const COUNT_CAP = 1000;

/** A theme is counted and shown only while it is in use (neither archived nor merged away). */
export const activeTheme = sql`${themes.archivedAt} is null and ${themes.mergedIntoId} is null`;

/** The author's stakeholder group, whether they wrote online or spoke at a session. */
export const authorGroup = sql<string | null>`coalesce(${users.stakeholderGroup}, ${speakers.stakeholderGroup})`;

/** The author's columns for a select that joins users and speakers; `authorOf` reads them back. */
export const authorColumns = {
	userName: users.displayName,
	userOrganisation: users.organisation,
	speakerName: speakers.name,
	speakerAffiliation: speakers.affiliation,
	group: authorGroup
};

export interface CommentAuthor {
	name: string;
	organisation: string;
	group: string | null;
}

type AuthorRow = { userName: string | null; userOrganisation: string | null; speakerName: string | null; speakerAffiliation: string | null; group: string | null };

/** Who wrote it online or said it at a session; null for neither (a removed account). */
export function authorOf(row: AuthorRow): CommentAuthor | null {
	const name = row.userName ?? row.speakerName;
	return name === null ? null : { name, organisation: row.userOrganisation ?? row.speakerAffiliation ?? '', group: row.group };
}

/** `column` contains `term`, ignoring case, with LIKE wildcards in the term taken literally. */
export function contains(column: SQL | Column, term: string): SQL {
	return sql`${column} ilike ${`%${escapeLike(term)}%`}`;
}

/**
 * A comment's body contains `term` (any length, ignoring case), in the form the trigram index on the
 * tripled text (search_body, migrations/0008) answers. The LIKE is exact: a tripled term can only
 * match a tripled text where the text holds the term.
 */
export function bodyContains(term: string): SQL {
	return sql`${comments}.search_body like search_pattern(${term})`;
}

/**
 * The same test for a walk of comments in order, row by row: a term without case (Hangul, digits) is
 * found in the body itself, at a third of the cost of the LIKE over the tripled text.
 */
function bodyContainsOnWalk(term: string): SQL {
	if (term.toLowerCase() !== term.toUpperCase()) return bodyContains(term);
	return sql`strpos(${comments.body}, ${term}) > 0`;
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

export function termConditions(terms: string[]): SQL[] {
	return terms.map(bodyContains);
}

export interface ThemeMark {
	slug: string;
	labelKo: string;
	labelEn: string;
	color: string;
}

export interface CommentHit {
	id: number;
	parentId: number | null;
	sectionKey: string;
	sectionHeading: string;
	versionNumber: number;
	kind: CommentKind;
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
	const found = new Map<number, ThemeMark[]>();
	if (ids.length === 0) return found;
	const tagged = await db
		.selectDistinct({
			commentId: commentTags.commentId,
			slug: themes.slug,
			labelKo: themes.labelKo,
			labelEn: themes.labelEn,
			color: themes.color,
			position: themes.position
		})
		.from(commentTags)
		.innerJoin(themes, eq(themes.id, commentTags.themeId))
		.where(and(inArray(commentTags.commentId, ids), activeTheme))
		.orderBy(asc(themes.position), asc(themes.slug), asc(commentTags.commentId));
	for (const { commentId, position: _position, ...theme } of tagged) {
		const list = found.get(commentId) ?? [];
		list.push(theme);
		found.set(commentId, list);
	}
	return found;
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
		: db.select({ one: sql`1` }).from(comments).where(where);
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
	const hits = found.map(
		(row): CommentHit => ({
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
		})
	);
	return { hits, total, capped, page, pages };
}

export interface SectionOption {
	key: string;
	number: string;
	heading: string;
	/** False for a key only earlier versions had; it keeps its last heading. */
	inCurrent: boolean;
}

/** Every section key of the plan's published versions: the current ones numbered and in order first. */
export async function sectionOptions(planId: number): Promise<SectionOption[]> {
	const all = await db
		.select({
			key: planSections.key,
			heading: planSections.heading,
			parentKey: planSections.parentKey,
			status: planVersions.status
		})
		.from(planSections)
		.innerJoin(planVersions, eq(planVersions.id, planSections.versionId))
		.where(and(eq(planVersions.planId, planId), inArray(planVersions.status, ['published', 'superseded'])))
		.orderBy(asc(planVersions.number), asc(planSections.position));
	const options: SectionOption[] = numberSections(all.filter((s) => s.status === 'published')).map((s) => ({
		key: s.key,
		number: s.number,
		heading: s.heading,
		inCurrent: true
	}));
	const known = new Set(options.map((o) => o.key));
	const removed = new Map<string, string>();
	for (const s of all) if (!known.has(s.key)) removed.set(s.key, s.heading);
	for (const [key, heading] of removed) options.push({ key, number: '', heading, inCurrent: false });
	return options;
}

/** What the filter forms offer: sections, sessions and active themes of the plan. */
export async function filterOptions(planId: number) {
	const [sections, sessions, themeList] = await Promise.all([
		sectionOptions(planId),
		db
			.select({ id: consultationSessions.id, title: consultationSessions.title, heldOn: consultationSessions.heldOn })
			.from(consultationSessions)
			.where(eq(consultationSessions.planId, planId))
			.orderBy(asc(consultationSessions.heldOn), asc(consultationSessions.id)),
		db
			.select({ slug: themes.slug, labelKo: themes.labelKo, labelEn: themes.labelEn, color: themes.color })
			.from(themes)
			.where(activeTheme)
			.orderBy(asc(themes.position), asc(themes.id))
	]);
	return { sections, sessions, themes: themeList };
}

export type FilterOptions = Awaited<ReturnType<typeof filterOptions>>;

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
