import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { sectionsFromValues } from '$lib/outline';
import { draftSchema, newPlanSchema } from '$lib/schemas/plans';
import { formAction, formValues, parseForm, type FormFailure } from '$lib/server/pages/forms';
import type { ImportReport } from '$lib/schemas/documents';
import { draftContent, importedValues, previewsOf, requireEditor } from '../editor.server';
import * as plans from '$lib/server/plan-text/plans';
import * as versions from '$lib/server/plan-text/versions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireEditor(locals, url);
	return {};
};

/** The form as the page draws it again: what was typed, the imported sections and their previews. */
type NewPlanForm = FormFailure & { previews: string[]; imported?: ImportReport };
const withPreviews = (failure: FormFailure): NewPlanForm => ({ ...failure, previews: previewsOf(sectionsFromValues(failure.values)) });

export const actions = {
	/** The document's sections as a preview under the form; nothing is saved until the plan is created. */
	importDocument: async ({ locals, request, url }) => {
		requireEditor(locals, url);
		const formData = await request.formData();
		const values = formValues(formData);
		const imported = await importedValues(formData, values);
		if (!imported.ok) return fail(400, withPreviews({ values, errors: { file: imported.message } }));
		return { ...withPreviews({ values: imported.values, errors: {} }), imported: imported.report } satisfies NewPlanForm;
	},

	createPlan: formAction(
		newPlanSchema,
		{ user: ({ locals, url }) => requireEditor(locals, url), failure: withPreviews },
		async ({ data, user, refuse, formData, values }) => {
			// Imported sections become the first draft, checked as the editor checks a save.
			const imported = sectionsFromValues(values).length ? parseForm(draftSchema, formData) : null;
			if (imported && !imported.ok) return refuse(400, { ...imported.errors, form: m.error_form_summary() });
			let plan: plans.Plan;
			try {
				plan = await plans.create(data, user.id);
			} catch (error) {
				if (error instanceof plans.SlugTakenError) return refuse(400, { slug: m.error_slug_taken() });
				throw error;
			}
			if (imported?.ok) await versions.saveDraft(plan.id, draftContent(imported.data), user.id);
			redirect(303, `/plans/${data.slug}/edit?${imported ? 'saved' : 'started'}=1`);
		}
	)
} satisfies Actions;
