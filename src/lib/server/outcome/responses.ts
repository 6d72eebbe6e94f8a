// Officials answer every comment with a disposition (반영 여부) and a response; earlier answers are
// kept. Revisions link their changed sections to the comments they answer.
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { commentResponseHistory, commentResponses, commentTags, comments, consultationSessions, notices, planSections } from '$lib/server/db/schema';
import { planVersions, revisionLinks, speakers, themes, users } from '$lib/server/db/schema';
import type { Disposition } from '$lib/server/db/schema';
import * as audit from '$lib/server/accounts/audit';

export class ResponseError extends Error {
	constructor(readonly code: 'comment_not_found' | 'not_answerable') {
		super(code);
	}
}

/**
 * Records (or changes) the official answer to a comment. The answer it replaces goes to the
 * history; the comment's author gets a notice.
 */
export async function respond(commentId: number, officialId: number, answer: { disposition: Disposition; body: string }): Promise<void> {
	await db.transaction(async (tx) => {
		const [comment] = await tx
			.select({ id: comments.id, status: comments.status, authorId: comments.authorId })
			.from(comments)
			.where(eq(comments.id, commentId))
			.for('update');
		if (!comment) throw new ResponseError('comment_not_found');
		if (comment.status === 'deleted') throw new ResponseError('not_answerable');
		const [previous] = await tx.select().from(commentResponses).where(eq(commentResponses.commentId, commentId));
		if (previous) {
			if (previous.disposition === answer.disposition && previous.body === answer.body) return;
			await tx.insert(commentResponseHistory).values({
				commentId,
				disposition: previous.disposition,
				body: previous.body,
				respondedBy: previous.respondedBy,
				respondedAt: previous.respondedAt
			});
		}
		await tx
			.insert(commentResponses)
			.values({ commentId, disposition: answer.disposition, body: answer.body, respondedBy: officialId, respondedAt: new Date() })
			.onConflictDoUpdate({
				target: commentResponses.commentId,
				set: { disposition: answer.disposition, body: answer.body, respondedBy: officialId, respondedAt: new Date() }
			});
		if (comment.authorId !== null && comment.authorId !== officialId) {
			await tx.insert(notices).values({ userId: comment.authorId, kind: 'comment_answered', commentId });
		}
		await audit.record(
			{
				actorId: officialId,
				action: previous ? 'response.update' : 'response.create',
				targetType: 'comment',
				targetId: commentId,
				detail: { disposition: answer.disposition }
			},
			tx
		);
	});
}

export async function current(commentId: number) {
	const [found] = await db
		.select({
			disposition: commentResponses.disposition,
			body: commentResponses.body,
			respondedAt: commentResponses.respondedAt,
			respondedBy: users.displayName
		})
		.from(commentResponses)
		.leftJoin(users, eq(users.id, commentResponses.respondedBy))
		.where(eq(commentResponses.commentId, commentId));
	return found ?? null;
}

/** Earlier answers to a comment, oldest first. */
export async function history(commentId: number) {
	return db
		.select({
			disposition: commentResponseHistory.disposition,
			body: commentResponseHistory.body,
			respondedAt: commentResponseHistory.respondedAt,
			respondedBy: users.displayName
		})
		.from(commentResponseHistory)
		.leftJoin(users, eq(users.id, commentResponseHistory.respondedBy))
		.where(eq(commentResponseHistory.commentId, commentId))
		.orderBy(asc(commentResponseHistory.id));
}

export interface QueueFilters {
	sectionKey?: string;
	themeSlug?: string;
	sessionId?: number;
	group?: string;
	/** 'no' and 'yes' are the opinions; 'voices' the chair's and staff's statements, which need no answer. */
	answered?: 'no' | 'yes' | 'all' | 'voices';
}

export const QUEUE_PAGE_SIZE = 25;

function queueConditions(planId: number, filters: QueueFilters): SQL {
	const conditions: SQL[] = [eq(comments.planId, planId), sql`${comments.status} <> 'deleted'`];
	if (filters.answered === 'voices') conditions.push(isNotNull(comments.speakerRole));
	else if (filters.answered !== 'all') {
		conditions.push(isNull(comments.speakerRole));
		conditions.push(
			filters.answered === 'yes'
				? sql`exists (select 1 from ${commentResponses} r where r.comment_id = ${comments.id})`
				: sql`not exists (select 1 from ${commentResponses} r where r.comment_id = ${comments.id})`
		);
	}
	if (filters.sectionKey) conditions.push(eq(comments.sectionKey, filters.sectionKey));
	if (filters.sessionId) conditions.push(eq(comments.sessionId, filters.sessionId));
	if (filters.group) conditions.push(sql`coalesce(${users.stakeholderGroup}, ${speakers.stakeholderGroup}) = ${filters.group}`);
	if (filters.themeSlug) {
		conditions.push(
			sql`exists (select 1 from ${commentTags} t join ${themes} th on th.id = t.theme_id
				where t.comment_id = ${comments.id} and th.slug = ${filters.themeSlug})`
		);
	}
	return and(...conditions)!;
}

/** Comment ids for the officials' bulk view (without a disposition by default), oldest first. */
export async function queue(planId: number, filters: QueueFilters, page: number) {
	const where = queueConditions(planId, filters);
	const base = () =>
		db
			.select({ id: comments.id })
			.from(comments)
			.leftJoin(users, eq(users.id, comments.authorId))
			.leftJoin(speakers, eq(speakers.id, comments.speakerId))
			.where(where);
	const [{ total }] = await db
		.select({ total: sql<number>`count(*)::int` })
		.from(comments)
		.leftJoin(users, eq(users.id, comments.authorId))
		.leftJoin(speakers, eq(speakers.id, comments.speakerId))
		.where(where);
	const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
	const current = Math.min(Math.max(1, page), pages);
	const ids = await base()
		.orderBy(asc(comments.createdAt), asc(comments.id))
		.limit(QUEUE_PAGE_SIZE)
		.offset((current - 1) * QUEUE_PAGE_SIZE);
	return { ids: ids.map((row) => row.id), total, page: current, pages };
}

/** Active themes for the filters. */
export async function themeOptions() {
	return db
		.select({ slug: themes.slug, labelKo: themes.labelKo, labelEn: themes.labelEn })
		.from(themes)
		.where(isNull(themes.archivedAt))
		.orderBy(asc(themes.position));
}

/**
 * How many of a plan's opinions have no answer yet (for the officials' badge), and how many session
 * statements were the chair's or staff's, which need none.
 */
export async function unansweredCount(planId: number): Promise<{ unanswered: number; voices: number }> {
	const [counts] = await db
		.select({
			unanswered: sql<number>`(count(*) filter (where ${comments.speakerRole} is null
				and not exists (select 1 from ${commentResponses} r where r.comment_id = ${comments.id})))::int`,
			voices: sql<number>`(count(*) filter (where ${comments.speakerRole} is not null))::int`
		})
		.from(comments)
		.where(and(eq(comments.planId, planId), sql`${comments.status} <> 'deleted'`));
	return counts;
}

// ---------------------------------------------------------------------------------------------
// Revision links

export interface SectionLinks {
	sectionKey: string;
	commentIds: number[];
}

/**
 * Sets which comments each section of a version answers (replacing earlier links of that version).
 * Only comments of the same plan written on earlier versions can be linked.
 */
export async function setRevisionLinks(versionId: number, links: SectionLinks[], officialId: number): Promise<void> {
	await db.transaction(async (tx) => {
		const [version] = await tx.select().from(planVersions).where(eq(planVersions.id, versionId));
		if (!version) throw new ResponseError('comment_not_found');
		await tx.delete(revisionLinks).where(eq(revisionLinks.versionId, versionId));
		const wanted = [...new Set(links.flatMap((l) => l.commentIds))];
		if (wanted.length === 0) return;
		const allowed = new Set(
			(
				await tx
					.select({ id: comments.id })
					.from(comments)
					.innerJoin(planVersions, eq(planVersions.id, comments.versionId))
					.where(and(inArray(comments.id, wanted), eq(comments.planId, version.planId), sql`${planVersions.number} < ${version.number}`))
			).map((row) => row.id)
		);
		const rows = links.flatMap((link) =>
			link.commentIds
				.filter((id) => allowed.has(id))
				.map((commentId) => ({ versionId, sectionKey: link.sectionKey, commentId, linkedBy: officialId }))
		);
		if (rows.length > 0) await tx.insert(revisionLinks).values(rows).onConflictDoNothing();
		await audit.record(
			{ actorId: officialId, action: 'version.links', targetType: 'version', targetId: versionId, detail: { links: rows.length } },
			tx
		);
	});
}

/** Comment ids linked to each section of a version. */
export async function revisionLinksOf(versionId: number): Promise<Record<string, number[]>> {
	const found = await db
		.select({ sectionKey: revisionLinks.sectionKey, commentId: revisionLinks.commentId })
		.from(revisionLinks)
		.where(eq(revisionLinks.versionId, versionId))
		.orderBy(asc(revisionLinks.commentId));
	const bySection: Record<string, number[]> = {};
	for (const { sectionKey, commentId } of found) (bySection[sectionKey] ??= []).push(commentId);
	return bySection;
}

// ---------------------------------------------------------------------------------------------
// Notices

export async function noticesFor(userId: number, limit = 50) {
	return db
		.select({
			id: notices.id,
			kind: notices.kind,
			commentId: notices.commentId,
			createdAt: notices.createdAt,
			readAt: notices.readAt,
			versionNumber: planVersions.number,
			versionTitle: planVersions.title,
			sectionKey: comments.sectionKey
		})
		.from(notices)
		.leftJoin(planVersions, eq(planVersions.id, notices.versionId))
		.leftJoin(comments, eq(comments.id, notices.commentId))
		.where(eq(notices.userId, userId))
		.orderBy(desc(notices.createdAt), desc(notices.id))
		.limit(limit);
}

export async function unreadNoticeCount(userId: number): Promise<number> {
	const [{ count }] = await db
		.select({ count: sql<number>`count(*)::int` })
		.from(notices)
		.where(and(eq(notices.userId, userId), isNull(notices.readAt)));
	return count;
}

export async function markNoticesRead(userId: number): Promise<void> {
	await db
		.update(notices)
		.set({ readAt: new Date() })
		.where(and(eq(notices.userId, userId), isNull(notices.readAt)));
}

/** Tells everyone who took part in the plan's consultation that a new version is out. */
export async function notifyVersionPublished(planId: number, versionId: number): Promise<number> {
	const inserted = await db.execute(sql`
		insert into ${notices} (user_id, kind, version_id)
		select distinct author_id, 'version_published', ${versionId}::int
		from ${comments} where plan_id = ${planId} and author_id is not null`);
	const count = inserted as unknown as { count?: number; affectedRows?: number };
	return Number(count.count ?? count.affectedRows ?? 0);
}

// ---------------------------------------------------------------------------------------------
// A participant's own comments

export async function commentsOf(userId: number) {
	return db
		.select({
			id: comments.id,
			planId: comments.planId,
			sectionKey: comments.sectionKey,
			heading: sql<string>`coalesce((select s.heading from ${planSections} s where s.version_id = ${comments.versionId} and s.key = ${comments.sectionKey}), ${comments.sectionKey})`,
			versionNumber: planVersions.number,
			kind: comments.kind,
			body: comments.body,
			status: comments.status,
			moderationReason: comments.moderationReason,
			parentId: comments.parentId,
			createdAt: comments.createdAt,
			endorsementCount: comments.endorsementCount,
			replyCount: comments.replyCount,
			sessionTitle: consultationSessions.title
		})
		.from(comments)
		.innerJoin(planVersions, eq(planVersions.id, comments.versionId))
		.leftJoin(consultationSessions, eq(consultationSessions.id, comments.sessionId))
		.where(eq(comments.authorId, userId))
		.orderBy(desc(comments.createdAt), desc(comments.id))
		.limit(500);
}
