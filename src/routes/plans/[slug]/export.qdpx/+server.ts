import { requireCapability } from '$lib/server/auth/guard';
import * as plans from '$lib/server/plan-text/plans';
import { notFound } from '$lib/server/pages/plan-view';
import { qdpxProject } from '$lib/server/analysis/qdpx';
import { commentsDownload, qdpxLabels } from '../export-labels';
import { parseFilters } from '$lib/schemas/search';
import type { RequestHandler } from './$types';

/** The same comments as the CSV, with every researcher's coding, as a REFI-QDA project for QDA tools. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	requireCapability(locals, 'comments.export');
	const plan = await plans.bySlug(params.slug);
	if (!plan) notFound();
	const project = await qdpxProject(plan, parseFilters(url.searchParams), qdpxLabels());
	return new Response(new Blob([project.slice()]), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': commentsDownload(plan, 'qdpx'),
			'cache-control': 'private, no-store'
		}
	});
};
