import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { changePasswordSchema, profileSchema } from '$lib/schemas/account';
import { parseForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/auth/guard';
import * as users from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const record = await users.findById(user.id);
	return { profile: record!, welcome: url.searchParams.has('welcome') };
};

export const actions: Actions = {
	updateProfile: async ({ locals, request, url }) => {
		const user = requireUser(locals, url);
		const parsed = parseForm(profileSchema, await request.formData());
		if (!parsed.ok) {
			return fail(400, { profile: { values: parsed.values, errors: parsed.errors } });
		}
		await users.updateProfile(user.id, parsed.data);
		return { profile: { saved: true } };
	},
	changePassword: async ({ locals, request, url }) => {
		const user = requireUser(locals, url);
		const parsed = parseForm(changePasswordSchema, await request.formData());
		if (!parsed.ok) return fail(400, { password: { errors: parsed.errors } });
		const changed = await users.changePassword(
			user.id,
			parsed.data.currentPassword,
			parsed.data.newPassword,
			locals.session?.id
		);
		if (!changed) {
			return fail(400, { password: { errors: { currentPassword: m.error_current_password() } } });
		}
		return { password: { saved: true } };
	}
};
