// The theme taxonomy researchers code commentary with: create, edit, merge, archive and restore.
// The taxonomy is shared by every plan; a theme is never deleted, so past coding keeps its meaning.
import { asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, isUniqueViolation, type Transaction } from '$lib/server/db';
import { commentTags, suggestionDecisions, synthesisQuotes, themeSyntheses, themes } from '$lib/server/db/schema';
import { can } from '$lib/roles';
import * as audit from '$lib/server/accounts/audit';
import type { ThemeInput } from '$lib/schemas/themes';
import type { Actor } from '$lib/server/analysis/coder';

export type ThemeErrorCode = 'forbidden' | 'not_found' | 'slug_taken' | 'same_theme' | 'archived' | 'merged';

export class ThemeError extends Error {
	constructor(readonly code: ThemeErrorCode) {
		super(code);
		this.name = 'ThemeError';
	}
}

// Whoever acts: checked here too, so no caller can skip the rule that only researchers manage themes.
export type { Actor };

export type ThemeRecord = typeof themes.$inferSelect;

export interface ThemeSummary {
	id: number;
	slug: string;
	labelKo: string;
	labelEn: string;
	description: string;
	color: string;
	keywords: string[];
	position: number;
	archivedAt: Date | null;
	mergedInto: { slug: string; labelKo: string; labelEn: string } | null;
	/** Comments tagged with it, by any researcher. */
	tagCount: number;
}

function assertManager(actor: Actor): void {
	if (!can(actor, 'themes.manage')) throw new ThemeError('forbidden');
}

/** The whole taxonomy: active themes in their order, then archived ones (merged or not). */
export async function list(): Promise<{ active: ThemeSummary[]; archived: ThemeSummary[] }> {
	const survivor = alias(themes, 'survivor');
	const found = await db
		.select({
			id: themes.id,
			slug: themes.slug,
			labelKo: themes.labelKo,
			labelEn: themes.labelEn,
			description: themes.description,
			color: themes.color,
			keywords: themes.keywords,
			position: themes.position,
			archivedAt: themes.archivedAt,
			survivorSlug: survivor.slug,
			survivorKo: survivor.labelKo,
			survivorEn: survivor.labelEn,
			tagCount: sql<number>`(select count(distinct ${commentTags.commentId})::int from ${commentTags} where ${commentTags.themeId} = ${themes.id})`
		})
		.from(themes)
		.leftJoin(survivor, eq(survivor.id, themes.mergedIntoId))
		.orderBy(asc(themes.position), asc(themes.id));
	const summaries: ThemeSummary[] = found.map(({ survivorSlug, survivorKo, survivorEn, ...theme }) => ({
		...theme,
		tagCount: Number(theme.tagCount),
		mergedInto: survivorSlug ? { slug: survivorSlug, labelKo: survivorKo ?? '', labelEn: survivorEn ?? '' } : null
	}));
	return {
		active: summaries.filter((theme) => theme.archivedAt === null),
		archived: summaries.filter((theme) => theme.archivedAt !== null)
	};
}

/** Themes that can be tagged and suggested, in the taxonomy's order. */
export async function active(): Promise<ThemeRecord[]> {
	return db.select().from(themes).where(isNull(themes.archivedAt)).orderBy(asc(themes.position), asc(themes.id));
}

export async function bySlug(slug: string): Promise<ThemeRecord | undefined> {
	const [theme] = await db.select().from(themes).where(eq(themes.slug, slug));
	return theme;
}

export async function byId(id: number): Promise<ThemeRecord | undefined> {
	const [theme] = await db.select().from(themes).where(eq(themes.id, id));
	return theme;
}

async function lockTheme(tx: Transaction, id: number): Promise<ThemeRecord> {
	const [theme] = await tx.select().from(themes).where(eq(themes.id, id)).for('update');
	if (!theme) throw new ThemeError('not_found');
	return theme;
}

export async function create(input: ThemeInput & { slug: string }, actor: Actor): Promise<ThemeRecord> {
	assertManager(actor);
	try {
		return await db.transaction(async (tx) => {
			const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${themes.position}), 0)::int + 1` }).from(themes);
			const [theme] = await tx
				.insert(themes)
				.values({
					slug: input.slug,
					labelKo: input.labelKo,
					labelEn: input.labelEn,
					description: input.description,
					color: input.color,
					keywords: input.keywords,
					position: Number(next)
				})
				.returning();
			await audit.record({ actorId: actor.id, action: 'theme.create', targetType: 'theme', targetId: theme.id, detail: { slug: theme.slug } }, tx);
			return theme;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new ThemeError('slug_taken');
		throw error;
	}
}

/** Labels, description, colour and keywords; the slug stays, since links and exports use it. */
export async function update(id: number, input: ThemeInput, actor: Actor): Promise<ThemeRecord> {
	assertManager(actor);
	return db.transaction(async (tx) => {
		const before = await lockTheme(tx, id);
		if (before.mergedIntoId !== null) throw new ThemeError('merged');
		const [theme] = await tx
			.update(themes)
			.set({
				labelKo: input.labelKo,
				labelEn: input.labelEn,
				description: input.description,
				color: input.color,
				keywords: input.keywords
			})
			.where(eq(themes.id, id))
			.returning();
		const changed = (['labelKo', 'labelEn', 'description', 'color', 'keywords'] as const).filter(
			(field) => JSON.stringify(before[field]) !== JSON.stringify(theme[field])
		);
		if (changed.length > 0) {
			await audit.record({ actorId: actor.id, action: 'theme.update', targetType: 'theme', targetId: id, detail: { slug: theme.slug, changed } }, tx);
		}
		return theme;
	});
}

export interface MergeResult {
	tagsMoved: number;
	/** Tags the survivor already had from the same researcher on the same comment. */
	duplicatesDropped: number;
	decisionsMoved: number;
	quotesMoved: number;
	synthesesMerged: number;
}

/**
 * Folds `sourceId` into `survivorId`: every tag, suggestion decision, pinned quote and synthesis text
 * moves to the survivor (nothing written is lost, nothing is counted twice), the survivor takes the
 * source's keywords, and the source is archived pointing at the survivor.
 */
export async function merge(sourceId: number, survivorId: number, actor: Actor): Promise<MergeResult> {
	assertManager(actor);
	if (sourceId === survivorId) throw new ThemeError('same_theme');
	return db.transaction(async (tx) => {
		// Locked in id order so two merges of the same pair cannot deadlock.
		const [first, second] = sourceId < survivorId ? [sourceId, survivorId] : [survivorId, sourceId];
		const locked = [await lockTheme(tx, first), await lockTheme(tx, second)];
		const source = locked.find((theme) => theme.id === sourceId)!;
		const survivor = locked.find((theme) => theme.id === survivorId)!;
		if (source.archivedAt !== null || survivor.archivedAt !== null) throw new ThemeError('archived');

		// Copied inside the database (any number of tags), keeping who tagged, when and how.
		const survivorColumn = sql<number>`${survivorId}::int`;
		const moved = await tx
			.insert(commentTags)
			.select(
				tx
					.select({
						commentId: commentTags.commentId,
						themeId: survivorColumn.as('theme_id'),
						taggedBy: commentTags.taggedBy,
						taggedAt: commentTags.taggedAt,
						source: commentTags.source
					})
					.from(commentTags)
					.where(eq(commentTags.themeId, sourceId))
			)
			.onConflictDoNothing()
			.returning({ commentId: commentTags.commentId });
		const removed = await tx.delete(commentTags).where(eq(commentTags.themeId, sourceId)).returning({ commentId: commentTags.commentId });

		// One decision per comment and theme: an acceptance of either theme stands for the merged one.
		await tx
			.insert(suggestionDecisions)
			.select(
				tx
					.select({
						commentId: suggestionDecisions.commentId,
						themeId: survivorColumn.as('theme_id'),
						decision: suggestionDecisions.decision,
						decidedBy: suggestionDecisions.decidedBy,
						decidedAt: suggestionDecisions.decidedAt
					})
					.from(suggestionDecisions)
					.where(eq(suggestionDecisions.themeId, sourceId))
			)
			.onConflictDoUpdate({
				target: [suggestionDecisions.commentId, suggestionDecisions.themeId],
				set: { decision: sql`case when excluded.decision = 'accepted' then 'accepted' else ${suggestionDecisions.decision} end` }
			});
		const decisions = await tx
			.delete(suggestionDecisions)
			.where(eq(suggestionDecisions.themeId, sourceId))
			.returning({ commentId: suggestionDecisions.commentId });

		// Quotes go after the survivor's own, in their order, plan by plan.
		const quotes = await tx
			.update(synthesisQuotes)
			.set({
				themeId: survivorId,
				position: sql`${synthesisQuotes.position} + coalesce((select max(s.position) + 1 from synthesis_quotes s where s.plan_id = ${synthesisQuotes.planId} and s.theme_id = ${survivorId}), 0)`
			})
			.where(eq(synthesisQuotes.themeId, sourceId))
			.returning({ id: synthesisQuotes.id });

		const syntheses = await tx.select().from(themeSyntheses).where(eq(themeSyntheses.themeId, sourceId));
		let synthesesMerged = 0;
		for (const synthesis of syntheses) {
			if (synthesis.body.trim()) {
				const appended = `### ${source.labelKo}\n\n${synthesis.body.trim()}`;
				await tx
					.insert(themeSyntheses)
					.values({ planId: synthesis.planId, themeId: survivorId, body: appended, updatedBy: actor.id, updatedAt: new Date() })
					.onConflictDoUpdate({
						target: [themeSyntheses.planId, themeSyntheses.themeId],
						set: {
							body: sql`case when btrim(${themeSyntheses.body}) = '' then ${appended} else rtrim(${themeSyntheses.body}) || ${'\n\n'} || ${appended} end`,
							updatedBy: actor.id,
							updatedAt: new Date()
						}
					});
				synthesesMerged += 1;
			}
		}
		await tx.delete(themeSyntheses).where(eq(themeSyntheses.themeId, sourceId));

		const keywords = [...new Set([...survivor.keywords, ...source.keywords])];
		await tx.update(themes).set({ keywords }).where(eq(themes.id, survivorId));
		await tx.update(themes).set({ archivedAt: new Date(), mergedIntoId: survivorId }).where(eq(themes.id, sourceId));
		// Themes merged into the source earlier now point at the survivor, so the chain never dangles.
		await tx.update(themes).set({ mergedIntoId: survivorId }).where(eq(themes.mergedIntoId, sourceId));

		const result: MergeResult = {
			tagsMoved: moved.length,
			duplicatesDropped: removed.length - moved.length,
			decisionsMoved: decisions.length,
			quotesMoved: quotes.length,
			synthesesMerged
		};
		await audit.record(
			{
				actorId: actor.id,
				action: 'theme.merge',
				targetType: 'theme',
				targetId: sourceId,
				detail: { source: source.slug, survivor: survivor.slug, ...result }
			},
			tx
		);
		return result;
	});
}

/** Out of the taxonomy (no longer offered or suggested); its tags stay on the comments. Idempotent. */
export async function archive(id: number, actor: Actor): Promise<void> {
	assertManager(actor);
	await db.transaction(async (tx) => {
		const theme = await lockTheme(tx, id);
		if (theme.archivedAt !== null) return;
		await tx.update(themes).set({ archivedAt: new Date() }).where(eq(themes.id, id));
		await audit.record({ actorId: actor.id, action: 'theme.archive', targetType: 'theme', targetId: id, detail: { slug: theme.slug } }, tx);
	});
}

/** Back into the taxonomy; a merged theme cannot return, its tags live on in the survivor. Idempotent. */
export async function restore(id: number, actor: Actor): Promise<void> {
	assertManager(actor);
	await db.transaction(async (tx) => {
		const theme = await lockTheme(tx, id);
		if (theme.mergedIntoId !== null) throw new ThemeError('merged');
		if (theme.archivedAt === null) return;
		await tx.update(themes).set({ archivedAt: null }).where(eq(themes.id, id));
		await audit.record({ actorId: actor.id, action: 'theme.restore', targetType: 'theme', targetId: id, detail: { slug: theme.slug } }, tx);
	});
}
