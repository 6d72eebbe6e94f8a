import { resolveVersion } from '$lib/server/pages/plan-view';
import { themesReport } from '$lib/server/reports/themes-report';
import type { PageServerLoad } from './$types';

/** Public, like the dashboard: the syntheses are part of the consultation's published outcome. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const { plan } = await resolveVersion(params.slug, null, locals.user);
	const { totals, themes } = await themesReport(plan.id);
	return {
		plan: { slug: plan.slug, title: plan.title, organisation: plan.organisation },
		totals,
		themes: themes.map(({ synthesis, ...theme }) => ({ ...theme, synthesisHtml: synthesis?.html ?? null })),
		generatedAt: new Date()
	};
};
