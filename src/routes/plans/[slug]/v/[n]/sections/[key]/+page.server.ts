import { parseVersionNumber } from '$lib/server/pages/plan-view';
import { loadSectionPage } from '$lib/server/pages/section-view';
import type { PageServerLoad } from './$types';

// An earlier version's section, read-only: comments written up to that version.
export const load: PageServerLoad = ({ params, locals, url }) =>
	loadSectionPage({
		slug: params.slug,
		versionNumber: parseVersionNumber(params.n),
		key: params.key,
		user: locals.user,
		url,
		tokens: locals.pageTokens,
		record: locals.pageRecord
	});
