import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { sessionSchema } from '$lib/schemas/sessions';
import { requireCapability, requireUser } from '$lib/server/auth/guard';
import { formAction } from '$lib/server/pages/forms';
import * as plans from '$lib/server/plan-text/plans';
import * as sessions from '$lib/server/meetings/meetings';
import type { Actions, PageServerLoad } from './$types';

async function planOf(slug: string) {
	const plan = await plans.bySlug(slug);
	if (!plan) error(404, { message: m.error_not_found(), code: 'not_found' });
	return plan;
}

export const load: PageServerLoad = async ({ params, locals, url }) => {
	requireUser(locals, url);
	requireCapability(locals, 'sessions.manage');
	const plan = await planOf(params.slug);
	const versions = await plans.publishedVersions(plan.id);
	return { plan: { slug: plan.slug, title: plan.title }, versions: versions.map((v) => ({ number: v.number, title: v.title })) };
};

export const actions = {
	createSession: formAction(
		sessionSchema,
		{ user: ({ locals }) => requireCapability(locals, 'sessions.manage') },
		async ({ data, user, event, refuse }) => {
			const plan = await planOf(event.params.slug);
			let id: number;
			try {
				id = await sessions.create(plan.id, data, user.id);
			} catch (err) {
				if (err instanceof sessions.SessionError) return refuse(400, { versionNumber: m.error_choice() });
				throw err;
			}
			redirect(303, `/sessions/${id}/import`);
		}
	)
} satisfies Actions;
