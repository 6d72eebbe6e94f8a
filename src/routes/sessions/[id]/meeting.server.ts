// What the pages of one consultation session share: the session a route names, with its plan.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as plans from '$lib/server/plan-text/plans';
import { byId } from '$lib/server/meetings/meetings';

/** The session named by a route parameter and its plan, or 404. */
export async function withPlanOr404(param: string) {
	const id = Number(param);
	const session = Number.isInteger(id) && id > 0 ? await byId(id) : undefined;
	const plan = session && (await plans.byId(session.planId));
	if (!session || !plan) error(404, { message: m.error_not_found(), code: 'not_found' });
	return { session, plan };
}
