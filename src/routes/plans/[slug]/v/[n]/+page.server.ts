import { loadPlanPage, parseVersionNumber } from '$lib/server/plan-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) =>
	loadPlanPage(params.slug, parseVersionNumber(params.n), locals.user);
