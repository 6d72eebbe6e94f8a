import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { safeRedirect, signInSchema } from '$lib/schemas/account';
import { parseForm } from '$lib/server/pages/forms';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { attemptSignIn } from '$lib/server/accounts/sign-in';
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

		const outcome = await attemptSignIn(parsed.data.email, parsed.data.password, getClientAddress());
		if (outcome.kind === 'limited') {
			return fail(429, {
				values: parsed.values,
				errors: { form: m.error_rate_limited({ minutes: Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60)) }) }
			});
		}
		if (outcome.kind === 'failed') {
			// Same words whether the email exists or not.
			return fail(400, { values: parsed.values, errors: { form: m.error_sign_in_failed() } });
		}
		const { token } = await createSession(outcome.user.id);
		setSessionCookie(cookies, token, url);
		redirect(303, safeRedirect(String(form.get('redirectTo') ?? '/')));
	}
};
