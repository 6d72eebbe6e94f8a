// Flags from anyone signed in, and the moderators' queue: hide with a reason, restore, or dismiss.
// Every act is written to the audit log in the same transaction.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, isUniqueViolation } from '$lib/server/db';
import { commentFlags, comments, plans, users } from '$lib/server/db/schema';
import * as audit from '$lib/server/accounts/audit';
import * as events from '$lib/server/events/channel';
import { renderComment } from '$lib/server/plan-text/markdown';
import { CommentError } from '$lib/server/commentary/errors';

export class AlreadyFlaggedError extends Error {
	constructor() {
		super('already_flagged');
	}
}

export async function flag(commentId: number, userId: number, reason: string): Promise<void> {
	const [comment] = await db.select({ id: comments.id }).from(comments).where(eq(comments.id, commentId));
	if (!comment) throw new CommentError('comment_not_found');
	try {
		await db.insert(commentFlags).values({ commentId, userId, reason });
	} catch (error) {
		if (isUniqueViolation(error)) throw new AlreadyFlaggedError();
		throw error;
	}
}

export interface QueueItem {
	commentId: number;
	planSlug: string;
	sectionKey: string;
	status: string;
	bodyHtml: string;
	authorName: string | null;
	createdAt: Date;
	flags: { id: number; reason: string; createdAt: Date; flaggedBy: string | null }[];
}

/** Comments with open flags, most flagged first. */
export async function queue(): Promise<QueueItem[]> {
	const open = await db
		.select({
			id: commentFlags.id,
			commentId: commentFlags.commentId,
			reason: commentFlags.reason,
			createdAt: commentFlags.createdAt,
			flaggedBy: users.displayName
		})
		.from(commentFlags)
		.leftJoin(users, eq(users.id, commentFlags.userId))
		.where(isNull(commentFlags.resolvedAt))
		.orderBy(asc(commentFlags.createdAt));
	if (open.length === 0) return [];
	const ids = [...new Set(open.map((f) => f.commentId))];
	const flagged = await db
		.select({
			id: comments.id,
			status: comments.status,
			body: comments.body,
			sectionKey: comments.sectionKey,
			createdAt: comments.createdAt,
			planSlug: plans.slug,
			authorName: users.displayName
		})
		.from(comments)
		.innerJoin(plans, eq(plans.id, comments.planId))
		.leftJoin(users, eq(users.id, comments.authorId))
		.where(inArray(comments.id, ids));
	return flagged
		.map((comment) => ({
			commentId: comment.id,
			planSlug: comment.planSlug,
			sectionKey: comment.sectionKey,
			status: comment.status,
			bodyHtml: renderComment(comment.body),
			authorName: comment.authorName,
			createdAt: comment.createdAt,
			flags: open
				.filter((f) => f.commentId === comment.id)
				.map((f) => ({ id: f.id, reason: f.reason, createdAt: f.createdAt, flaggedBy: f.flaggedBy }))
		}))
		.sort((a, b) => b.flags.length - a.flags.length || a.commentId - b.commentId);
}

export async function recentlyHidden(limit = 50) {
	return db
		.select({
			commentId: comments.id,
			planSlug: plans.slug,
			sectionKey: comments.sectionKey,
			reason: comments.moderationReason,
			moderatedAt: comments.moderatedAt,
			moderatorName: users.displayName
		})
		.from(comments)
		.innerJoin(plans, eq(plans.id, comments.planId))
		.leftJoin(users, eq(users.id, comments.moderatedBy))
		.where(eq(comments.status, 'hidden'))
		.orderBy(desc(comments.moderatedAt))
		.limit(limit);
}

async function notifyChanged(commentId: number): Promise<void> {
	const [comment] = await db
		.select({ planId: comments.planId, sectionKey: comments.sectionKey, parentId: comments.parentId })
		.from(comments)
		.where(eq(comments.id, commentId));
	if (comment) await events.publish({ type: 'updated', commentId, ...comment }).catch(() => {});
}

/** Hides a comment from the public (who see that it was hidden and why) and resolves its flags. */
export async function hide(commentId: number, moderatorId: number, reason: string): Promise<void> {
	await db.transaction(async (tx) => {
		const [comment] = await tx
			.update(comments)
			.set({ status: 'hidden', moderationReason: reason, moderatedBy: moderatorId, moderatedAt: new Date() })
			.where(and(eq(comments.id, commentId), eq(comments.status, 'visible')))
			.returning({ id: comments.id });
		if (!comment) throw new Error('comment_not_found');
		await tx
			.update(commentFlags)
			.set({ resolvedAt: new Date(), resolvedBy: moderatorId, resolution: 'hidden' })
			.where(and(eq(commentFlags.commentId, commentId), isNull(commentFlags.resolvedAt)));
		await audit.record({ actorId: moderatorId, action: 'comment.hide', targetType: 'comment', targetId: commentId, detail: { reason } }, tx);
	});
	await notifyChanged(commentId);
}

export async function restore(commentId: number, moderatorId: number): Promise<void> {
	await db.transaction(async (tx) => {
		const [comment] = await tx
			.update(comments)
			.set({ status: 'visible', moderationReason: null, moderatedBy: moderatorId, moderatedAt: new Date() })
			.where(and(eq(comments.id, commentId), eq(comments.status, 'hidden')))
			.returning({ id: comments.id });
		if (!comment) throw new Error('comment_not_found');
		await audit.record({ actorId: moderatorId, action: 'comment.restore', targetType: 'comment', targetId: commentId }, tx);
	});
	await notifyChanged(commentId);
}

/** Closes the open flags of a comment without hiding it. */
export async function dismissFlags(commentId: number, moderatorId: number): Promise<number> {
	return db.transaction(async (tx) => {
		const dismissed = await tx
			.update(commentFlags)
			.set({ resolvedAt: new Date(), resolvedBy: moderatorId, resolution: 'dismissed' })
			.where(and(eq(commentFlags.commentId, commentId), isNull(commentFlags.resolvedAt)))
			.returning({ id: commentFlags.id });
		await audit.record(
			{
				actorId: moderatorId,
				action: 'flag.dismiss',
				targetType: 'comment',
				targetId: commentId,
				detail: { flags: dismissed.length }
			},
			tx
		);
		return dismissed.length;
	});
}

export async function openFlagCount(): Promise<number> {
	const [{ count }] = await db
		.select({ count: sql<number>`count(*)::int` })
		.from(commentFlags)
		.where(isNull(commentFlags.resolvedAt));
	return count;
}
