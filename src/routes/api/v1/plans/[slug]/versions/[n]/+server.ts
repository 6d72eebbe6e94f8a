import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as plans from '$lib/server/plan-text/plans';
import { apiError, PUBLIC_CACHE } from '$lib/server/http/api';
import { sectionsJson, versionJson } from '../../version-json';
import type { RequestHandler } from './$types';

/** One published version with its sections; a draft is answered like a version that does not exist. */
export const GET: RequestHandler = async ({ params, url }) => {
	const number = /^\d{1,6}$/.test(params.n) ? Number(params.n) : NaN;
	const plan = await plans.bySlug(params.slug);
	const version = plan && Number.isInteger(number) ? await plans.versionByNumber(plan.id, number) : undefined;
	if (!plan || !version || version.status === 'draft') return apiError(404, 'not_found', m.error_not_found());
	return json(
		{
			slug: plan.slug,
			title: plan.title,
			url: new URL(`/plans/${plan.slug}/v/${version.number}`, url).href,
			version: versionJson(version, version.status === 'published' ? 'current' : 'superseded'),
			sections: await sectionsJson(version.id)
		},
		{ headers: PUBLIC_CACHE }
	);
};
