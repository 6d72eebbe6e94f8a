import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { changePasswordSchema, profileSchema } from '$lib/schemas/account';
import { parseForm } from '$lib/server/pages/forms';
import { requireUser } from '$lib/server/auth/guard';
import { attemptPasswordChange } from '$lib/server/accounts/sign-in';
import { ABSOLUTE_LIFETIME_SECONDS, INACTIVITY_TIMEOUT_SECONDS, countOtherSessions, invalidateUserSessions } from '$lib/server/auth/session';
import * as users from '$lib/server/accounts/users';
import type { Actions, PageServerLoad } from './$types';

const DAY_SECONDS = 60 * 60 * 24;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const record = await users.findById(user.id);
	const otherSessions = locals.session ? await countOtherSessions(user.id, locals.session.id) : 0;
	return {
		profile: record!,
		welcome: url.searchParams.has('welcome'),
		otherSessions,
		sessionDays: { idle: INACTIVITY_TIMEOUT_SECONDS / DAY_SECONDS, absolute: ABSOLUTE_LIFETIME_SECONDS / DAY_SECONDS }
	};
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
	changePassword: async ({ locals, request, url, getClientAddress }) => {
		const user = requireUser(locals, url);
		const parsed = parseForm(changePasswordSchema, await request.formData());
		if (!parsed.ok) return fail(400, { password: { errors: parsed.errors } });
		const outcome = await attemptPasswordChange(user, parsed.data.currentPassword, parsed.data.newPassword, getClientAddress(), locals.session?.id);
		if (outcome.kind === 'limited') {
			const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
			return fail(429, { password: { errors: { form: m.error_rate_limited({ minutes }) } } });
		}
		if (outcome.kind === 'failed') {
			return fail(400, { password: { errors: { currentPassword: m.error_current_password() } } });
		}
		return { password: { saved: true } };
	},
	signOutOtherSessions: async ({ locals, url }) => {
		const user = requireUser(locals, url);
		if (locals.session) await invalidateUserSessions(user.id, locals.session.id);
		return { sessions: { signedOutOthers: true } };
	}
};
