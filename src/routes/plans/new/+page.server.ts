import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { newPlanSchema } from '$lib/schemas/plans';
import { formAction } from '$lib/server/pages/forms';
import { requireEditor } from '../editor.server';
import * as plans from '$lib/server/plan-text/plans';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireEditor(locals, url);
	return {};
};

export const actions = {
	createPlan: formAction(newPlanSchema, { user: ({ locals, url }) => requireEditor(locals, url) }, async ({ data, user, refuse }) => {
		try {
			await plans.create(data, user.id);
		} catch (error) {
			if (error instanceof plans.SlugTakenError) return refuse(400, { slug: m.error_slug_taken() });
			throw error;
		}
		redirect(303, `/plans/${data.slug}/edit?started=1`);
	})
} satisfies Actions;
