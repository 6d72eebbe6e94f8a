// GET /api/v1/comments/{id}/suggestions: the themes suggested for a comment, best first, exactly as
// the coding queue and the thread show them to researchers. Researchers only.
import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError } from '$lib/server/http/api';
import { suggestionsFor } from '$lib/server/analysis/suggestions';
import { researcherRefusal, suggestionJson } from '../../../themes/suggest/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const refused = researcherRefusal(locals);
	if (refused) return refused;
	const id = Number(params.id);
	const found = Number.isSafeInteger(id) && id > 0 ? await suggestionsFor([id]) : new Map();
	const suggestions = found.get(id);
	if (!suggestions) return apiError(404, 'not_found', m.error_not_found());
	return json(suggestions.map(suggestionJson), { headers: { 'cache-control': 'private, no-store' } });
};
