import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { safeRedirect, signInSchema } from '$lib/schemas/account';
import { anyone, formAction } from '$lib/server/pages/forms';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { attemptSignIn } from '$lib/server/accounts/sign-in';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return { redirectTo: safeRedirect(url.searchParams.get('redirectTo')) };
};

export const actions = {
	signIn: formAction(signInSchema, { user: anyone }, async ({ data, formData, event, refuse, limited }) => {
		const outcome = await attemptSignIn(data.email, data.password, event.getClientAddress());
		if (outcome.kind === 'limited') return limited(outcome.retryAfterSeconds);
		// Same words whether the email exists or not.
		if (outcome.kind === 'failed') return refuse(400, { form: m.error_sign_in_failed() });
		const { token } = await createSession(outcome.user.id);
		setSessionCookie(event.cookies, token, event.url);
		redirect(303, safeRedirect(String(formData.get('redirectTo') ?? '/')));
	})
} satisfies Actions;
