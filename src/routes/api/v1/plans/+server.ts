import { json } from '@sveltejs/kit';
import * as plans from '$lib/server/plan-text/plans';
import { iso, PUBLIC_CACHE } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const listed = await plans.list(false);
	return json(
		listed.map((plan) => ({
			slug: plan.slug,
			title: plan.title,
			summary: plan.summary,
			organisation: plan.organisation,
			url: new URL(`/plans/${plan.slug}`, url).href,
			current_version: {
				number: plan.currentNumber,
				title: plan.currentTitle,
				published_at: iso(plan.publishedAt),
				comments_open_at: iso(plan.commentsOpenAt),
				comments_close_at: iso(plan.commentsCloseAt),
				section_count: plan.sectionCount
			}
		})),
		{ headers: PUBLIC_CACHE }
	);
};
