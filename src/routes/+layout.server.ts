import * as responses from '$lib/server/outcome/responses';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const record = locals.pageRecord;
	const unreadNotices = !locals.user ? 0 : record?.unreadKnown ? record.unreadNotices : await responses.unreadNoticeCount(locals.user.id);
	if (record) record.unreadNotices = unreadNotices;
	// A page drawn to be shared shows placeholders where the reader's id and name go (page-cache.ts).
	const shown = locals.pageTokens?.user ?? locals.user;
	return {
		locale: locals.locale,
		user: locals.user && shown && { id: shown.id, displayName: shown.displayName, roles: locals.user.roles },
		unreadNotices
	};
};
