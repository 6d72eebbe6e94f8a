import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { newPlanSchema } from '$lib/schemas/plans';
import { parseForm } from '$lib/server/pages/forms';
import { requireEditor } from '../editor.server';
import * as plans from '$lib/server/plan-text/plans';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireEditor(locals, url);
	return {};
};

export const actions: Actions = {
	createPlan: async ({ locals, request, url }) => {
		const user = requireEditor(locals, url);
		const parsed = parseForm(newPlanSchema, await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		try {
			await plans.create(parsed.data, user.id);
		} catch (error) {
			if (error instanceof plans.SlugTakenError) {
				return fail(400, { values: parsed.values, errors: { slug: m.error_slug_taken() } });
			}
			throw error;
		}
		redirect(303, `/plans/${parsed.data.slug}/edit?started=1`);
	}
};
