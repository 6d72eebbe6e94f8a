import { requireCapability } from '$lib/server/auth/guard';
import * as audit from '$lib/server/accounts/audit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireCapability(locals, 'audit.read');
	const entries = await audit.recent(300);
	return {
		entries: entries.map((entry) => ({ ...entry, detail: JSON.stringify(entry.detail) }))
	};
};
