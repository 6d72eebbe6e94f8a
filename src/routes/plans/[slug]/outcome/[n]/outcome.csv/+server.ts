import { m } from '$lib/paraglide/messages';
import { dispositionLabel, groupLabel, kindLabel } from '$lib/labels';
import * as plans from '$lib/server/plan-text/plans';
import * as outcome from '$lib/server/outcome/report';
import { attachment, spreadsheetCsv } from '$lib/server/http/csv';
import { apiError } from '$lib/server/http/api';
import { parseVersionNumber } from '$lib/server/pages/plan-view';
import type { RequestHandler } from './$types';

/** The outcome report as a spreadsheet: one row per comment heard, with its answer. */
export const GET: RequestHandler = async ({ params }) => {
	const plan = await plans.bySlug(params.slug);
	const report = plan && (await outcome.report(plan.id, parseVersionNumber(params.n)));
	if (!plan || !report) return apiError(404, 'not_found', m.error_not_found());
	const rows = await outcome.csvTable(report, { disposition: dispositionLabel, group: groupLabel, kind: kindLabel }, [
		m.csv_comment_id(),
		m.csv_parent_id(),
		m.csv_section_number(),
		m.csv_section(),
		m.csv_session(),
		m.csv_author(),
		m.csv_organisation(),
		m.csv_group(),
		m.csv_kind(),
		m.csv_body(),
		m.csv_disposition(),
		m.csv_response(),
		m.csv_reflected_in()
	]);
	const name = `${plan.slug}-outcome-v${report.version.number}.csv`;
	return new Response(spreadsheetCsv(rows, { bom: true }), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': attachment(name, name),
			'cache-control': 'no-store'
		}
	});
};
