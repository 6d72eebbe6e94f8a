import { can } from '$lib/roles';
import * as plans from '$lib/server/plan-text/plans';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	plans: await plans.list(can(locals.user, 'plans.viewDrafts')),
	canCreate: can(locals.user, 'plans.edit'),
	now: new Date()
});
