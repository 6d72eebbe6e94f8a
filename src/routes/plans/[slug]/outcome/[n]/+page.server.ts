import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import * as plans from '$lib/server/plan-text/plans';
import * as outcome from '$lib/server/outcome/report';
import { notFound, parseVersionNumber } from '$lib/server/pages/plan-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const plan = await plans.bySlug(params.slug);
	if (!plan) notFound();
	const report = await outcome.report(plan.id, parseVersionNumber(params.n));
	if (!report) error(404, { message: m.error_not_found(), code: 'not_found' });
	return { plan: { slug: plan.slug, title: plan.title, organisation: plan.organisation }, report };
};
