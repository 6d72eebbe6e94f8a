import { requireCapability } from '$lib/server/auth/guard';
import * as plans from '$lib/server/plans';
import { notFound } from '$lib/server/plan-view';
import { csvStream, downloadDisposition } from '$lib/server/exports';
import { parseFilters } from '$lib/schemas/search';
import type { RequestHandler } from './$types';

/** Every visible comment of the plan (narrowed by the filters in the query) as a spreadsheet. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	requireCapability(locals, 'comments.export');
	const plan = await plans.bySlug(params.slug);
	if (!plan) notFound();
	return new Response(csvStream(plan.id, parseFilters(url.searchParams)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': downloadDisposition(plan, 'csv'),
			'cache-control': 'private, no-store'
		}
	});
};
