import * as responses from '$lib/server/responses';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({
	locale: locals.locale,
	user: locals.user && {
		id: locals.user.id,
		displayName: locals.user.displayName,
		roles: locals.user.roles
	},
	unreadNotices: locals.user ? await responses.unreadNoticeCount(locals.user.id) : 0
});
