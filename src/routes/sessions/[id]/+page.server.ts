import { can } from '$lib/roles';
import * as plans from '$lib/server/plan-text/plans';
import * as sessions from '$lib/server/meetings/meetings';
import { withPlanOr404 } from './meeting.server';
import * as comments from '$lib/server/commentary/views';
import { numberSections } from '$lib/server/plan-text/section-numbers';
import { viewerOf } from '$lib/server/pages/section-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const { session, plan } = await withPlanOr404(params.id);
	const statements = await comments.listByIds(await sessions.statementIds(session.id), viewerOf(locals.user));
	const current = await plans.currentVersion(plan.id);
	const headings = current ? numberSections(await plans.sectionsOf(current.id)) : [];
	return {
		session,
		plan: { slug: plan.slug, title: plan.title },
		statements,
		sections: headings.map((s) => ({ key: s.key, heading: s.heading, number: s.number })),
		currentVersion: current?.number ?? 0,
		canManage: can(locals.user, 'sessions.manage')
	};
};
