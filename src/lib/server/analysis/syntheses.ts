// Researchers' syntheses: per plan and theme, a Markdown text with pinned quotes from the commentary.
// Only researchers write them (checked here, whoever calls); everyone reads them.
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, type Transaction } from '$lib/server/db';
import { comments, consultationSessions, speakers, synthesisQuotes, themeSyntheses, themes, users } from '$lib/server/db/schema';
import { can } from '$lib/roles';
import * as audit from '$lib/server/accounts/audit';
import { plainText, renderComment } from '$lib/server/plan-text/markdown';
import { themeMarkColumns, type ThemeMark } from '$lib/server/commentary/views';
import { authorColumns, authorOf, type CommentAuthor } from '$lib/server/analysis/authors';
import type { Actor } from '$lib/server/analysis/coder';

export type SynthesisErrorCode = 'forbidden' | 'comment_not_found' | 'excerpt_not_found' | 'quote_not_found';

export class SynthesisError extends Error {
	constructor(readonly code: SynthesisErrorCode) {
		super(code);
		this.name = 'SynthesisError';
	}
}

export type { Actor };

function assertEditor(actor: Actor): void {
	if (!can(actor, 'syntheses.edit')) throw new SynthesisError('forbidden');
}

export interface ThemeRef extends ThemeMark {
	id: number;
	description: string;
	archivedAt: Date | null;
	mergedInto: string | null;
}

export async function themeBySlug(slug: string): Promise<ThemeRef | undefined> {
	const survivor = alias(themes, 'survivor');
	const [theme] = await db
		.select({
			id: themes.id,
			...themeMarkColumns,
			description: themes.description,
			archivedAt: themes.archivedAt,
			mergedInto: survivor.slug
		})
		.from(themes)
		.leftJoin(survivor, eq(survivor.id, themes.mergedIntoId))
		.where(eq(themes.slug, slug));
	return theme;
}

export interface Synthesis {
	body: string;
	html: string;
	updatedAt: Date | null;
	updatedBy: string | null;
	/** Changes with every save; '' while nothing is written. */
	revision: string;
}

// Microseconds since the epoch: exact (a JavaScript Date would drop the microseconds of updated_at).
const revisionOf = sql<string>`(extract(epoch from ${themeSyntheses.updatedAt}) * 1000000)::bigint::text`;

const EMPTY: Synthesis = { body: '', html: '', updatedAt: null, updatedBy: null, revision: '' };

/** A synthesis as `toSynthesis` reads it, for a select from theme_syntheses that joins its last editor. */
const synthesisColumns = { body: themeSyntheses.body, updatedAt: themeSyntheses.updatedAt, updatedBy: users.displayName, revision: revisionOf };

function toSynthesis(row: { body: string; updatedAt: Date; updatedBy: string | null; revision: string }): Synthesis {
	return { ...row, revision: String(row.revision), html: renderComment(row.body) };
}

async function read(planId: number, themeId: number, tx: Transaction | typeof db = db, lock = false): Promise<Synthesis> {
	const query = tx
		.select(synthesisColumns)
		.from(themeSyntheses)
		.leftJoin(users, eq(users.id, themeSyntheses.updatedBy))
		.where(and(eq(themeSyntheses.planId, planId), eq(themeSyntheses.themeId, themeId)));
	const [found] = lock ? await query.for('update', { of: themeSyntheses }) : await query;
	return found ? toSynthesis(found) : EMPTY;
}

export function synthesisOf(planId: number, themeId: number): Promise<Synthesis> {
	return read(planId, themeId);
}

/** Every written synthesis of a plan (for the report), by theme id. */
export async function synthesesOf(planId: number): Promise<Map<number, Synthesis>> {
	const found = await db
		.select({ themeId: themeSyntheses.themeId, ...synthesisColumns })
		.from(themeSyntheses)
		.leftJoin(users, eq(users.id, themeSyntheses.updatedBy))
		.where(eq(themeSyntheses.planId, planId));
	return new Map(found.map(({ themeId, ...row }) => [themeId, toSynthesis(row)]));
}

export type SaveResult = { saved: true; revision: string } | { saved: false; current: Synthesis };

/**
 * Saves the synthesis if nobody changed it since the editor loaded `expectedRevision` ('' for "there
 * was none"). Otherwise nothing is written and the newer version comes back, so the editor can show
 * it next to the text they typed.
 */
export async function saveSynthesis(
	actor: Actor,
	input: { planId: number; themeId: number; body: string; expectedRevision: string }
): Promise<SaveResult> {
	assertEditor(actor);
	return db.transaction(async (tx) => {
		const current = await read(input.planId, input.themeId, tx, true);
		if (current.revision !== input.expectedRevision) return { saved: false, current };
		let revision: string | undefined;
		if (current.revision === '') {
			const [inserted] = await tx
				.insert(themeSyntheses)
				.values({ planId: input.planId, themeId: input.themeId, body: input.body, updatedBy: actor.id })
				.onConflictDoNothing()
				.returning({ revision: revisionOf });
			// Someone else wrote the first version at the same moment.
			if (!inserted) return { saved: false, current: await read(input.planId, input.themeId, tx) };
			revision = String(inserted.revision);
		} else {
			const [updated] = await tx
				.update(themeSyntheses)
				// Strictly later than the version replaced, so the revision always changes.
				.set({
					body: input.body,
					updatedBy: actor.id,
					updatedAt: sql`greatest(now(), ${themeSyntheses.updatedAt} + interval '1 microsecond')`
				})
				.where(and(eq(themeSyntheses.planId, input.planId), eq(themeSyntheses.themeId, input.themeId)))
				.returning({ revision: revisionOf });
			revision = String(updated.revision);
		}
		await audit.record(
			{ actorId: actor.id, action: 'synthesis.save', targetType: 'theme', targetId: input.themeId, detail: { planId: input.planId } },
			tx
		);
		return { saved: true, revision };
	});
}

export interface PinnedQuote {
	id: number;
	commentId: number;
	excerpt: string;
	position: number;
	author: CommentAuthor | null;
	session: string | null;
	/** False when the comment has since been hidden or deleted: the public no longer sees the quote. */
	visible: boolean;
}

/** The pinned quotes of a plan's themes, in their order; quotes of hidden comments only when asked. */
export async function quotesOf(
	planId: number,
	options: { themeId?: number; includeHidden?: boolean } = {}
): Promise<(PinnedQuote & { themeId: number })[]> {
	const found = await db
		.select({
			id: synthesisQuotes.id,
			themeId: synthesisQuotes.themeId,
			commentId: synthesisQuotes.commentId,
			excerpt: synthesisQuotes.excerpt,
			position: synthesisQuotes.position,
			status: comments.status,
			...authorColumns,
			session: consultationSessions.title
		})
		.from(synthesisQuotes)
		.innerJoin(comments, eq(comments.id, synthesisQuotes.commentId))
		.leftJoin(users, eq(users.id, comments.authorId))
		.leftJoin(speakers, eq(speakers.id, comments.speakerId))
		.leftJoin(consultationSessions, eq(consultationSessions.id, comments.sessionId))
		.where(
			and(
				eq(synthesisQuotes.planId, planId),
				options.themeId === undefined ? undefined : eq(synthesisQuotes.themeId, options.themeId),
				options.includeHidden ? undefined : eq(comments.status, 'visible')
			)
		)
		.orderBy(asc(synthesisQuotes.themeId), asc(synthesisQuotes.position), asc(synthesisQuotes.id));
	return found.map((row) => ({
		id: row.id,
		themeId: row.themeId,
		commentId: row.commentId,
		excerpt: row.excerpt,
		position: row.position,
		author: authorOf(row),
		session: row.session,
		visible: row.status === 'visible'
	}));
}

/** The audit entry of a pin or unpin: the quoted comment, with the plan and theme it was pinned under. */
function recordQuote(tx: Transaction, actor: Actor, action: 'quote.pin' | 'quote.unpin', commentId: number, at: { planId: number; themeId: number }) {
	return audit.record(
		{ actorId: actor.id, action, targetType: 'comment', targetId: commentId, detail: { planId: at.planId, themeId: at.themeId } },
		tx
	);
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Pins an excerpt of a visible comment of the plan under the theme's synthesis. The excerpt must be
 * the comment's own words: a passage of its text as read (Markdown formatting aside).
 */
export async function pinQuote(actor: Actor, input: { planId: number; themeId: number; commentId: number; excerpt: string }): Promise<number> {
	assertEditor(actor);
	const excerpt = normalise(input.excerpt);
	return db.transaction(async (tx) => {
		const [comment] = await tx
			.select({ body: comments.body })
			.from(comments)
			.where(and(eq(comments.id, input.commentId), eq(comments.planId, input.planId), eq(comments.status, 'visible')));
		if (!comment) throw new SynthesisError('comment_not_found');
		const text = normalise(plainText(comment.body));
		if (!excerpt || !text.includes(excerpt)) {
			throw new SynthesisError('excerpt_not_found');
		}
		// Serialises pins of one theme, so two researchers pinning at once get distinct positions.
		await tx.execute(sql`select pg_advisory_xact_lock(${input.planId}, ${input.themeId})`);
		// The same passage pinned twice (a double click, two researchers at once) stays one quote.
		const [same] = await tx
			.select({ id: synthesisQuotes.id })
			.from(synthesisQuotes)
			.where(
				and(
					eq(synthesisQuotes.planId, input.planId),
					eq(synthesisQuotes.themeId, input.themeId),
					eq(synthesisQuotes.commentId, input.commentId),
					eq(synthesisQuotes.excerpt, excerpt)
				)
			);
		if (same) return same.id;
		const [{ next }] = await tx
			.select({ next: sql<number>`coalesce(max(${synthesisQuotes.position}), 0)::int + 1` })
			.from(synthesisQuotes)
			.where(and(eq(synthesisQuotes.planId, input.planId), eq(synthesisQuotes.themeId, input.themeId)));
		const [quote] = await tx
			.insert(synthesisQuotes)
			.values({
				planId: input.planId,
				themeId: input.themeId,
				commentId: input.commentId,
				excerpt,
				position: Number(next),
				createdBy: actor.id
			})
			.returning({ id: synthesisQuotes.id });
		await recordQuote(tx, actor, 'quote.pin', input.commentId, input);
		return quote.id;
	});
}

async function ownQuote(tx: Transaction, input: { planId: number; themeId: number; quoteId: number }) {
	const [quote] = await tx
		.select({ id: synthesisQuotes.id, position: synthesisQuotes.position, commentId: synthesisQuotes.commentId })
		.from(synthesisQuotes)
		.where(and(eq(synthesisQuotes.id, input.quoteId), eq(synthesisQuotes.planId, input.planId), eq(synthesisQuotes.themeId, input.themeId)))
		.for('update');
	if (!quote) throw new SynthesisError('quote_not_found');
	return quote;
}

export async function unpinQuote(actor: Actor, input: { planId: number; themeId: number; quoteId: number }): Promise<void> {
	assertEditor(actor);
	await db.transaction(async (tx) => {
		const quote = await ownQuote(tx, input);
		await tx.delete(synthesisQuotes).where(eq(synthesisQuotes.id, quote.id));
		await recordQuote(tx, actor, 'quote.unpin', quote.commentId, input);
	});
}

/** Swaps the quote with its neighbour above or below; at either end nothing changes. */
export async function moveQuote(actor: Actor, input: { planId: number; themeId: number; quoteId: number; direction: 'up' | 'down' }): Promise<void> {
	assertEditor(actor);
	await db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${input.planId}, ${input.themeId})`);
		await ownQuote(tx, input);
		const order = await tx
			.select({ id: synthesisQuotes.id, position: synthesisQuotes.position })
			.from(synthesisQuotes)
			.where(and(eq(synthesisQuotes.planId, input.planId), eq(synthesisQuotes.themeId, input.themeId)))
			.orderBy(asc(synthesisQuotes.position), asc(synthesisQuotes.id));
		const at = order.findIndex((q) => q.id === input.quoteId);
		const to = input.direction === 'up' ? at - 1 : at + 1;
		if (to < 0 || to >= order.length) return;
		[order[at], order[to]] = [order[to], order[at]];
		// Renumbered 1..n, which also mends equal positions (quotes moved here by a theme merge).
		for (const [index, quote] of order.entries()) {
			if (quote.position !== index + 1) {
				await tx
					.update(synthesisQuotes)
					.set({ position: index + 1 })
					.where(eq(synthesisQuotes.id, quote.id));
			}
		}
	});
}
