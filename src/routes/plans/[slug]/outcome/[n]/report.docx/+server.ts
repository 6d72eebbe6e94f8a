import { m } from '$lib/paraglide/messages';
import * as plans from '$lib/server/plan-text/plans';
import * as outcome from '$lib/server/outcome/report';
import { apiError } from '$lib/server/http/api';
import { parseVersionNumber } from '$lib/server/pages/plan-view';
import { outcomeDocx } from '$lib/server/reports/outcome-docx';
import { commentBodies, synthesisBodies } from '$lib/server/reports/sources';
import { docxResponse } from '$lib/server/reports/download';
import type { RequestHandler } from './$types';

/** The outcome report as a Word document; public like the page and its CSV, and like them 404 for a draft. */
export const GET: RequestHandler = async ({ params }) => {
	const plan = await plans.bySlug(params.slug);
	const report = plan && (await outcome.report(plan.id, parseVersionNumber(params.n)));
	if (!plan || !report) return apiError(404, 'not_found', m.error_not_found());
	const [bodies, syntheses] = await Promise.all([
		commentBodies(report.sections.flatMap((section) => section.comments.map((comment) => comment.id))),
		synthesisBodies(plan.id)
	]);
	const bytes = await outcomeDocx({ plan, report, bodies, syntheses });
	const number = report.version.number;
	return docxResponse(bytes, m.report_docx_outcome_filename({ title: plan.title, number }), `${plan.slug}-outcome-v${number}`);
};
