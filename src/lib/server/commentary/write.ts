// Writing commentary: comments and replies, the author's edits and deletions, endorsements. Every
// write checks the comment period the same way, in SQL on the database's clock (period.ts). A
// top-level comment without a quote goes in with others sent at the same moment (batches.ts); what
// that insert does not write takes the transaction below, which also names the reason for a refusal.
// Moderators' actions live in moderation.ts.
import { and, asc, eq, sql } from 'drizzle-orm';
import { db, isUniqueViolation, type Transaction } from '$lib/server/db';
import { commentRevisions, comments, endorsements, notices, planSections, type CommentKind } from '$lib/server/db/schema';
import * as events from '$lib/server/events/channel';
import * as batches from './batches';
import { CommentError } from './errors';
import { openVersion } from './period';
import { locateQuote, normalisedQuote, sectionText } from './quotes';

export { CommentError, type CommentErrorCode } from './errors';

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
		// Nothing inserted: a repeated submission, or a refusal the transaction below will name.
	}
	const existing = await byIdempotencyKey(input);
	if (existing) return { id: existing, created: false };
	let id: number;
	try {
		id = await db.transaction((tx) => insertInTransaction(tx, input));
	} catch (error) {
		// Two identical submissions raced past the first lookup: the loser returns the winner's comment.
		if (isUniqueViolation(error)) {
			const winner = await byIdempotencyKey(input);
			if (winner) return { id: winner, created: false };
		}
		throw error;
	}
	await announce(input, id);
	return { id, created: true };
}

/** Any comment, checked step by step so that a refusal says which rule it broke. */
async function insertInTransaction(tx: Transaction, input: NewComment): Promise<number> {
	const version = await openVersion(tx, input.planId);
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
	return inserted.id;
}

async function announce(input: NewComment, id: number): Promise<void> {
	await events
		.publish({ type: 'created', planId: input.planId, sectionKey: input.sectionKey, commentId: id, parentId: input.parentId ?? null })
		.catch((error) => console.error('[plan-consultation] live event not sent:', error));
}

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
	await openVersion(tx, comment.planId);
	return comment;
}

/** The author changes their comment while the period is open; the earlier text is kept. */
export async function edit(commentId: number, userId: number, change: { kind: CommentKind; body: string }): Promise<void> {
	const comment = await db.transaction(async (tx) => {
		const found = await ownComment(tx, commentId, userId);
		if (found.body === change.body && found.kind === change.kind) return found;
		await tx.insert(commentRevisions).values({ commentId, kind: found.kind, body: found.body });
		await tx.update(comments).set({ kind: change.kind, body: change.body, editedAt: new Date() }).where(eq(comments.id, commentId));
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

/** Where a comment is: what an endorsement of it changes. */
export interface CommentPlace {
	planId: number;
	sectionKey: string;
}

/** Endorses once per person (a second endorsement changes nothing); not one's own comment. */
export async function endorse(commentId: number, userId: number): Promise<CommentPlace> {
	return db.transaction(async (tx) => {
		const [comment] = await tx
			.select({ authorId: comments.authorId, status: comments.status, planId: comments.planId, sectionKey: comments.sectionKey })
			.from(comments)
			.where(eq(comments.id, commentId));
		if (!comment || comment.status !== 'visible') throw new CommentError('comment_not_found');
		if (comment.authorId === userId) throw new CommentError('own_comment');
		await openVersion(tx, comment.planId);
		const added = await tx.insert(endorsements).values({ commentId, userId }).onConflictDoNothing().returning({ commentId: endorsements.commentId });
		if (added.length > 0) {
			await tx
				.update(comments)
				.set({ endorsementCount: sql`${comments.endorsementCount} + 1` })
				.where(eq(comments.id, commentId));
		}
		return { planId: comment.planId, sectionKey: comment.sectionKey };
	});
}

/** Null when the comment does not exist. */
export async function withdrawEndorsement(commentId: number, userId: number): Promise<CommentPlace | null> {
	return db.transaction(async (tx) => {
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
		const [place] = await tx.select({ planId: comments.planId, sectionKey: comments.sectionKey }).from(comments).where(eq(comments.id, commentId));
		return place ?? null;
	});
}
