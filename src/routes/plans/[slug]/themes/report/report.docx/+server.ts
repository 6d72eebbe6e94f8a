import { resolveVersion } from '$lib/server/pages/plan-view';
import { dashboard } from '$lib/server/analysis/theme-stats';
import { quotesOf, synthesesOf } from '$lib/server/analysis/syntheses';
import { m } from '$lib/paraglide/messages';
import { themesDocx } from '$lib/server/reports/themes-docx';
import { docxResponse } from '$lib/server/reports/download';
import { quoteByline } from '../../quote-byline';
import type { RequestHandler } from './$types';

/** The printable themes report as a Word document, read as the page reads it (public, 404 where the page is). */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const { plan } = await resolveVersion(params.slug, null, locals.user);
	const [stats, syntheses, quotes] = await Promise.all([dashboard(plan.id), synthesesOf(plan.id), quotesOf(plan.id)]);
	const bytes = await themesDocx({
		plan,
		totals: stats.totals,
		themes: stats.themes.map((theme) => {
			const synthesis = syntheses.get(theme.id);
			return {
				slug: theme.slug,
				labelKo: theme.labelKo,
				labelEn: theme.labelEn,
				description: theme.description,
				count: theme.count,
				synthesis: synthesis?.body.trim() ? synthesis.body : null,
				updatedAt: synthesis?.updatedAt ?? null,
				updatedBy: synthesis?.updatedBy ?? null,
				quotes: quotes.filter((q) => q.themeId === theme.id).map((q) => ({ commentId: q.commentId, excerpt: q.excerpt, byline: quoteByline(q) }))
			};
		}),
		generatedAt: new Date(),
		origin: url.origin
	});
	return docxResponse(bytes, m.report_docx_themes_filename({ title: plan.title }), `${plan.slug}-theme-report`);
};
