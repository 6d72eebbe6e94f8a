import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as comments from '$lib/server/comments';
import * as plans from '$lib/server/plans';
import { apiError, PUBLIC_CACHE } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const id = Number(params.id);
	const found = Number.isInteger(id) && id > 0 ? await comments.byId(id, null) : null;
	const plan = found && (await plans.byId(found.planId));
	if (!found || !plan) return apiError(404, 'not_found', m.error_not_found());
	const [api] = await comments.forApi(found.planId, { afterId: id - 1, limit: 1 });
	return json({ ...api, plan: plan.slug, body_html: found.bodyHtml }, { headers: PUBLIC_CACHE });
};
