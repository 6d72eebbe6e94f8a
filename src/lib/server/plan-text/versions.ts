// Drafts and publishing. The database keeps the invariants (one current version, one draft per
// plan); these functions take the plan's row lock so concurrent officials queue instead of racing.
import { and, eq, sql } from 'drizzle-orm';
import { db, isUniqueViolation, type Transaction } from '$lib/server/db';
import { plans, planSections, planVersions } from '$lib/server/db/schema';
import * as audit from '$lib/server/accounts/audit';
import { periodState } from '$lib/period';
import type { PlanVersion, SectionInput } from '$lib/server/plan-text/plans';

export class NoDraftError extends Error {
	constructor() {
		super('no_draft');
	}
}
export class DraftExistsError extends Error {
	constructor() {
		super('draft_exists');
	}
}
export class EmptyDraftError extends Error {
	constructor() {
		super('empty_draft');
	}
}
/** The draft the editor was opened on is gone (published or discarded), maybe replaced by another. */
export class StaleDraftError extends Error {
	constructor() {
		super('stale_draft');
	}
}
export class NoCurrentVersionError extends Error {
	constructor() {
		super('no_current_version');
	}
}
export class PeriodNotOpenError extends Error {
	constructor() {
		super('period_not_open');
	}
}

export interface DraftContent {
	title: string;
	sections: SectionInput[];
}

async function lockPlan(tx: Transaction, planId: number): Promise<void> {
	await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId)).for('update');
}

async function lockedDraft(tx: Transaction, planId: number): Promise<PlanVersion | undefined> {
	const [draft] = await tx
		.select()
		.from(planVersions)
		.where(and(eq(planVersions.planId, planId), eq(planVersions.status, 'draft')))
		.for('update');
	return draft;
}

/** Starts the next draft as a copy of the current published version. */
export async function startDraft(planId: number, actorId: number): Promise<PlanVersion> {
	try {
		return await db.transaction(async (tx) => {
			await lockPlan(tx, planId);
			if (await lockedDraft(tx, planId)) throw new DraftExistsError();
			const [current] = await tx
				.select()
				.from(planVersions)
				.where(and(eq(planVersions.planId, planId), eq(planVersions.status, 'published')));
			const [{ next }] = await tx
				.select({ next: sql<number>`coalesce(max(${planVersions.number}), 0)::int + 1` })
				.from(planVersions)
				.where(eq(planVersions.planId, planId));
			const [draft] = await tx
				.insert(planVersions)
				.values({
					planId,
					number: next,
					title: current?.title ?? '',
					status: 'draft',
					createdBy: actorId
				})
				.returning();
			if (current) {
				await tx.execute(sql`
					insert into plan_sections (version_id, key, heading, body, position, parent_key)
					select ${draft.id}, key, heading, body, position, parent_key
					from plan_sections where version_id = ${current.id}`);
			}
			await audit.record({ actorId, action: 'version.draft', targetType: 'plan', targetId: planId, detail: { number: next } }, tx);
			return draft;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new DraftExistsError();
		throw error;
	}
}

/** The draft under the plan's lock; with `expectedId`, only if it is still the draft the editor opened. */
async function draftForWriting(tx: Transaction, planId: number, expectedId?: number): Promise<PlanVersion> {
	await lockPlan(tx, planId);
	const draft = await lockedDraft(tx, planId);
	if (expectedId !== undefined && draft?.id !== expectedId) throw new StaleDraftError();
	if (!draft) throw new NoDraftError();
	return draft;
}

async function writeDraft(tx: Transaction, draft: PlanVersion, content: DraftContent): Promise<void> {
	await tx.update(planVersions).set({ title: content.title }).where(eq(planVersions.id, draft.id));
	await tx.delete(planSections).where(eq(planSections.versionId, draft.id));
	if (content.sections.length > 0) {
		await tx.insert(planSections).values(
			content.sections.map((section, index) => ({
				versionId: draft.id,
				key: section.key,
				heading: section.heading,
				body: section.body,
				parentKey: section.parentKey || null,
				position: index + 1
			}))
		);
	}
}

/**
 * Replaces the draft's title and sections with what the editor holds. With `draftId`, refuses
 * (StaleDraftError) when that draft was published or discarded meanwhile, so a late save never
 * lands in someone else's next draft.
 */
export async function saveDraft(planId: number, content: DraftContent, actorId: number, options: { draftId?: number } = {}): Promise<void> {
	await db.transaction(async (tx) => {
		const draft = await draftForWriting(tx, planId, options.draftId);
		await writeDraft(tx, draft, content);
		await audit.record({ actorId, action: 'version.save', targetType: 'plan', targetId: planId, detail: { number: draft.number } }, tx);
	});
}

export interface PublishInput {
	changeSummary: string;
	commentsOpenAt: Date | null;
	commentsCloseAt: Date | null;
	/** The draft the editor was opened on; publishing refuses any other (StaleDraftError). */
	draftId?: number;
	/** The editor's content, saved in the same transaction as the publishing. */
	content?: DraftContent;
}

/**
 * Makes the draft the current version; the previous current version becomes superseded. The plan's
 * row lock queues concurrent publishers: the second finds no draft (NoDraftError, or StaleDraftError
 * with `draftId`) and changes nothing. The partial unique index plan_versions_one_current backs this
 * up should anything bypass the lock.
 */
export async function publish(planId: number, input: PublishInput, actorId: number): Promise<PlanVersion> {
	return db.transaction(async (tx) => {
		const draft = await draftForWriting(tx, planId, input.draftId);
		if (input.content) await writeDraft(tx, draft, input.content);
		const [{ count }] = await tx
			.select({ count: sql<number>`count(*)::int` })
			.from(planSections)
			.where(eq(planSections.versionId, draft.id));
		if (count === 0) throw new EmptyDraftError();
		await tx
			.update(planVersions)
			.set({ status: 'superseded' })
			.where(and(eq(planVersions.planId, planId), eq(planVersions.status, 'published')));
		const [published] = await tx
			.update(planVersions)
			.set({
				status: 'published',
				changeSummary: input.changeSummary,
				publishedAt: new Date(),
				publishedBy: actorId,
				commentsOpenAt: input.commentsOpenAt,
				commentsCloseAt: input.commentsCloseAt
			})
			.where(eq(planVersions.id, draft.id))
			.returning();
		await audit.record({ actorId, action: 'version.publish', targetType: 'plan', targetId: planId, detail: { number: draft.number } }, tx);
		return published;
	});
}

export async function discardDraft(planId: number, actorId: number, options: { draftId?: number } = {}): Promise<void> {
	await db.transaction(async (tx) => {
		const draft = await draftForWriting(tx, planId, options.draftId);
		await tx.delete(planVersions).where(eq(planVersions.id, draft.id));
		await audit.record({ actorId, action: 'version.discard', targetType: 'plan', targetId: planId, detail: { number: draft.number } }, tx);
	});
}

export async function setCommentPeriod(versionId: number, period: { opensAt: Date | null; closesAt: Date | null }, actorId: number): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.update(planVersions).set({ commentsOpenAt: period.opensAt, commentsCloseAt: period.closesAt }).where(eq(planVersions.id, versionId));
		await audit.record(
			{
				actorId,
				action: 'version.period',
				targetType: 'version',
				targetId: versionId,
				detail: { opensAt: period.opensAt?.toISOString(), closesAt: period.closesAt?.toISOString() }
			},
			tx
		);
	});
}

export type PeriodChange = { action: 'open'; days?: number } | { action: 'close' } | { action: 'set'; opensAt: Date | null; closesAt: Date | null };

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a period opened "now" runs when it had no later closing date. */
export const DEFAULT_PERIOD_DAYS = 30;

/**
 * Changes the comment period of the plan's current version: open it now (keeping a closing date
 * still ahead), close it now, or set both dates (null and null: no period).
 */
export async function changeCommentPeriod(planId: number, change: PeriodChange, actorId: number, now: Date = new Date()): Promise<PlanVersion> {
	return db.transaction(async (tx) => {
		await lockPlan(tx, planId);
		const [current] = await tx
			.select()
			.from(planVersions)
			.where(and(eq(planVersions.planId, planId), eq(planVersions.status, 'published')))
			.for('update');
		if (!current) throw new NoCurrentVersionError();
		let period: { commentsOpenAt: Date | null; commentsCloseAt: Date | null };
		if (change.action === 'open') {
			const closes = current.commentsCloseAt && current.commentsCloseAt > now ? current.commentsCloseAt : null;
			period = {
				commentsOpenAt: now,
				commentsCloseAt: closes ?? new Date(now.getTime() + (change.days ?? DEFAULT_PERIOD_DAYS) * DAY_MS)
			};
		} else if (change.action === 'close') {
			if (periodState(current, now) !== 'open') throw new PeriodNotOpenError();
			period = { commentsOpenAt: current.commentsOpenAt, commentsCloseAt: now };
		} else {
			period = { commentsOpenAt: change.opensAt, commentsCloseAt: change.closesAt };
		}
		const [updated] = await tx.update(planVersions).set(period).where(eq(planVersions.id, current.id)).returning();
		await audit.record(
			{
				actorId,
				action: 'version.period',
				targetType: 'version',
				targetId: current.id,
				detail: {
					number: current.number,
					change: change.action,
					opensAt: period.commentsOpenAt?.toISOString() ?? null,
					closesAt: period.commentsCloseAt?.toISOString() ?? null
				}
			},
			tx
		);
		return updated;
	});
}

export { periodState, type PeriodState } from '$lib/period';
