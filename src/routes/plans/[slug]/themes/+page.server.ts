import { can } from '$lib/roles';
import { resolveVersion } from '$lib/server/pages/plan-view';
import { dashboard } from '$lib/server/analysis/theme-stats';
import type { PageServerLoad } from './$types';

/** Public: how the commentary falls into themes is part of the consultation's openness. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const { plan } = await resolveVersion(params.slug, null, locals.user);
	return {
		plan: { slug: plan.slug, title: plan.title },
		stats: await dashboard(plan.id),
		canEdit: can(locals.user, 'syntheses.edit'),
		canExport: can(locals.user, 'comments.export')
	};
};
