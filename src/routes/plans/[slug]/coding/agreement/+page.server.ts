import { requireCapability, requireUser } from '$lib/server/auth/guard';
import { notFound } from '$lib/server/pages/plan-view';
import * as plans from '$lib/server/plan-text/plans';
import { agreement } from '$lib/server/analysis/agreement';
import type { PageServerLoad } from './$types';

const researcherId = (raw: string | null) => {
	const id = Number(raw);
	return raw && Number.isInteger(id) && id > 0 ? id : undefined;
};

export const load: PageServerLoad = async ({ params, locals, url }) => {
	requireUser(locals, url);
	const user = requireCapability(locals, 'comments.tag');
	const plan = await plans.bySlug(params.slug);
	if (!plan) notFound();
	const a = researcherId(url.searchParams.get('a'));
	const b = researcherId(url.searchParams.get('b'));
	const report = await agreement(plan.id, { a, b }, user);
	const asked = a !== undefined && b !== undefined;
	const honoured = asked && report.pair?.a.id === a && report.pair?.b.id === b;
	return { plan: { slug: plan.slug, title: plan.title }, report, sameCoder: asked && a === b, fellBack: asked && !honoured };
};
