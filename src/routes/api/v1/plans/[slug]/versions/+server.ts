import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as plans from '$lib/server/plan-text/plans';
import { apiError, iso, PUBLIC_CACHE } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Published versions, newest first. Drafts never appear here, whoever asks. */
export const GET: RequestHandler = async ({ params, url }) => {
	const plan = await plans.bySlug(params.slug);
	const entries = plan ? await plans.history(plan.id) : [];
	if (!plan || entries.length === 0) return apiError(404, 'not_found', m.error_not_found());
	return json(
		{
			slug: plan.slug,
			title: plan.title,
			versions: entries.map((entry) => ({
				number: entry.number,
				title: entry.title,
				status: entry.status === 'published' ? 'current' : 'superseded',
				change_summary: entry.changeSummary,
				published_at: iso(entry.publishedAt),
				published_by: entry.publishedByName,
				comments_open_at: iso(entry.commentsOpenAt),
				comments_close_at: iso(entry.commentsCloseAt),
				section_count: entry.sectionCount,
				url: new URL(`/plans/${plan.slug}/v/${entry.number}`, url).href,
				api_url: new URL(`/api/v1/plans/${plan.slug}/versions/${entry.number}`, url).href
			}))
		},
		{ headers: PUBLIC_CACHE }
	);
};
