import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { addSection, moveSection, removeSection, sectionsFromValues, valuesFromSections, type Direction } from '$lib/outline';
import { draftIdSchema, draftSchema, periodSchema, publishSchema } from '$lib/schemas/plans';
import * as responses from '$lib/server/outcome/responses';
import { safeRedirect } from '$lib/schemas/account';
import { isUniqueViolation } from '$lib/server/db';
import { formValues, parseForm, type FieldErrors } from '$lib/server/pages/forms';
import { draftContent, importedValues, loadEditor, planOrNotFound, previewsOf, requireEditor } from '../../editor.server';
import * as versions from '$lib/server/plan-text/versions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	requireEditor(locals, url);
	return {
		...(await loadEditor(params.slug)),
		notice: (['saved', 'started', 'discarded', 'period'] as const).find((flag) => url.searchParams.has(flag)) ?? null
	};
};

const editorUrl = (slug: string, flag: string) => `/plans/${slug}/edit?${flag}=1`;

function draftIdOf(formData: FormData): number | undefined {
	const parsed = draftIdSchema.safeParse({ draftId: formData.get('draftId') });
	return parsed.success ? parsed.data.draftId : undefined;
}

/** The editor as it was sent, so a refused save or a structural edit loses nothing typed. */
function editorState(values: Record<string, string>, extra: { errors?: FieldErrors; message?: string } = {}) {
	return { values, previews: previewsOf(sectionsFromValues(values)), errors: extra.errors ?? {}, message: extra.message };
}

/** Add, remove and move without JavaScript: the edited outline comes back unsaved. */
function restructure(formData: FormData, change: (sections: ReturnType<typeof sectionsFromValues>) => ReturnType<typeof sectionsFromValues>) {
	const values = formValues(formData);
	const sections = change(sectionsFromValues(values));
	const kept = Object.fromEntries(Object.entries(values).filter(([name]) => !name.startsWith('sections.')));
	return { draft: { ...editorState({ ...kept, ...valuesFromSections(sections) }), restructured: true } };
}

const indexOf = (formData: FormData, name: string) => Number.parseInt(String(formData.get(name) ?? ''), 10);

export const actions: Actions = {
	saveDraft: async ({ params, locals, request, url }) => {
		const user = requireEditor(locals, url);
		const plan = await planOrNotFound(params.slug);
		const formData = await request.formData();
		const parsed = parseForm(draftSchema, formData);
		if (!parsed.ok) {
			return fail(400, { draft: editorState(parsed.values, { errors: parsed.errors, message: m.error_form_summary() }) });
		}
		try {
			await versions.saveDraft(plan.id, draftContent(parsed.data), user.id, { draftId: draftIdOf(formData) });
		} catch (error) {
			if (error instanceof versions.StaleDraftError || error instanceof versions.NoDraftError) {
				return fail(409, { draft: editorState(parsed.values, { message: m.editor_stale_draft() }) });
			}
			throw error;
		}
		redirect(303, editorUrl(plan.slug, 'saved'));
	},

	previewDraft: async ({ locals, request, url }) => {
		requireEditor(locals, url);
		const values = formValues(await request.formData());
		return { draft: { ...editorState(values), previewed: true } };
	},

	/** The document's sections in the editor, unsaved; a refused file leaves the editor as it was sent. */
	importDocument: async ({ locals, request, url }) => {
		requireEditor(locals, url);
		const formData = await request.formData();
		const values = formValues(formData);
		const imported = await importedValues(formData, values);
		if (!imported.ok) return fail(400, { draft: { ...editorState(values, { message: imported.message }), importFailed: true } });
		return { draft: { ...editorState(imported.values), imported: imported.report } };
	},

	addSection: async ({ locals, request, url }) => {
		requireEditor(locals, url);
		return restructure(await request.formData(), addSection);
	},

	removeSection: async ({ locals, request, url }) => {
		requireEditor(locals, url);
		const formData = await request.formData();
		return restructure(formData, (sections) => removeSection(sections, indexOf(formData, 'removeIndex')));
	},

	moveSection: async ({ locals, request, url }) => {
		requireEditor(locals, url);
		const formData = await request.formData();
		const [index, direction] = String(formData.get('moveTo') ?? '').split(':');
		if (direction !== 'up' && direction !== 'down') return restructure(formData, (sections) => sections);
		return restructure(formData, (sections) => moveSection(sections, Number(index), direction as Direction));
	},

	publishVersion: async ({ params, locals, request, url }) => {
		const user = requireEditor(locals, url);
		const plan = await planOrNotFound(params.slug);
		const formData = await request.formData();
		const draft = parseForm(draftSchema, formData);
		const publishing = parseForm(publishSchema, formData);
		if (!draft.ok || !publishing.ok) {
			const errors = { ...(draft.ok ? {} : draft.errors), ...(publishing.ok ? {} : publishing.errors) };
			return fail(400, { draft: editorState(draft.values, { errors, message: m.error_form_summary() }) });
		}
		let number: number;
		try {
			const published = await versions.publish(
				plan.id,
				{ ...publishing.data, draftId: draftIdOf(formData), content: draftContent(draft.data) },
				user.id
			);
			number = published.number;
			await responses.notifyVersionPublished(plan.id, published.id);
		} catch (error) {
			if (error instanceof versions.StaleDraftError || error instanceof versions.NoDraftError || isUniqueViolation(error)) {
				return fail(409, { draft: editorState(draft.values, { message: m.editor_publish_conflict() }) });
			}
			if (error instanceof versions.EmptyDraftError) {
				return fail(400, { draft: editorState(draft.values, { message: m.editor_publish_empty() }) });
			}
			throw error;
		}
		redirect(303, `/plans/${plan.slug}/history?published=${number}`);
	},

	discardDraft: async ({ params, locals, request, url }) => {
		const user = requireEditor(locals, url);
		const plan = await planOrNotFound(params.slug);
		try {
			await versions.discardDraft(plan.id, user.id, { draftId: draftIdOf(await request.formData()) });
		} catch (error) {
			if (error instanceof versions.StaleDraftError || error instanceof versions.NoDraftError) {
				return fail(409, { discard: { message: m.editor_stale_draft() } });
			}
			throw error;
		}
		redirect(303, editorUrl(plan.slug, 'discarded'));
	},

	startDraft: async ({ params, locals, url }) => {
		const user = requireEditor(locals, url);
		const plan = await planOrNotFound(params.slug);
		try {
			await versions.startDraft(plan.id, user.id);
		} catch (error) {
			// Someone started it a moment ago: open that one.
			if (!(error instanceof versions.DraftExistsError)) throw error;
		}
		redirect(303, editorUrl(plan.slug, 'started'));
	},

	openComments: async ({ params, locals, request, url }) => {
		const user = requireEditor(locals, url);
		const plan = await planOrNotFound(params.slug);
		const formData = await request.formData();
		return changePeriod(plan, formData, () => versions.changeCommentPeriod(plan.id, { action: 'open' }, user.id));
	},

	closeComments: async ({ params, locals, request, url }) => {
		const user = requireEditor(locals, url);
		const plan = await planOrNotFound(params.slug);
		const formData = await request.formData();
		return changePeriod(plan, formData, () => versions.changeCommentPeriod(plan.id, { action: 'close' }, user.id));
	},

	setCommentPeriod: async ({ params, locals, request, url }) => {
		const user = requireEditor(locals, url);
		const plan = await planOrNotFound(params.slug);
		const formData = await request.formData();
		const parsed = parseForm(periodSchema, formData);
		if (!parsed.ok) return fail(400, { period: { values: parsed.values, errors: parsed.errors, message: m.error_form_summary() } });
		return changePeriod(plan, formData, () =>
			versions.changeCommentPeriod(plan.id, { action: 'set', opensAt: parsed.data.commentsOpenAt, closesAt: parsed.data.commentsCloseAt }, user.id)
		);
	}
};

/** Runs a period change and goes back to where the form was (the editor or the plan page). */
async function changePeriod(plan: { slug: string }, formData: FormData, change: () => Promise<unknown>) {
	try {
		await change();
	} catch (error) {
		if (error instanceof versions.NoCurrentVersionError) {
			return fail(400, { period: { values: formValues(formData), errors: {}, message: m.period_no_current() } });
		}
		if (error instanceof versions.PeriodNotOpenError) {
			return fail(400, { period: { values: formValues(formData), errors: {}, message: m.period_not_open() } });
		}
		throw error;
	}
	const back = safeRedirect(String(formData.get('returnTo') ?? ''), '');
	redirect(303, back.startsWith(`/plans/${plan.slug}`) ? back : `${editorUrl(plan.slug, 'period')}#period`);
}
