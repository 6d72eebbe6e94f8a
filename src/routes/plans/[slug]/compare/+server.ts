import { redirect } from '@sveltejs/kit';
import { can } from '$lib/roles';
import * as plans from '$lib/server/plan-text/plans';
import { notFound } from '$lib/server/pages/plan-view';
import type { RequestHandler } from './$types';

/** The version picker's plain GET form lands here and goes on to /compare/{a}...{b}. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const plan = await plans.bySlug(params.slug);
	if (!plan) notFound();
	const published = await plans.publishedVersions(plan.id);
	const draft = can(locals.user, 'plans.viewDrafts') ? await plans.draftOf(plan.id) : undefined;
	const numbers = new Set([...published, ...(draft ? [draft] : [])].map((v) => v.number));
	const pick = (name: string, fallback: number | undefined) => {
		const value = Number.parseInt(url.searchParams.get(name) ?? '', 10);
		return numbers.has(value) ? value : fallback;
	};
	const b = pick('b', published[0]?.number);
	const a = pick('a', published.find((v) => b !== undefined && v.number < b)?.number ?? b);
	if (a === undefined || b === undefined) notFound();
	const view = url.searchParams.get('view') === 'side' ? '?view=side' : '';
	redirect(303, `/plans/${plan.slug}/compare/${a}...${b}${view}`);
};
