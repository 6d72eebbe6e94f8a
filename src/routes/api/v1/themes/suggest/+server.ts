// POST /api/v1/themes/suggest: suggested themes for a text not yet saved (a transcript statement in
// the import preview, say), by the same engine and examples as for saved comments. Researchers only.
import { m } from '$lib/paraglide/messages';
import { SUGGEST_TEXT_MAX, suggestTextSchema } from '$lib/schemas/themes';
import { suggestForText, suggestionContext } from '$lib/server/analysis/suggestions';
import { RESEARCHER_CAPABILITY, suggestionJson } from './api';
import { textEndpoint } from '../../endpoint';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = textEndpoint(
	RESEARCHER_CAPABILITY,
	suggestTextSchema,
	{
		max: SUGGEST_TEXT_MAX,
		tooLong: { issue: 'suggest_text_too_long', message: m.error_suggest_text_too_long },
		empty: { issue: 'suggest_text_empty', message: m.error_suggest_text_empty },
		missing: m.error_suggest_text_missing
	},
	async (text) => suggestForText(text, await suggestionContext()).map(suggestionJson)
);
