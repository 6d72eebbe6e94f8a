import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { connection, db, isUniqueViolation, type Connection } from '$lib/server/db';
import { plans, planSections, planVersions, users } from '$lib/server/db/schema';
import * as audit from '$lib/server/accounts/audit';

export type Plan = typeof plans.$inferSelect;
export type PlanVersion = typeof planVersions.$inferSelect;
export type PlanSection = typeof planSections.$inferSelect;
export type SectionInput = Pick<PlanSection, 'key' | 'heading' | 'body' | 'parentKey'>;

export class SlugTakenError extends Error {
	constructor() {
		super('slug_taken');
	}
}

export async function byId(id: number): Promise<Plan | undefined> {
	const [plan] = await db.select().from(plans).where(eq(plans.id, id));
	return plan;
}

/**
 * Plans are never edited or deleted once created (nothing here does either), so every instance may
 * keep the ones it has looked up, per database.
 */
const bySlugCache = new WeakMap<Connection, Map<string, Plan>>();
const BY_SLUG_CACHE_LIMIT = 1000;

export async function bySlug(slug: string): Promise<Plan | undefined> {
	const open = connection();
	let known = bySlugCache.get(open);
	if (!known) bySlugCache.set(open, (known = new Map()));
	const cached = known.get(slug);
	if (cached) return cached;
	const [plan] = await db.select().from(plans).where(eq(plans.slug, slug));
	if (plan) {
		if (known.size >= BY_SLUG_CACHE_LIMIT) known.clear();
		known.set(slug, plan);
	}
	return plan;
}

export interface PlanListing {
	id: number;
	slug: string;
	title: string;
	summary: string;
	organisation: string;
	currentNumber: number | null;
	currentTitle: string | null;
	publishedAt: Date | null;
	commentsOpenAt: Date | null;
	commentsCloseAt: Date | null;
	sectionCount: number;
	hasDraft: boolean;
}

/** Plans for the home page; plans with nothing published yet only for those who may see drafts. */
export async function list(includeUnpublished: boolean): Promise<PlanListing[]> {
	const current = db.select().from(planVersions).where(eq(planVersions.status, 'published')).as('current');
	const result = await db
		.select({
			id: plans.id,
			slug: plans.slug,
			title: plans.title,
			summary: plans.summary,
			organisation: plans.organisation,
			currentNumber: current.number,
			currentTitle: current.title,
			publishedAt: current.publishedAt,
			commentsOpenAt: current.commentsOpenAt,
			commentsCloseAt: current.commentsCloseAt,
			sectionCount: sql<number>`(select count(*)::int from ${planSections} where ${planSections.versionId} = ${current.id})`,
			hasDraft: sql<boolean>`exists (select 1 from ${planVersions} d where d.plan_id = ${plans.id} and d.status = 'draft')`
		})
		.from(plans)
		.leftJoin(current, eq(current.planId, plans.id))
		.orderBy(desc(current.publishedAt), asc(plans.title));
	return result.filter((plan) => includeUnpublished || plan.currentNumber !== null);
}

/** The plan's version that meets `condition` (one at most does, for the conditions used here). */
async function versionWhere(planId: number, condition: SQL): Promise<PlanVersion | undefined> {
	const [version] = await db
		.select()
		.from(planVersions)
		.where(and(eq(planVersions.planId, planId), condition));
	return version;
}

export function currentVersion(planId: number): Promise<PlanVersion | undefined> {
	return versionWhere(planId, eq(planVersions.status, 'published'));
}

export function draftOf(planId: number): Promise<PlanVersion | undefined> {
	return versionWhere(planId, eq(planVersions.status, 'draft'));
}

export function versionByNumber(planId: number, number: number): Promise<PlanVersion | undefined> {
	return versionWhere(planId, eq(planVersions.number, number));
}

/** Published and superseded versions, newest first (drafts excluded). */
export async function publishedVersions(planId: number): Promise<PlanVersion[]> {
	return db
		.select()
		.from(planVersions)
		.where(and(eq(planVersions.planId, planId), inArray(planVersions.status, ['published', 'superseded'])))
		.orderBy(desc(planVersions.number));
}

export interface HistoryEntry {
	number: number;
	title: string;
	status: PlanVersion['status'];
	changeSummary: string;
	publishedAt: Date | null;
	publishedByName: string | null;
	commentsOpenAt: Date | null;
	commentsCloseAt: Date | null;
	sectionCount: number;
}

/** Published and superseded versions with who published them, newest first (drafts excluded). */
export async function history(planId: number): Promise<HistoryEntry[]> {
	return db
		.select({
			number: planVersions.number,
			title: planVersions.title,
			status: planVersions.status,
			changeSummary: planVersions.changeSummary,
			publishedAt: planVersions.publishedAt,
			publishedByName: users.displayName,
			commentsOpenAt: planVersions.commentsOpenAt,
			commentsCloseAt: planVersions.commentsCloseAt,
			sectionCount: sql<number>`(select count(*)::int from ${planSections} where ${planSections.versionId} = ${planVersions.id})`
		})
		.from(planVersions)
		.leftJoin(users, eq(users.id, planVersions.publishedBy))
		.where(and(eq(planVersions.planId, planId), inArray(planVersions.status, ['published', 'superseded'])))
		.orderBy(desc(planVersions.number));
}

export async function sectionsOf(versionId: number): Promise<PlanSection[]> {
	return db.select().from(planSections).where(eq(planSections.versionId, versionId)).orderBy(asc(planSections.position));
}

export async function sectionOf(versionId: number, key: string): Promise<PlanSection | undefined> {
	const [section] = await db
		.select()
		.from(planSections)
		.where(and(eq(planSections.versionId, versionId), eq(planSections.key, key)));
	return section;
}

export interface NewPlan {
	slug: string;
	title: string;
	summary: string;
	organisation: string;
}

/** Creates the plan with an empty first draft. */
export async function create(input: NewPlan, actorId: number | null): Promise<Plan> {
	try {
		return await db.transaction(async (tx) => {
			const [plan] = await tx
				.insert(plans)
				.values({ ...input, createdBy: actorId })
				.returning();
			await tx.insert(planVersions).values({
				planId: plan.id,
				number: 1,
				title: input.title,
				status: 'draft',
				createdBy: actorId
			});
			await audit.record({ actorId, action: 'plan.create', targetType: 'plan', targetId: plan.id, detail: { slug: plan.slug } }, tx);
			return plan;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new SlugTakenError();
		throw error;
	}
}
