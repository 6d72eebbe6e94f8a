// What a reader sees of one version of a plan: the sections rendered, numbered and counted.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { can } from '$lib/roles';
import type { SessionUser } from '$lib/server/auth/session';
import * as plans from '$lib/server/plan-text/plans';
import * as frozenText from '$lib/server/cache/frozen-text';
import { renderPlan } from '$lib/server/plan-text/markdown';
import { numberSections } from '$lib/server/plan-text/section-numbers';
import * as comments from '$lib/server/commentary/threads';

export interface NumberedSection {
	key: string;
	heading: string;
	number: string;
	depth: number;
	parentKey: string | null;
	html: string;
}

export function notFound(): never {
	error(404, { message: m.error_not_found(), code: 'not_found' });
}

/**
 * The plan and the version a reader asked for (the current one when `number` is null).
 * Drafts exist only for those who may see them: everyone else gets 404, as if there were none.
 */
export async function resolveVersion(slug: string, number: number | null, user: SessionUser | null) {
	const plan = await plans.bySlug(slug);
	if (!plan) notFound();
	const mayViewDrafts = can(user, 'plans.viewDrafts');
	let version: plans.PlanVersion | undefined;
	if (number === null) {
		version = (await plans.currentVersion(plan.id)) ?? (mayViewDrafts ? await plans.draftOf(plan.id) : undefined);
	} else {
		version = await plans.versionByNumber(plan.id, number);
		if (version?.status === 'draft' && !mayViewDrafts) version = undefined;
	}
	if (!version) notFound();
	return { plan, version, mayViewDrafts };
}

export async function renderedSections(version: plans.PlanVersion): Promise<NumberedSection[]> {
	const sections = await frozenText.sectionsOf(version);
	return numberSections(sections).map((section) => ({
		key: section.key,
		heading: section.heading,
		number: section.number,
		depth: section.depth,
		parentKey: section.parentKey,
		html: renderPlan(section.body)
	}));
}

export function parseVersionNumber(raw: string): number {
	const number = Number(raw);
	if (!Number.isInteger(number) || number < 1 || number > 100_000) notFound();
	return number;
}

/** Shared by /plans/{slug} (current version) and /plans/{slug}/v/{n}. */
export async function loadPlanPage(slug: string, number: number | null, user: SessionUser | null) {
	const { plan, version, mayViewDrafts } = await resolveVersion(slug, number, user);
	const [sections, versions, draft, commentCounts] = await Promise.all([
		renderedSections(version),
		plans.publishedVersions(plan.id),
		mayViewDrafts ? plans.draftOf(plan.id) : Promise.resolve(undefined),
		version.status === 'draft' ? Promise.resolve({}) : comments.countsBySection(plan.id, version.number)
	]);
	return {
		plan: { slug: plan.slug, title: plan.title, summary: plan.summary, organisation: plan.organisation },
		version: {
			number: version.number,
			title: version.title,
			status: version.status,
			changeSummary: version.changeSummary,
			publishedAt: version.publishedAt,
			commentsOpenAt: version.commentsOpenAt,
			commentsCloseAt: version.commentsCloseAt
		},
		versions: versions.map((v) => ({ number: v.number, title: v.title, status: v.status, publishedAt: v.publishedAt })),
		sections,
		draftNumber: draft?.number ?? null,
		commentCounts: commentCounts as Record<string, number>,
		canEdit: can(user, 'plans.edit'),
		now: new Date()
	};
}

export type PlanPageData = Awaited<ReturnType<typeof loadPlanPage>>;
