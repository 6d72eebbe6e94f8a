// POST /api/v1/themes/suggest: suggested themes for a text not yet saved (a transcript statement in
// the import preview, say), by the same engine and examples as for saved comments. Researchers only.
import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError } from '$lib/server/api';
import { SUGGEST_TEXT_MAX, suggestTextSchema } from '$lib/schemas/themes';
import * as tags from '$lib/server/tags';
import { researcherRefusal, suggestionJson } from './api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request }) => {
	const refused = researcherRefusal(locals);
	if (refused) return refused;

	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return apiError(400, 'invalid_json', m.error_invalid_json());
	}
	const parsed = suggestTextSchema.safeParse(body);
	if (!parsed.success) {
		const reason = parsed.error.issues[0]?.message;
		if (reason === 'suggest_text_too_long') {
			const max = new Intl.NumberFormat(locals.locale).format(SUGGEST_TEXT_MAX);
			return apiError(400, 'text_too_long', m.error_suggest_text_too_long({ max }));
		}
		if (reason === 'suggest_text_empty') return apiError(400, 'text_empty', m.error_suggest_text_empty());
		return apiError(400, 'text_required', m.error_suggest_text_missing());
	}
	const context = await tags.suggestionContext();
	return json(tags.suggestForText(parsed.data.text, context).map(suggestionJson), {
		headers: { 'cache-control': 'no-store' }
	});
};
