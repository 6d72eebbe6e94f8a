import { resolveVersion } from '$lib/server/pages/plan-view';
import { m } from '$lib/paraglide/messages';
import { themesReport } from '$lib/server/reports/themes-report';
import { themesDocx } from '$lib/server/reports/themes-docx';
import { docxResponse } from '$lib/server/reports/download';
import { quoteByline } from '../../quote-byline';
import type { RequestHandler } from './$types';

/** The printable themes report as a Word document, read as the page reads it (public, 404 where the page is). */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const { plan } = await resolveVersion(params.slug, null, locals.user);
	const { totals, themes } = await themesReport(plan.id);
	const bytes = await themesDocx({
		plan,
		totals,
		themes: themes.map(({ synthesis, quotes, ...theme }) => ({
			...theme,
			synthesis: synthesis?.body ?? null,
			quotes: quotes.map((q) => ({ commentId: q.commentId, excerpt: q.excerpt, byline: quoteByline(q) }))
		})),
		generatedAt: new Date(),
		origin: url.origin
	});
	return docxResponse(bytes, m.report_docx_themes_filename({ title: plan.title }), `${plan.slug}-theme-report`);
};
