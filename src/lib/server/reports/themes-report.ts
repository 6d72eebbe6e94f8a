// What the themes report shows, read once for the printable page and the Word document alike.
import { dashboard } from '$lib/server/analysis/theme-stats';
import { quotesOf, synthesesOf } from '$lib/server/analysis/syntheses';

/** Each theme with its count, its synthesis (null until one is written) and the quotes pinned to it. */
export async function themesReport(planId: number) {
	const [stats, syntheses, quotes] = await Promise.all([dashboard(planId), synthesesOf(planId), quotesOf(planId)]);
	return {
		totals: stats.totals,
		themes: stats.themes.map((theme) => {
			const found = syntheses.get(theme.id);
			const synthesis = found?.body.trim() ? found : null;
			return {
				slug: theme.slug,
				labelKo: theme.labelKo,
				labelEn: theme.labelEn,
				color: theme.color,
				description: theme.description,
				count: theme.count,
				synthesis: synthesis && { body: synthesis.body, html: synthesis.html },
				updatedAt: found?.updatedAt ?? null,
				updatedBy: found?.updatedBy ?? null,
				quotes: quotes.filter((q) => q.themeId === theme.id)
			};
		})
	};
}
