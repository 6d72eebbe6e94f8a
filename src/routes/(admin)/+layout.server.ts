import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { can } from '$lib/roles';
import { requireUser } from '$lib/server/auth/guard';
import type { LayoutServerLoad } from './$types';

// Guards the pages; every action below checks again, since layouts do not guard actions.
export const load: LayoutServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	if (!can(user, 'users.manage') && !can(user, 'audit.read')) {
		error(403, { message: m.error_forbidden(), code: 'forbidden' });
	}
};
