import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as plans from '$lib/server/plan-text/plans';
import { sectionEventStream } from '$lib/server/events/live';
import { viewerOf } from '$lib/server/pages/section-view';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const plan = await plans.bySlug(params.slug);
	const current = plan && (await plans.currentVersion(plan.id));
	if (!plan || !current) error(404, { message: m.error_not_found(), code: 'not_found' });
	return sectionEventStream(plan.id, params.key, viewerOf(locals.user));
};
