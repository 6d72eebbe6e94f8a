import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { safeRedirect, signInSchema } from '$lib/schemas/account';
import { parseForm } from '$lib/server/forms';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import * as users from '$lib/server/users';
import * as limits from '$lib/server/rate-limit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return { redirectTo: safeRedirect(url.searchParams.get('redirectTo')) };
};

export const actions: Actions = {
	signIn: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const parsed = parseForm(signInSchema, form);
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });

		const tooMany = (seconds: number) =>
			fail(429, {
				values: parsed.values,
				errors: { form: m.error_rate_limited({ minutes: Math.max(1, Math.ceil(seconds / 60)) }) }
			});
		const byIp = await limits.consume('signInIp', getClientAddress());
		if (!byIp.allowed) return tooMany(byIp.retryAfterSeconds);
		const accountKey = parsed.data.email.toLowerCase();
		const byAccount = await limits.peek('signInAccount', accountKey);
		if (!byAccount.allowed) return tooMany(byAccount.retryAfterSeconds);

		const user = await users.authenticate(parsed.data.email, parsed.data.password);
		if (!user) {
			await limits.consume('signInAccount', accountKey);
			// Same words whether the email exists or not.
			return fail(400, { values: parsed.values, errors: { form: m.error_sign_in_failed() } });
		}
		await limits.reset('signInAccount', accountKey);
		const { token } = await createSession(user.id);
		setSessionCookie(cookies, token, url);
		redirect(303, safeRedirect(String(form.get('redirectTo') ?? '/')));
	}
};
