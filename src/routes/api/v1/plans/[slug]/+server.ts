import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as plans from '$lib/server/plan-text/plans';
import { apiError, PUBLIC_CACHE } from '$lib/server/http/api';
import { sectionsJson, versionJson } from './version-json';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const plan = await plans.bySlug(params.slug);
	const version = plan && (await plans.currentVersion(plan.id));
	if (!plan || !version) return apiError(404, 'not_found', m.error_not_found());
	return json(
		{
			slug: plan.slug,
			title: plan.title,
			summary: plan.summary,
			organisation: plan.organisation,
			url: new URL(`/plans/${plan.slug}`, url).href,
			version: versionJson(version),
			sections: await sectionsJson(version.id)
		},
		{ headers: PUBLIC_CACHE }
	);
};
