import { can } from '$lib/roles';
import * as plans from '$lib/server/plan-text/plans';
import { notFound } from '$lib/server/pages/plan-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const plan = await plans.bySlug(params.slug);
	if (!plan) notFound();
	const mayViewDrafts = can(locals.user, 'plans.viewDrafts');
	const [entries, draft] = await Promise.all([plans.history(plan.id), mayViewDrafts ? plans.draftOf(plan.id) : Promise.resolve(undefined)]);
	// A plan with nothing published exists only for those who may see drafts.
	if (entries.length === 0 && !mayViewDrafts) notFound();
	const published = Number.parseInt(url.searchParams.get('published') ?? '', 10);
	return {
		plan: { slug: plan.slug, title: plan.title, organisation: plan.organisation },
		entries,
		draft: draft ? { number: draft.number, title: draft.title } : null,
		canEdit: can(locals.user, 'plans.edit'),
		published: entries.some((entry) => entry.number === published) ? published : null,
		now: new Date()
	};
};
