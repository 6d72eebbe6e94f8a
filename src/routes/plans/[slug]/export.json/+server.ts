import { requireCapability } from '$lib/server/auth/guard';
import * as plans from '$lib/server/plan-text/plans';
import { notFound } from '$lib/server/pages/plan-view';
import { jsonStream } from '$lib/server/analysis/exports';
import { commentsDownload } from '../export-labels';
import { parseFilters } from '$lib/schemas/search';
import type { RequestHandler } from './$types';

/** The same comments as the CSV, as JSON with codes instead of labels (for programs). */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	requireCapability(locals, 'comments.export');
	const plan = await plans.bySlug(params.slug);
	if (!plan) notFound();
	return new Response(jsonStream(plan, parseFilters(url.searchParams)), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': commentsDownload(plan, 'json'),
			'cache-control': 'private, no-store'
		}
	});
};
