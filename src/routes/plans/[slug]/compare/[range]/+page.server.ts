import { can } from '$lib/roles';
import { compareSections } from '$lib/server/plan-text/version-compare';
import * as plans from '$lib/server/plan-text/plans';
import { notFound } from '$lib/server/pages/plan-view';
import { numberSections } from '$lib/server/plan-text/section-numbers';
import type { PageServerLoad } from './$types';

const RANGE = /^(\d{1,6})\.\.\.(\d{1,6})$/;

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const range = RANGE.exec(params.range);
	if (!range) notFound();
	const plan = await plans.bySlug(params.slug);
	if (!plan) notFound();
	const mayViewDrafts = can(locals.user, 'plans.viewDrafts');
	const [before, after] = await Promise.all([plans.versionByNumber(plan.id, Number(range[1])), plans.versionByNumber(plan.id, Number(range[2]))]);
	// A draft on either side is, for everyone else, a version that does not exist.
	for (const version of [before, after]) {
		if (!version || (version.status === 'draft' && !mayViewDrafts)) notFound();
	}
	const [oldSections, newSections, published, draft] = await Promise.all([
		plans.sectionsOf(before!.id),
		plans.sectionsOf(after!.id),
		plans.publishedVersions(plan.id),
		mayViewDrafts ? plans.draftOf(plan.id) : Promise.resolve(undefined)
	]);
	const describe = (version: plans.PlanVersion) => ({
		number: version.number,
		title: version.title,
		status: version.status,
		publishedAt: version.publishedAt
	});
	return {
		plan: { slug: plan.slug, title: plan.title },
		before: describe(before!),
		after: describe(after!),
		comparison: compareSections(numberSections(oldSections), numberSections(newSections)),
		versions: [...(draft ? [draft] : []), ...published].map(describe),
		view: url.searchParams.get('view') === 'side' ? ('side' as const) : ('inline' as const)
	};
};
