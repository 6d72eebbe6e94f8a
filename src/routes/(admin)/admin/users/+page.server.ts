import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { rolesSchema } from '$lib/schemas/account';
import { requireCapability } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/pages/forms';
import * as users from '$lib/server/accounts/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireCapability(locals, 'users.manage');
	const query = (url.searchParams.get('q') ?? '').slice(0, 100);
	return { users: await users.list(query), query };
};

export const actions: Actions = {
	setRoles: async ({ locals, request }) => {
		const actor = requireCapability(locals, 'users.manage');
		const parsed = parseForm(rolesSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: m.error_format() });
		const { userId, roles } = parsed.data;
		if (userId === actor.id && !roles.includes('admin')) {
			return fail(400, { userId, error: m.admin_cannot_drop_own_admin() });
		}
		if (!(await users.findById(userId))) error(404, { message: m.error_not_found(), code: 'not_found' });
		await users.setRoles(actor.id, userId, roles);
		return { userId, saved: true };
	}
};
