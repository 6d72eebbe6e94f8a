import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { can } from '$lib/roles';
import { editThemeSchema, mergeThemesSchema, newThemeSchema, themeIdSchema } from '$lib/schemas/themes';
import { requireCapability, requireUser } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/pages/forms';
import * as themes from '$lib/server/analysis/themes';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Everyone signed in may read the taxonomy; only researchers change it. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { ...(await themes.list()), canManage: can(user, 'themes.manage') };
};

/** The refusal in the person's language: beside the form it came from, or as a page error. */
function refused(err: unknown, form: 'create' | 'edit' | 'merge' | 'list', values: Record<string, string>, themeId?: number) {
	if (!(err instanceof themes.ThemeError)) throw err;
	if (err.code === 'forbidden') error(403, { message: m.error_forbidden(), code: 'forbidden' });
	if (err.code === 'not_found') error(404, { message: m.error_not_found(), code: 'not_found' });
	const errors: Record<string, string> =
		err.code === 'slug_taken'
			? { slug: m.error_theme_slug_taken() }
			: err.code === 'same_theme'
				? { survivorId: m.error_theme_merge_same() }
				: { form: err.code === 'archived' ? m.themes_error_archived() : m.themes_error_merged() };
	return fail(err.code === 'same_theme' ? 400 : 409, { form, themeId, values, errors });
}

/** An action on one theme of the list (archive, restore): it goes back to the list, or says why not beside it. */
async function listAction({ locals, request }: RequestEvent, act: typeof themes.archive, done: string) {
	const user = requireCapability(locals, 'themes.manage');
	const parsed = parseForm(themeIdSchema, await request.formData());
	if (!parsed.ok) return fail(400, { form: 'list', values: parsed.values, errors: { form: m.error_format() } });
	try {
		await act(parsed.data.themeId, user);
	} catch (err) {
		return refused(err, 'list', parsed.values, parsed.data.themeId);
	}
	redirect(303, done);
}

export const actions: Actions = {
	createTheme: async ({ locals, request }) => {
		const user = requireCapability(locals, 'themes.manage');
		const parsed = parseForm(newThemeSchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'create', values: parsed.values, errors: parsed.errors });
		let created;
		try {
			created = await themes.create(parsed.data, user);
		} catch (err) {
			return refused(err, 'create', parsed.values);
		}
		redirect(303, `/themes?created=${encodeURIComponent(created.slug)}#t-${created.slug}`);
	},

	updateTheme: async ({ locals, request }) => {
		const user = requireCapability(locals, 'themes.manage');
		const parsed = parseForm(editThemeSchema, await request.formData());
		const themeId = Number(parsed.values.themeId) || undefined;
		if (!parsed.ok) return fail(400, { form: 'edit', themeId, values: parsed.values, errors: parsed.errors });
		let updated;
		try {
			updated = await themes.update(parsed.data.themeId, parsed.data, user);
		} catch (err) {
			return refused(err, 'edit', parsed.values, themeId);
		}
		redirect(303, `/themes?updated=${encodeURIComponent(updated.slug)}#t-${updated.slug}`);
	},

	mergeThemes: async ({ locals, request }) => {
		const user = requireCapability(locals, 'themes.manage');
		const parsed = parseForm(mergeThemesSchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'merge', values: parsed.values, errors: parsed.errors });
		let result;
		try {
			result = await themes.merge(parsed.data.sourceId, parsed.data.survivorId, user);
		} catch (err) {
			return refused(err, 'merge', parsed.values);
		}
		redirect(303, `/themes?merged=${result.tagsMoved}:${result.duplicatesDropped}`);
	},

	archiveTheme: (event) => listAction(event, themes.archive, '/themes?archived=1#archived'),
	restoreTheme: (event) => listAction(event, themes.restore, '/themes?restored=1')
};
