import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as plans from '$lib/server/plans';
import { apiError, iso, PUBLIC_CACHE } from '$lib/server/api';
import { numberSections } from '$lib/server/plan-view';
import { renderPlan } from '$lib/server/markdown';
import type { RequestHandler } from './$types';

/** One published version with its sections; a draft is answered like a version that does not exist. */
export const GET: RequestHandler = async ({ params, url }) => {
	const number = /^\d{1,6}$/.test(params.n) ? Number(params.n) : NaN;
	const plan = await plans.bySlug(params.slug);
	const version = plan && Number.isInteger(number) ? await plans.versionByNumber(plan.id, number) : undefined;
	if (!plan || !version || version.status === 'draft') return apiError(404, 'not_found', m.error_not_found());
	const sections = numberSections(await plans.sectionsOf(version.id));
	return json(
		{
			slug: plan.slug,
			title: plan.title,
			url: new URL(`/plans/${plan.slug}/v/${version.number}`, url).href,
			version: {
				number: version.number,
				title: version.title,
				status: version.status === 'published' ? 'current' : 'superseded',
				change_summary: version.changeSummary,
				published_at: iso(version.publishedAt),
				comments_open_at: iso(version.commentsOpenAt),
				comments_close_at: iso(version.commentsCloseAt)
			},
			sections: sections.map((section) => ({
				key: section.key,
				number: section.number,
				heading: section.heading,
				parent_key: section.parentKey,
				markdown: section.body,
				html: renderPlan(section.body)
			}))
		},
		{ headers: PUBLIC_CACHE }
	);
};
