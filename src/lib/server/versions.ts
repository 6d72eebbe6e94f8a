// Drafts and publishing. The database keeps the invariants (one current version, one draft per
// plan); these functions take the plan's row lock so concurrent officials queue instead of racing.
import { and, eq, sql } from 'drizzle-orm';
import { db, isUniqueViolation, type Transaction } from '$lib/server/db';
import { plans, planSections, planVersions } from '$lib/server/db/schema';
import * as audit from '$lib/server/audit';
import type { PlanVersion, SectionInput } from '$lib/server/plans';

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
			await audit.record(
				{ actorId, action: 'version.draft', targetType: 'plan', targetId: planId, detail: { number: next } },
				tx
			);
			return draft;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new DraftExistsError();
		throw error;
	}
}

/** Replaces the draft's title and sections with what the editor holds. */
export async function saveDraft(
	planId: number,
	content: { title: string; sections: SectionInput[] },
	actorId: number
): Promise<void> {
	await db.transaction(async (tx) => {
		await lockPlan(tx, planId);
		const draft = await lockedDraft(tx, planId);
		if (!draft) throw new NoDraftError();
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
		await audit.record(
			{ actorId, action: 'version.save', targetType: 'plan', targetId: planId, detail: { number: draft.number } },
			tx
		);
	});
}

export interface PublishInput {
	changeSummary: string;
	commentsOpenAt: Date | null;
	commentsCloseAt: Date | null;
}

/** Makes the draft the current version; the previous current version becomes superseded. */
export async function publish(planId: number, input: PublishInput, actorId: number): Promise<PlanVersion> {
	return db.transaction(async (tx) => {
		await lockPlan(tx, planId);
		const draft = await lockedDraft(tx, planId);
		if (!draft) throw new NoDraftError();
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
		await audit.record(
			{ actorId, action: 'version.publish', targetType: 'plan', targetId: planId, detail: { number: draft.number } },
			tx
		);
		return published;
	});
}

export async function discardDraft(planId: number, actorId: number): Promise<void> {
	await db.transaction(async (tx) => {
		await lockPlan(tx, planId);
		const draft = await lockedDraft(tx, planId);
		if (!draft) throw new NoDraftError();
		await tx.delete(planVersions).where(eq(planVersions.id, draft.id));
		await audit.record(
			{ actorId, action: 'version.discard', targetType: 'plan', targetId: planId, detail: { number: draft.number } },
			tx
		);
	});
}

export async function setCommentPeriod(
	versionId: number,
	period: { opensAt: Date | null; closesAt: Date | null },
	actorId: number
): Promise<void> {
	await db.transaction(async (tx) => {
		await tx
			.update(planVersions)
			.set({ commentsOpenAt: period.opensAt, commentsCloseAt: period.closesAt })
			.where(eq(planVersions.id, versionId));
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

export { periodState, type PeriodState } from '$lib/period';
