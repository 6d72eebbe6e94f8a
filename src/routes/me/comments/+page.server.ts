import { redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as comments from '$lib/server/commentary/views';
import * as plans from '$lib/server/plan-text/plans';
import * as responses from '$lib/server/outcome/responses';
import { viewerOf } from '$lib/server/pages/section-view';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const mine = await responses.commentsOf(user.id);
	const views = await comments.listByIds(
		mine.map((c) => c.id),
		viewerOf(user)
	);
	const planSlugs = new Map<number, string>();
	for (const planId of new Set(mine.map((c) => c.planId))) planSlugs.set(planId, (await plans.byId(planId))?.slug ?? '');
	const notices = await responses.noticesFor(user.id);
	return {
		comments: mine.map((c) => ({
			...c,
			planSlug: planSlugs.get(c.planId) ?? '',
			view: views.find((v) => v.id === c.id) ?? null
		})),
		notices,
		unread: notices.filter((n) => n.readAt === null).length
	};
};

export const actions: Actions = {
	markNoticesRead: async ({ locals, url }) => {
		const user = requireUser(locals, url);
		await responses.markNoticesRead(user.id);
		redirect(303, '/me/comments');
	}
};
