import { m } from '$lib/paraglide/messages';
import { changePasswordSchema, profileSchema } from '$lib/schemas/account';
import { formAction } from '$lib/server/pages/forms';
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

export const actions = {
	updateProfile: formAction(
		profileSchema,
		{ user: ({ locals, url }) => requireUser(locals, url), failure: (failure) => ({ profile: failure }) },
		async ({ data, user }) => {
			await users.updateProfile(user.id, data);
			return { profile: { saved: true } };
		}
	),
	changePassword: formAction(
		changePasswordSchema,
		// Nothing typed comes back: every field is a password.
		{ user: ({ locals, url }) => requireUser(locals, url), failure: ({ errors }) => ({ password: { errors } }) },
		async ({ data, user, event, refuse, limited }) => {
			const outcome = await attemptPasswordChange(user, data.currentPassword, data.newPassword, event.getClientAddress(), event.locals.session?.id);
			if (outcome.kind === 'limited') return limited(outcome.retryAfterSeconds);
			if (outcome.kind === 'failed') return refuse(400, { currentPassword: m.error_current_password() });
			return { password: { saved: true } };
		}
	),
	signOutOtherSessions: async ({ locals, url }) => {
		const user = requireUser(locals, url);
		if (locals.session) await invalidateUserSessions(user.id, locals.session.id);
		return { sessions: { signedOutOthers: true } };
	}
} satisfies Actions;
