import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { registerSchema } from '$lib/schemas/account';
import { anyone, formAction } from '$lib/server/pages/forms';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import * as users from '$lib/server/accounts/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/me');
};

export const actions = {
	register: formAction(registerSchema, { user: anyone }, async ({ data, event, refuse, limit }) => {
		const limited = await limit('registerIp', event.getClientAddress());
		if (limited) return limited;
		let user;
		try {
			user = await users.create(data);
		} catch (error) {
			if (error instanceof users.EmailTakenError) return refuse(400, { email: m.error_email_taken() });
			throw error;
		}
		const { token } = await createSession(user.id);
		setSessionCookie(event.cookies, token, event.url);
		redirect(303, '/me?welcome=1');
	})
} satisfies Actions;
