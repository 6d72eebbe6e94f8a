import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as comments from '$lib/server/commentary/views';
import * as commentsApi from '$lib/server/commentary/api-shape';
import * as plans from '$lib/server/plan-text/plans';
import { apiError, PUBLIC_CACHE } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const id = Number(params.id);
	const found = Number.isInteger(id) && id > 0 ? await comments.byId(id, null) : null;
	const plan = found && (await plans.byId(found.planId));
	if (!found || !plan) return apiError(404, 'not_found', m.error_not_found());
	const [api] = await commentsApi.forApi(found.planId, { afterId: id - 1, limit: 1 });
	return json({ ...api, plan: plan.slug, body_html: found.bodyHtml }, { headers: PUBLIC_CACHE });
};
