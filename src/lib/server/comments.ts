// Threaded commentary on plan sections: writing, reading, editing, endorsing. Moderation lives in
// moderation.ts. Comments are anchored to a section key, so they carry across versions of the plan.
import { and, asc, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { db, isUniqueViolation, rows, type Transaction } from '$lib/server/db';
import {
	commentResponseHistory,
	commentResponses,
	commentRevisions,
	commentTags,
	comments,
	consultationSessions,
	endorsements,
	notices,
	planSections,
	planVersions,
	revisionLinks,
	sectionCommentCounts,
	speakers,
	themes,
	users,
	type CommentKind,
	type CommentStatus,
	type Disposition
} from '$lib/server/db/schema';
import { renderComment, plainText } from '$lib/server/markdown';
import { periodState } from '$lib/period';
import * as events from '$lib/server/events';
import * as batches from '$lib/server/comment-batches';
import type { ThreadSort } from '$lib/schemas/comments';

export type CommentErrorCode =
	| 'plan_not_found'
	| 'section_not_found'
	| 'period_closed'
	| 'parent_not_found'
	| 'comment_not_found'
	| 'not_author'
	| 'not_editable'
	| 'own_comment'
	| 'quote_not_found'
	| 'key_reused';

export class CommentError extends Error {
	constructor(readonly code: CommentErrorCode) {
		super(code);
		this.name = 'CommentError';
	}
}

/** Shown in one page of a section's threads. */
export const THREADS_PER_PAGE = 20;
/** Replies loaded with a thread on the section page; the thread's own page shows all. */
export const REPLIES_PER_THREAD = 200;

export interface Author {
	kind: 'user' | 'speaker';
	id: number;
	name: string;
	organisation: string;
	group: string | null;
}

export interface CommentTag {
	slug: string;
	labelKo: string;
	labelEn: string;
	color: string;
	/** Researchers who applied the tag. */
	taggedBy: number[];
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

function selectComments() {
	return db
		.select(commentColumns)
		.from(comments)
		.innerJoin(planVersions, eq(planVersions.id, comments.versionId))
		.leftJoin(users, eq(users.id, comments.authorId))
		.leftJoin(speakers, eq(speakers.id, comments.speakerId))
		.leftJoin(consultationSessions, eq(consultationSessions.id, comments.sessionId));
}

type CommentRow = Awaited<ReturnType<ReturnType<typeof selectComments>['execute']>>[number];

function toView(row: CommentRow, viewer: Viewer | null, endorsed: Set<number>): CommentView {
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
						group: row.userGroup
					}
				: row.speakerId !== null && row.speakerName !== null
					? {
							kind: 'speaker',
							id: row.speakerId,
							name: row.speakerName,
							organisation: row.speakerAffiliation ?? '',
							group: row.speakerGroup
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
	const found = new Map<number, CommentTag[]>();
	if (ids.length === 0) return found;
	const tagged = await db
		.select({
			commentId: commentTags.commentId,
			slug: themes.slug,
			labelKo: themes.labelKo,
			labelEn: themes.labelEn,
			color: themes.color,
			position: themes.position,
			taggedBy: sql<number[]>`array_agg(${commentTags.taggedBy} order by ${commentTags.taggedBy})`
		})
		.from(commentTags)
		.innerJoin(themes, eq(themes.id, commentTags.themeId))
		.where(inArray(commentTags.commentId, ids))
		.groupBy(commentTags.commentId, themes.id)
		.orderBy(asc(themes.position));
	for (const { commentId, position: _position, ...tag } of tagged) {
		const list = found.get(commentId) ?? [];
		list.push({ ...tag, taggedBy: tag.taggedBy.map(Number) });
		found.set(commentId, list);
	}
	return found;
}

async function responsesFor(ids: number[]): Promise<Map<number, OfficialResponse>> {
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

type Reflection = { versionNumber: number; sectionKey: string; heading: string };

async function reflectionsFor(ids: number[]): Promise<Map<number, Reflection[]>> {
	const found = new Map<number, Reflection[]>();
	if (ids.length === 0) return found;
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
	for (const { commentId, ...link } of links) {
		const list = found.get(commentId) ?? [];
		list.push(link);
		found.set(commentId, list);
	}
	return found;
}

async function views(rowsFound: CommentRow[], viewer: Viewer | null): Promise<CommentView[]> {
	const ids = rowsFound.map((row) => row.id);
	const [endorsed, tags, responses, reflections] = await Promise.all([
		endorsedBy(viewer, ids),
		tagsFor(ids),
		responsesFor(ids),
		reflectionsFor(ids)
	]);
	return rowsFound.map((row) => {
		const view = toView(row, viewer, endorsed);
		if (row.status === 'deleted') return view;
		view.tags = tags.get(row.id) ?? [];
		view.response = responses.get(row.id) ?? null;
		view.reflectedIn = reflections.get(row.id) ?? [];
		return view;
	});
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface NewComment {
	planId: number;
	sectionKey: string;
	kind: CommentKind;
	body: string;
	quote?: string;
	quoteStart?: number;
	parentId?: number;
	authorId: number;
	idempotencyKey: string;
}

/** Plain text of a section, with whitespace collapsed: the text quotes and their offsets refer to. */
export function sectionText(markdown: string): string {
	return plainText(markdown);
}

/**
 * Where a quote sits in the section's text: at `hint` when it matches there, else its first
 * occurrence (whitespace differences forgiven). Null when the section does not contain it.
 */
export function locateQuote(text: string, quote: string, hint?: number): { start: number; end: number } | null {
	const wanted = quote.replace(/\s+/g, ' ').trim();
	if (!wanted) return null;
	if (hint !== undefined && text.slice(hint, hint + wanted.length) === wanted) {
		return { start: hint, end: hint + wanted.length };
	}
	const at = text.indexOf(wanted);
	return at === -1 ? null : { start: at, end: at + wanted.length };
}

async function currentOpenVersion(tx: Transaction, planId: number) {
	const [version] = await tx
		.select()
		.from(planVersions)
		.where(and(eq(planVersions.planId, planId), eq(planVersions.status, 'published')));
	if (!version) throw new CommentError('plan_not_found');
	if (periodState(version) !== 'open') throw new CommentError('period_closed');
	return version;
}

/**
 * Saves a comment or reply on the current version while its comment period is open. A repeated
 * submission with the same idempotency key returns the comment saved the first time; different
 * text under a key already used is refused (key_reused) rather than dropped unseen.
 */
export async function create(input: NewComment): Promise<{ id: number; created: boolean }> {
	if (input.parentId === undefined && !input.quote) {
		const inserted = await batches.write({
			planId: input.planId,
			sectionKey: input.sectionKey,
			kind: input.kind,
			body: input.body,
			authorId: input.authorId,
			idempotencyKey: input.idempotencyKey
		});
		if (inserted) {
			if (!inserted.announced) await announce(input, inserted.id);
			return { id: inserted.id, created: true };
		}
		// Nothing inserted: a repeated submission, or a refusal the full path below will name.
	}
	const existing = await byIdempotencyKey(input);
	if (existing) return { id: existing, created: false };
	let result: { id: number; parentAuthorId: number | null };
	try {
		result = await db.transaction(async (tx) => {
			const version = await currentOpenVersion(tx, input.planId);
			const [section] = await tx
				.select({ body: planSections.body })
				.from(planSections)
				.where(and(eq(planSections.versionId, version.id), eq(planSections.key, input.sectionKey)));
			if (!section) throw new CommentError('section_not_found');

			let quote: { text: string; start: number; end: number } | null = null;
			if (input.quote) {
				const place = locateQuote(sectionText(section.body), input.quote, input.quoteStart);
				if (!place) throw new CommentError('quote_not_found');
				quote = { text: input.quote.replace(/\s+/g, ' ').trim(), ...place };
			}

			let parent: { id: number; rootId: number | null; depth: number; authorId: number | null } | undefined;
			if (input.parentId !== undefined) {
				[parent] = await tx
					.select({ id: comments.id, rootId: comments.rootId, depth: comments.depth, authorId: comments.authorId })
					.from(comments)
					.where(
						and(
							eq(comments.id, input.parentId),
							eq(comments.planId, input.planId),
							eq(comments.sectionKey, input.sectionKey),
							eq(comments.status, 'visible')
						)
					)
					.for('update');
				if (!parent) throw new CommentError('parent_not_found');
			}

			const [inserted] = await tx
				.insert(comments)
				.values({
					planId: input.planId,
					sectionKey: input.sectionKey,
					versionId: version.id,
					parentId: parent?.id ?? null,
					rootId: parent ? (parent.rootId ?? parent.id) : null,
					depth: parent ? parent.depth + 1 : 0,
					kind: input.kind,
					body: input.body,
					quote: quote?.text ?? null,
					quoteStart: quote?.start ?? null,
					quoteEnd: quote?.end ?? null,
					authorId: input.authorId,
					idempotencyKey: input.idempotencyKey
				})
				.returning({ id: comments.id });
			if (parent) {
				await tx
					.update(comments)
					.set({ replyCount: sql`${comments.replyCount} + 1` })
					.where(eq(comments.id, parent.id));
				if (parent.authorId !== null && parent.authorId !== input.authorId) {
					await tx.insert(notices).values({ userId: parent.authorId, kind: 'comment_replied', commentId: inserted.id });
				}
			}
			return { id: inserted.id, parentAuthorId: parent?.authorId ?? null };
		});
	} catch (error) {
		// Two identical submissions raced past the first lookup: the loser returns the winner's comment.
		if (isUniqueViolation(error)) {
			const winner = await byIdempotencyKey(input);
			if (winner) return { id: winner, created: false };
		}
		throw error;
	}
	await announce(input, result.id);
	return { id: result.id, created: true };
}

async function announce(input: NewComment, id: number): Promise<void> {
	await events
		.publish({ type: 'created', planId: input.planId, sectionKey: input.sectionKey, commentId: id, parentId: input.parentId ?? null })
		.catch((error) => console.error('[plan-consultation] live event not sent:', error));
}


/** As the quote is stored (see create). */
const normalisedQuote = (quote: string | undefined) => quote?.replace(/\s+/g, ' ').trim() || null;

/**
 * The comment already saved under this person's key, when it is the same submission sent again.
 * It is compared as first sent: an edit made since keeps the first text among its revisions.
 */
async function byIdempotencyKey(input: NewComment): Promise<number | undefined> {
	const [found] = await db
		.select({
			id: comments.id,
			planId: comments.planId,
			sectionKey: comments.sectionKey,
			parentId: comments.parentId,
			kind: comments.kind,
			body: comments.body,
			quote: comments.quote,
			editedAt: comments.editedAt
		})
		.from(comments)
		.where(and(eq(comments.authorId, input.authorId), eq(comments.idempotencyKey, input.idempotencyKey)));
	if (!found) return undefined;
	let first: { kind: CommentKind; body: string } = found;
	if (found.editedAt) {
		[first = found] = await db
			.select({ kind: commentRevisions.kind, body: commentRevisions.body })
			.from(commentRevisions)
			.where(eq(commentRevisions.commentId, found.id))
			.orderBy(asc(commentRevisions.id))
			.limit(1);
	}
	const same =
		found.planId === input.planId &&
		found.sectionKey === input.sectionKey &&
		found.parentId === (input.parentId ?? null) &&
		first.kind === input.kind &&
		first.body === input.body &&
		found.quote === normalisedQuote(input.quote);
	if (!same) throw new CommentError('key_reused');
	return found.id;
}

async function ownComment(tx: Transaction, commentId: number, userId: number) {
	const [comment] = await tx.select().from(comments).where(eq(comments.id, commentId)).for('update');
	if (!comment) throw new CommentError('comment_not_found');
	if (comment.authorId !== userId) throw new CommentError('not_author');
	if (comment.status !== 'visible') throw new CommentError('not_editable');
	await currentOpenVersion(tx, comment.planId);
	return comment;
}

/** The author changes their comment while the period is open; the earlier text is kept. */
export async function edit(commentId: number, userId: number, change: { kind: CommentKind; body: string }): Promise<void> {
	const comment = await db.transaction(async (tx) => {
		const found = await ownComment(tx, commentId, userId);
		if (found.body === change.body && found.kind === change.kind) return found;
		await tx.insert(commentRevisions).values({ commentId, kind: found.kind, body: found.body });
		await tx
			.update(comments)
			.set({ kind: change.kind, body: change.body, editedAt: new Date() })
			.where(eq(comments.id, commentId));
		return found;
	});
	await events
		.publish({ type: 'updated', planId: comment.planId, sectionKey: comment.sectionKey, commentId, parentId: comment.parentId })
		.catch(() => {});
}

/** Soft delete by the author: the thread keeps its shape and shows "deleted comment". */
export async function remove(commentId: number, userId: number): Promise<void> {
	const comment = await db.transaction(async (tx) => {
		const found = await ownComment(tx, commentId, userId);
		await tx.update(comments).set({ status: 'deleted' }).where(eq(comments.id, commentId));
		return found;
	});
	await events
		.publish({ type: 'updated', planId: comment.planId, sectionKey: comment.sectionKey, commentId, parentId: comment.parentId })
		.catch(() => {});
}

/** Endorses once per person (a second endorsement changes nothing); not one's own comment. */
export async function endorse(commentId: number, userId: number): Promise<void> {
	await db.transaction(async (tx) => {
		const [comment] = await tx
			.select({ authorId: comments.authorId, status: comments.status, planId: comments.planId })
			.from(comments)
			.where(eq(comments.id, commentId));
		if (!comment || comment.status !== 'visible') throw new CommentError('comment_not_found');
		if (comment.authorId === userId) throw new CommentError('own_comment');
		await currentOpenVersion(tx, comment.planId);
		const added = await tx
			.insert(endorsements)
			.values({ commentId, userId })
			.onConflictDoNothing()
			.returning({ commentId: endorsements.commentId });
		if (added.length > 0) {
			await tx
				.update(comments)
				.set({ endorsementCount: sql`${comments.endorsementCount} + 1` })
				.where(eq(comments.id, commentId));
		}
	});
}

export async function withdrawEndorsement(commentId: number, userId: number): Promise<void> {
	await db.transaction(async (tx) => {
		const removed = await tx
			.delete(endorsements)
			.where(and(eq(endorsements.commentId, commentId), eq(endorsements.userId, userId)))
			.returning({ commentId: endorsements.commentId });
		if (removed.length > 0) {
			await tx
				.update(comments)
				.set({ endorsementCount: sql`greatest(${comments.endorsementCount} - 1, 0)` })
				.where(eq(comments.id, commentId));
		}
	});
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface ThreadNode extends CommentView {
	replies: ThreadNode[];
}

export interface SectionThreads {
	threads: ThreadNode[];
	total: number;
	topLevelTotal: number;
	page: number;
	pages: number;
}

function orderFor(sort: ThreadSort): SQL[] {
	switch (sort) {
		case 'newest':
			return [desc(comments.createdAt), desc(comments.id)];
		case 'endorsed':
			return [desc(comments.endorsementCount), asc(comments.createdAt), asc(comments.id)];
		default:
			return [asc(comments.createdAt), asc(comments.id)];
	}
}

/** Comments written on versions up to `upToVersion` (the version being read). */
function sectionScope(planId: number, sectionKey: string, upToVersion: number): SQL {
	return and(
		eq(comments.planId, planId),
		eq(comments.sectionKey, sectionKey),
		lte(planVersions.number, upToVersion)
	)!;
}

/** Every reply under the given top-level comments, found by walking parent links. */
export async function descendants(rootIds: number[], limitPerRoot = REPLIES_PER_THREAD): Promise<number[]> {
	if (rootIds.length === 0) return [];
	const found = await rows<{ id: number | string }>(sql`
		with recursive thread as (
			select id, 1 as level, parent_id as root from comments where parent_id in ${rootIds}
			union all
			select c.id, t.level + 1, t.root from comments c join thread t on c.parent_id = t.id
		)
		select id from (
			select id, row_number() over (partition by root order by id) as n from thread
		) numbered where n <= ${limitPerRoot}`);
	return found.map((row) => Number(row.id));
}

export function buildTree(list: CommentView[]): ThreadNode[] {
	const nodes = new Map<number, ThreadNode>();
	for (const comment of list) nodes.set(comment.id, { ...comment, replies: [] });
	const roots: ThreadNode[] = [];
	for (const node of nodes.values()) {
		const parent = node.parentId !== null ? nodes.get(node.parentId) : undefined;
		if (parent) parent.replies.push(node);
		else roots.push(node);
	}
	const byTime = (a: ThreadNode, b: ThreadNode) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;
	for (const node of nodes.values()) node.replies.sort(byTime);
	return roots;
}

/** One page of a section's threads, each with its replies, for the section page. */
export async function sectionThreads(options: {
	planId: number;
	sectionKey: string;
	upToVersion: number;
	sort: ThreadSort;
	page: number;
	viewer: Viewer | null;
}): Promise<SectionThreads> {
	const scope = sectionScope(options.planId, options.sectionKey, options.upToVersion);
	// Kept by the database as comments come and go (migrations/0011), rather than counted here.
	const [{ total, topLevel }] = await db
		.select({
			total: sql<number>`coalesce(sum(${sectionCommentCounts.threadsTotal}), 0)::int`,
			topLevel: sql<number>`coalesce(sum(${sectionCommentCounts.topLevel}), 0)::int`
		})
		.from(sectionCommentCounts)
		.innerJoin(planVersions, eq(planVersions.id, sectionCommentCounts.versionId))
		.where(
			and(
				eq(sectionCommentCounts.planId, options.planId),
				eq(sectionCommentCounts.sectionKey, options.sectionKey),
				lte(planVersions.number, options.upToVersion)
			)
		);
	const pages = Math.max(1, Math.ceil(topLevel / THREADS_PER_PAGE));
	const page = Math.min(Math.max(1, options.page), pages);
	const roots = await selectComments()
		.where(and(scope, isNull(comments.parentId)))
		.orderBy(...orderFor(options.sort))
		.limit(THREADS_PER_PAGE)
		.offset((page - 1) * THREADS_PER_PAGE);
	const replyIds = await descendants(roots.map((root) => root.id));
	const replies = replyIds.length
		? await selectComments().where(and(inArray(comments.id, replyIds), lte(planVersions.number, options.upToVersion)))
		: [];
	const list = await views([...roots, ...replies], options.viewer);
	const tree = buildTree(list);
	// buildTree keeps the roots in their query order.
	return { threads: tree, total, topLevelTotal: topLevel, page, pages };
}

/** One whole thread (for its own page and for the live update of a reply). */
export async function thread(rootId: number, viewer: Viewer | null): Promise<ThreadNode | null> {
	const [root] = await selectComments().where(eq(comments.id, rootId));
	if (!root) return null;
	const replyIds = await descendants([root.id], Number.MAX_SAFE_INTEGER);
	const replies = replyIds.length ? await selectComments().where(inArray(comments.id, replyIds)) : [];
	return buildTree(await views([root, ...replies], viewer))[0] ?? null;
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

/** Comments per section key, written on versions up to `upToVersion`, deleted ones left out. */
export async function countsBySection(planId: number, upToVersion: number): Promise<Record<string, number>> {
	const counted = await db
		.select({ key: sectionCommentCounts.sectionKey, count: sql<number>`sum(${sectionCommentCounts.comments})::int` })
		.from(sectionCommentCounts)
		.innerJoin(planVersions, eq(planVersions.id, sectionCommentCounts.versionId))
		.where(and(eq(sectionCommentCounts.planId, planId), lte(planVersions.number, upToVersion)))
		.groupBy(sectionCommentCounts.sectionKey);
	return Object.fromEntries(counted.filter((row) => row.count > 0).map((row) => [row.key, row.count]));
}

/**
 * For a section read at version `current`: which earlier versions had a different text of it,
 * so comments written on them can say "the section has changed since".
 */
export async function sectionChangedSince(planId: number, sectionKey: string, current: number): Promise<Record<number, boolean>> {
	const texts = await db
		.select({ number: planVersions.number, heading: planSections.heading, body: planSections.body })
		.from(planSections)
		.innerJoin(planVersions, eq(planVersions.id, planSections.versionId))
		.where(and(eq(planVersions.planId, planId), eq(planSections.key, sectionKey), lte(planVersions.number, current)));
	const now = texts.find((t) => t.number === current);
	return Object.fromEntries(
		texts.map((t) => [t.number, !now || t.body !== now.body || t.heading !== now.heading])
	);
}

export interface ApiComment {
	id: number;
	parent_id: number | null;
	section_key: string;
	version: number;
	kind: CommentKind;
	author: { display_name: string; organisation: string; stakeholder_group: string | null; kind: 'user' | 'speaker' } | null;
	session: { id: number; title: string } | null;
	body: string | null;
	quote: string | null;
	created_at: string;
	edited_at: string | null;
	endorsements: number;
	status: CommentStatus;
	hidden_reason: string | null;
	disposition: Disposition | null;
	response: { body: string; responded_at: string; responded_by: string | null } | null;
	reflected_in: { version: number; section_key: string }[];
}

/** Every comment of a plan for the open-data API, oldest first, paged by id. */
export async function forApi(planId: number, options: { afterId: number; limit: number }): Promise<ApiComment[]> {
	const found = await selectComments()
		.where(and(eq(comments.planId, planId), sql`${comments.id} > ${options.afterId}`))
		.orderBy(asc(comments.id))
		.limit(options.limit);
	const ids = found.map((row) => row.id);
	const [answers, reflections] = await Promise.all([responsesFor(ids), reflectionsFor(ids)]);
	return found.map((row) => {
		const view = toView(row, null, new Set());
		const answer = row.status === 'deleted' ? undefined : answers.get(row.id);
		return {
			id: view.id,
			parent_id: view.parentId,
			section_key: view.sectionKey,
			version: view.versionNumber,
			kind: view.kind,
			author: view.author && {
				display_name: view.author.name,
				organisation: view.author.organisation,
				stakeholder_group: view.author.group,
				kind: view.author.kind
			},
			session: view.session,
			body: view.status === 'visible' ? row.body : null,
			quote: view.quote,
			created_at: view.createdAt.toISOString(),
			edited_at: view.editedAt?.toISOString() ?? null,
			endorsements: view.endorsementCount,
			status: view.status,
			hidden_reason: view.moderationReason,
			disposition: answer?.disposition ?? null,
			response: answer
				? { body: answer.body, responded_at: answer.respondedAt.toISOString(), responded_by: answer.respondedBy }
				: null,
			reflected_in: (reflections.get(row.id) ?? []).map((r) => ({ version: r.versionNumber, section_key: r.sectionKey }))
		};
	});
}
