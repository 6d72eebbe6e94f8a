import { resolveVersion } from '$lib/server/pages/plan-view';
import { dashboard } from '$lib/server/analysis/theme-stats';
import { quotesOf, synthesesOf } from '$lib/server/analysis/syntheses';
import type { PageServerLoad } from './$types';

/** Public, like the dashboard: the syntheses are part of the consultation's published outcome. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const { plan } = await resolveVersion(params.slug, null, locals.user);
	const [stats, syntheses, quotes] = await Promise.all([dashboard(plan.id), synthesesOf(plan.id), quotesOf(plan.id)]);
	return {
		plan: { slug: plan.slug, title: plan.title, organisation: plan.organisation },
		totals: stats.totals,
		themes: stats.themes.map((theme) => {
			const synthesis = syntheses.get(theme.id);
			return {
				slug: theme.slug,
				labelKo: theme.labelKo,
				labelEn: theme.labelEn,
				color: theme.color,
				description: theme.description,
				count: theme.count,
				synthesisHtml: synthesis?.body.trim() ? synthesis.html : null,
				updatedAt: synthesis?.updatedAt ?? null,
				updatedBy: synthesis?.updatedBy ?? null,
				quotes: quotes.filter((q) => q.themeId === theme.id)
			};
		}),
		generatedAt: new Date()
	};
};
