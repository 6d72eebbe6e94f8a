// Coding the commentary: researchers tag comments with themes (each researcher's tags kept apart, so
// codings can be compared), decide on suggested themes and mark comments that fit no theme.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, type Transaction } from '$lib/server/db';
import { codingReviews, commentTags, comments, suggestionDecisions, themes } from '$lib/server/db/schema';
import { assertCoder, CodingError, type Actor } from '$lib/server/analysis/coder';

/** Only comments everyone can read are coded; hidden and deleted ones are out of reach. */
async function visibleComment(tx: Transaction, commentId: number): Promise<void> {
	const [comment] = await tx
		.select({ id: comments.id })
		.from(comments)
		.where(and(eq(comments.id, commentId), eq(comments.status, 'visible')));
	if (!comment) throw new CodingError('comment_not_found');
}

async function activeThemeId(tx: Transaction, slug: string): Promise<number> {
	const [theme] = await tx
		.select({ id: themes.id })
		.from(themes)
		.where(and(eq(themes.slug, slug), isNull(themes.archivedAt)));
	if (!theme) throw new CodingError('theme_not_found');
	return theme.id;
}

async function review(tx: Transaction, commentId: number, actor: Actor): Promise<void> {
	await tx.insert(codingReviews).values({ commentId, reviewedBy: actor.id }).onConflictDoNothing();
}

async function insertTag(tx: Transaction, commentId: number, themeId: number, actor: Actor, source: 'manual' | 'suggestion') {
	const added = await tx
		.insert(commentTags)
		.values({ commentId, themeId, taggedBy: actor.id, source })
		.onConflictDoNothing()
		.returning({ commentId: commentTags.commentId });
	await review(tx, commentId, actor);
	return added.length > 0;
}

/** The researcher's own tag (who and when are kept); tagging also marks the comment reviewed. */
export async function tag(commentId: number, themeSlug: string, actor: Actor): Promise<boolean> {
	assertCoder(actor);
	return db.transaction(async (tx) => {
		await visibleComment(tx, commentId);
		return insertTag(tx, commentId, await activeThemeId(tx, themeSlug), actor, 'manual');
	});
}

/**
 * Removes the researcher's own tag only. When no researcher's tag of that theme is left, an earlier
 * acceptance of it as a suggestion no longer holds either, so the theme may be suggested again.
 */
export async function untag(commentId: number, themeSlug: string, actor: Actor): Promise<boolean> {
	assertCoder(actor);
	return db.transaction(async (tx) => {
		const [theme] = await tx.select({ id: themes.id }).from(themes).where(eq(themes.slug, themeSlug));
		if (!theme) throw new CodingError('theme_not_found');
		const removed = await tx
			.delete(commentTags)
			.where(and(eq(commentTags.commentId, commentId), eq(commentTags.themeId, theme.id), eq(commentTags.taggedBy, actor.id)))
			.returning({ commentId: commentTags.commentId });
		const [left] = await tx
			.select({ count: sql<number>`count(*)::int` })
			.from(commentTags)
			.where(and(eq(commentTags.commentId, commentId), eq(commentTags.themeId, theme.id)));
		if (Number(left.count) === 0) {
			await tx
				.delete(suggestionDecisions)
				.where(
					and(eq(suggestionDecisions.commentId, commentId), eq(suggestionDecisions.themeId, theme.id), eq(suggestionDecisions.decision, 'accepted'))
				);
		}
		return removed.length > 0;
	});
}

async function decide(tx: Transaction, commentId: number, themeId: number, decision: 'accepted' | 'rejected', actor: Actor) {
	await tx
		.insert(suggestionDecisions)
		.values({ commentId, themeId, decision, decidedBy: actor.id })
		.onConflictDoUpdate({
			target: [suggestionDecisions.commentId, suggestionDecisions.themeId],
			set: { decision, decidedBy: actor.id, decidedAt: new Date() }
		});
}

/** Accepting a suggestion tags the comment (source 'suggestion') and records the decision. */
export async function acceptSuggestion(commentId: number, themeSlug: string, actor: Actor): Promise<void> {
	assertCoder(actor);
	await db.transaction(async (tx) => {
		await visibleComment(tx, commentId);
		const themeId = await activeThemeId(tx, themeSlug);
		await insertTag(tx, commentId, themeId, actor, 'suggestion');
		await decide(tx, commentId, themeId, 'accepted', actor);
	});
}

/** A rejected suggestion is never made again for this comment, to anyone. */
export async function rejectSuggestion(commentId: number, themeSlug: string, actor: Actor): Promise<void> {
	assertCoder(actor);
	await db.transaction(async (tx) => {
		await visibleComment(tx, commentId);
		const themeId = await activeThemeId(tx, themeSlug);
		await decide(tx, commentId, themeId, 'rejected', actor);
		await review(tx, commentId, actor);
	});
}

/**
 * Decides the suggestions a researcher saw in the queue, all at once. A pair someone decided in the
 * meantime, or whose comment or theme went away, is left alone. Returns how many were decided.
 */
export async function decideMany(
	pairs: readonly { commentId: number; theme: string }[],
	decision: 'accepted' | 'rejected',
	actor: Actor
): Promise<number> {
	assertCoder(actor);
	return db.transaction(async (tx) => {
		const slugs = [...new Set(pairs.map((pair) => pair.theme))];
		const ids = [...new Set(pairs.map((pair) => pair.commentId))];
		if (slugs.length === 0) return 0;
		const known = await tx
			.select({ id: themes.id, slug: themes.slug })
			.from(themes)
			.where(and(inArray(themes.slug, slugs), isNull(themes.archivedAt)));
		const themeIds = new Map(known.map((theme) => [theme.slug, theme.id]));
		const visible = await tx
			.select({ id: comments.id })
			.from(comments)
			.where(and(inArray(comments.id, ids), eq(comments.status, 'visible')));
		const readable = new Set(visible.map((comment) => comment.id));
		let decided = 0;
		for (const pair of pairs) {
			const themeId = themeIds.get(pair.theme);
			if (themeId === undefined || !readable.has(pair.commentId)) continue;
			const inserted = await tx
				.insert(suggestionDecisions)
				.values({ commentId: pair.commentId, themeId, decision, decidedBy: actor.id })
				.onConflictDoNothing()
				.returning({ commentId: suggestionDecisions.commentId });
			if (inserted.length === 0) continue;
			if (decision === 'accepted') await insertTag(tx, pair.commentId, themeId, actor, 'suggestion');
			else await review(tx, pair.commentId, actor);
			decided += 1;
		}
		return decided;
	});
}

/** "Looked at it, no theme fits": the comment counts as coded by this researcher, with no themes. */
export async function markReviewed(commentId: number, actor: Actor): Promise<void> {
	assertCoder(actor);
	await db.transaction(async (tx) => {
		await visibleComment(tx, commentId);
		await review(tx, commentId, actor);
	});
}
