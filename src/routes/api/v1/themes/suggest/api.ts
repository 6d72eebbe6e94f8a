// Shared by the two suggestion endpoints: who may call them, and the JSON of one suggestion.
import { isHttpError } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError } from '$lib/server/api';
import { requireCapability } from '$lib/server/auth/guard';
import type { Suggestion } from '$lib/server/tags';

/** 401 signed out, 403 for anyone but researchers, as JSON in the user's language. */
export function researcherRefusal(locals: App.Locals): Response | null {
	try {
		requireCapability(locals, 'comments.tag');
		return null;
	} catch (error) {
		if (!isHttpError(error)) throw error;
		const message = error.status === 401 ? m.error_sign_in_required() : m.error_forbidden();
		return apiError(error.status, error.body.code ?? (error.status === 401 ? 'unauthorised' : 'forbidden'), message);
	}
}

export function suggestionJson(suggestion: Suggestion) {
	return { theme: suggestion.theme, score: suggestion.score, reasons: suggestion.reasons };
}
