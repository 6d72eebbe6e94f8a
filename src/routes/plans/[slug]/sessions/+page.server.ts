import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { can } from '$lib/roles';
import * as plans from '$lib/server/plan-text/plans';
import * as sessions from '$lib/server/meetings/meetings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const plan = await plans.bySlug(params.slug);
	if (!plan || !(await plans.currentVersion(plan.id))) error(404, { message: m.error_not_found(), code: 'not_found' });
	return {
		plan: { slug: plan.slug, title: plan.title },
		sessions: await sessions.listForPlan(plan.id),
		canManage: can(locals.user, 'sessions.manage')
	};
};
