import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { registerSchema } from '$lib/schemas/account';
import { parseForm } from '$lib/server/pages/forms';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import * as users from '$lib/server/accounts/users';
import * as limits from '$lib/server/limits/rate-limit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/me');
};

export const actions: Actions = {
	register: async ({ request, cookies, url, getClientAddress }) => {
		const parsed = parseForm(registerSchema, await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });

		const limit = await limits.consume('registerIp', getClientAddress());
		if (!limit.allowed) {
			return fail(429, {
				values: parsed.values,
				errors: { form: m.error_rate_limited({ minutes: Math.max(1, Math.ceil(limit.retryAfterSeconds / 60)) }) }
			});
		}
		let user;
		try {
			user = await users.create(parsed.data);
		} catch (error) {
			if (error instanceof users.EmailTakenError) {
				return fail(400, { values: parsed.values, errors: { email: m.error_email_taken() } });
			}
			throw error;
		}
		const { token } = await createSession(user.id);
		setSessionCookie(cookies, token, url);
		redirect(303, '/me?welcome=1');
	}
};
