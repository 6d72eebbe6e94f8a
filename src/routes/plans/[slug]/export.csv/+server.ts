import { requireCapability } from '$lib/server/auth/guard';
import * as plans from '$lib/server/plan-text/plans';
import { notFound } from '$lib/server/pages/plan-view';
import { codersOf, csvStream } from '$lib/server/analysis/exports';
import { commentsDownload, csvLayout } from '../export-labels';
import { parseFilters } from '$lib/schemas/search';
import type { RequestHandler } from './$types';

/** Every visible comment of the plan (narrowed by the filters in the query) as a spreadsheet. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	requireCapability(locals, 'comments.export');
	const plan = await plans.bySlug(params.slug);
	if (!plan) notFound();
	return new Response(csvStream(plan.id, parseFilters(url.searchParams), csvLayout(await codersOf(plan.id))), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': commentsDownload(plan, 'csv'),
			'cache-control': 'private, no-store'
		}
	});
};
