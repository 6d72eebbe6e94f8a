import * as plans from '$lib/server/plan-text/plans';
import { planFeed } from './plan-feed.server';
import { notFound } from '$lib/server/pages/plan-view';
import type { RequestHandler } from './$types';

/** Published versions only, for everyone: a feed reader is nobody's session. */
export const GET: RequestHandler = async ({ params, url }) => {
	const plan = await plans.bySlug(params.slug);
	if (!plan) notFound();
	const entries = await plans.history(plan.id);
	if (entries.length === 0) notFound();
	return new Response(planFeed(plan, entries, url.origin), {
		headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' }
	});
};
