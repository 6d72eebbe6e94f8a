// A comment as a given reader sees it: what text and author they may read, with its tags, official
// answer and the later versions it was reflected in, fetched in one round of queries for a list.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { commentResponseHistory, commentResponses, commentRevisions, commentTags, comments, consultationSessions } from '$lib/server/db/schema';
import { endorsements, planSections, planVersions, revisionLinks, speakers, themes, users } from '$lib/server/db/schema';
import type { CommentKind, CommentStatus, Disposition, SpeakerRole } from '$lib/server/db/schema';
import { renderComment } from '$lib/server/plan-text/markdown';

export interface Author {
	kind: 'user' | 'speaker';
	id: number;
	name: string;
	organisation: string;
	group: string | null;
	/** At a session: spoke as the chair or as the city's staff (their words need no answer); else null. */
	role: SpeakerRole | null;
}

/** A theme as a tag shows it. */
export interface ThemeMark {
	slug: string;
	labelKo: string;
	labelEn: string;
	color: string;
}

/** Where a listed comment stands (its section as headed now, its version) and its kind. */
export interface PlacedComment {
	id: number;
	parentId: number | null;
	sectionKey: string;
	sectionHeading: string;
	versionNumber: number;
	kind: CommentKind;
}

export interface CommentTag extends ThemeMark {
	/** Researchers who applied the tag. */
	taggedBy: number[];
}

/** A `ThemeMark`'s columns, for a select that joins themes. */
export const themeMarkColumns = { slug: themes.slug, labelKo: themes.labelKo, labelEn: themes.labelEn, color: themes.color };

/** Rows about several comments, listed per comment in the order they came. */
export function byComment<R extends { commentId: number }, T>(rows: R[], item: (row: R) => T): Map<number, T[]> {
	const found = new Map<number, T[]>();
	for (const row of rows) {
		const list = found.get(row.commentId) ?? [];
		list.push(item(row));
		found.set(row.commentId, list);
	}
	return found;
}

export interface OfficialResponse {
	disposition: Disposition;
	/** The Markdown source (public like the rendered text; officials edit it). */
	body: string;
	bodyHtml: string;
	respondedAt: Date;
	respondedBy: string | null;
	/** The answer was changed since it was first given (the comment's page lists the earlier ones). */
	revised: boolean;
}

export interface CommentView {
	id: number;
	parentId: number | null;
	rootId: number | null;
	depth: number;
	sectionKey: string;
	versionNumber: number;
	kind: CommentKind;
	status: CommentStatus;
	/** Null when the reader may not see the text (deleted, or hidden from a non-moderator). */
	bodyHtml: string | null;
	/** The Markdown source, only for the author's own editable comment. */
	body: string | null;
	quote: string | null;
	quoteStart: number | null;
	quoteEnd: number | null;
	moderationReason: string | null;
	author: Author | null;
	session: { id: number; title: string } | null;
	createdAt: Date;
	editedAt: Date | null;
	endorsementCount: number;
	replyCount: number;
	endorsedByMe: boolean;
	isMine: boolean;
	/** Themes researchers tagged it with (the public sees them too). */
	tags: CommentTag[];
	/** The official answer, when there is one. */
	response: OfficialResponse | null;
	/** Sections of later versions that officials linked to this comment as its answer. */
	reflectedIn: { versionNumber: number; sectionKey: string; heading: string }[];
}

export interface Viewer {
	id: number;
	canModerate: boolean;
}

const commentColumns = {
	id: comments.id,
	planId: comments.planId,
	parentId: comments.parentId,
	rootId: comments.rootId,
	depth: comments.depth,
	sectionKey: comments.sectionKey,
	versionNumber: planVersions.number,
	kind: comments.kind,
	status: comments.status,
	body: comments.body,
	quote: comments.quote,
	quoteStart: comments.quoteStart,
	quoteEnd: comments.quoteEnd,
	moderationReason: comments.moderationReason,
	authorId: comments.authorId,
	speakerId: comments.speakerId,
	sessionId: comments.sessionId,
	speakerRole: comments.speakerRole,
	createdAt: comments.createdAt,
	editedAt: comments.editedAt,
	endorsementCount: comments.endorsementCount,
	replyCount: comments.replyCount,
	userName: users.displayName,
	userOrganisation: users.organisation,
	userGroup: users.stakeholderGroup,
	speakerName: speakers.name,
	speakerAffiliation: speakers.affiliation,
	speakerGroup: speakers.stakeholderGroup,
	sessionTitle: consultationSessions.title
};

export function selectComments() {
	return db
		.select(commentColumns)
		.from(comments)
		.innerJoin(planVersions, eq(planVersions.id, comments.versionId))
		.leftJoin(users, eq(users.id, comments.authorId))
		.leftJoin(speakers, eq(speakers.id, comments.speakerId))
		.leftJoin(consultationSessions, eq(consultationSessions.id, comments.sessionId));
}

export type CommentRow = Awaited<ReturnType<ReturnType<typeof selectComments>['execute']>>[number];

export function toView(row: CommentRow, viewer: Viewer | null, endorsed: Set<number>): CommentView {
	const isMine = viewer !== null && row.authorId === viewer.id;
	const readable = row.status === 'visible' || (row.status === 'hidden' && viewer?.canModerate === true);
	const author: Author | null =
		row.status === 'deleted'
			? null
			: row.authorId !== null && row.userName !== null
				? {
						kind: 'user',
						id: row.authorId,
						name: row.userName,
						organisation: row.userOrganisation ?? '',
						group: row.userGroup,
						role: null
					}
				: row.speakerId !== null && row.speakerName !== null
					? {
							kind: 'speaker',
							id: row.speakerId,
							name: row.speakerName,
							organisation: row.speakerAffiliation ?? '',
							group: row.speakerGroup,
							role: row.speakerRole
						}
					: null;
	return {
		id: row.id,
		parentId: row.parentId,
		rootId: row.rootId,
		depth: row.depth,
		sectionKey: row.sectionKey,
		versionNumber: row.versionNumber,
		kind: row.kind,
		status: row.status,
		bodyHtml: readable ? renderComment(row.body) : null,
		body: isMine && row.status === 'visible' ? row.body : null,
		quote: readable ? row.quote : null,
		quoteStart: readable ? row.quoteStart : null,
		quoteEnd: readable ? row.quoteEnd : null,
		moderationReason: row.status === 'hidden' ? row.moderationReason : null,
		author,
		session: row.sessionId !== null && row.sessionTitle !== null ? { id: row.sessionId, title: row.sessionTitle } : null,
		createdAt: row.createdAt,
		editedAt: row.editedAt,
		endorsementCount: row.endorsementCount,
		replyCount: row.replyCount,
		endorsedByMe: endorsed.has(row.id),
		isMine,
		tags: [],
		response: null,
		reflectedIn: []
	};
}

async function endorsedBy(viewer: Viewer | null, ids: number[]): Promise<Set<number>> {
	if (!viewer || ids.length === 0) return new Set();
	const found = await db
		.select({ id: endorsements.commentId })
		.from(endorsements)
		.where(and(eq(endorsements.userId, viewer.id), inArray(endorsements.commentId, ids)));
	return new Set(found.map((row) => row.id));
}

async function tagsFor(ids: number[]): Promise<Map<number, CommentTag[]>> {
	if (ids.length === 0) return new Map();
	const tagged = await db
		.select({
			commentId: commentTags.commentId,
			...themeMarkColumns,
			taggedBy: sql<number[]>`array_agg(${commentTags.taggedBy} order by ${commentTags.taggedBy})`
		})
		.from(commentTags)
		.innerJoin(themes, eq(themes.id, commentTags.themeId))
		.where(inArray(commentTags.commentId, ids))
		.groupBy(commentTags.commentId, themes.id)
		.orderBy(asc(themes.position));
	return byComment(tagged, ({ commentId: _commentId, ...tag }) => ({ ...tag, taggedBy: tag.taggedBy.map(Number) }));
}

export async function responsesFor(ids: number[]): Promise<Map<number, OfficialResponse>> {
	if (ids.length === 0) return new Map();
	const found = await db
		.select({
			commentId: commentResponses.commentId,
			disposition: commentResponses.disposition,
			body: commentResponses.body,
			respondedAt: commentResponses.respondedAt,
			respondedBy: users.displayName,
			revised: sql<boolean>`exists (select 1 from ${commentResponseHistory} h where h.comment_id = ${commentResponses.commentId})`
		})
		.from(commentResponses)
		.leftJoin(users, eq(users.id, commentResponses.respondedBy))
		.where(inArray(commentResponses.commentId, ids));
	return new Map(
		found.map((r) => [
			r.commentId,
			{
				disposition: r.disposition,
				body: r.body,
				bodyHtml: renderComment(r.body),
				respondedAt: r.respondedAt,
				respondedBy: r.respondedBy,
				revised: r.revised === true
			}
		])
	);
}

export type Reflection = { versionNumber: number; sectionKey: string; heading: string };

export async function reflectionsFor(ids: number[]): Promise<Map<number, Reflection[]>> {
	if (ids.length === 0) return new Map();
	const links = await db
		.select({
			commentId: revisionLinks.commentId,
			versionNumber: planVersions.number,
			sectionKey: revisionLinks.sectionKey,
			heading: sql<string>`coalesce(${planSections.heading}, ${revisionLinks.sectionKey})`
		})
		.from(revisionLinks)
		.innerJoin(planVersions, eq(planVersions.id, revisionLinks.versionId))
		.leftJoin(planSections, and(eq(planSections.versionId, revisionLinks.versionId), eq(planSections.key, revisionLinks.sectionKey)))
		.where(and(inArray(revisionLinks.commentId, ids), sql`${planVersions.status} <> 'draft'`))
		.orderBy(asc(planVersions.number), asc(revisionLinks.sectionKey));
	return byComment(links, ({ commentId: _commentId, ...link }) => link);
}

export async function views(rowsFound: CommentRow[], viewer: Viewer | null): Promise<CommentView[]> {
	const ids = rowsFound.map((row) => row.id);
	const [endorsed, tags, responses, reflections] = await Promise.all([endorsedBy(viewer, ids), tagsFor(ids), responsesFor(ids), reflectionsFor(ids)]);
	return rowsFound.map((row) => {
		const view = toView(row, viewer, endorsed);
		if (row.status === 'deleted') return view;
		view.tags = tags.get(row.id) ?? [];
		view.response = responses.get(row.id) ?? null;
		view.reflectedIn = reflections.get(row.id) ?? [];
		return view;
	});
}

/** Several comments in the order of `ids` (one round of queries, whatever their number). */
export async function listByIds(ids: number[], viewer: Viewer | null): Promise<CommentView[]> {
	if (ids.length === 0) return [];
	const found = await views(await selectComments().where(inArray(comments.id, ids)), viewer);
	const byIdMap = new Map(found.map((view) => [view.id, view]));
	return ids.map((id) => byIdMap.get(id)).filter((view): view is CommentView => view !== undefined);
}

export async function byId(commentId: number, viewer: Viewer | null): Promise<(CommentView & { planId: number }) | null> {
	const [row] = await selectComments().where(eq(comments.id, commentId));
	if (!row) return null;
	const [view] = await views([row], viewer);
	return { ...view, planId: row.planId };
}

export async function revisions(commentId: number) {
	return db
		.select({ kind: commentRevisions.kind, body: commentRevisions.body, replacedAt: commentRevisions.replacedAt })
		.from(commentRevisions)
		.where(eq(commentRevisions.commentId, commentId))
		.orderBy(asc(commentRevisions.id));
}
