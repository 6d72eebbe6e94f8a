// Shared by the two suggestion endpoints: who may call them, and the JSON of one suggestion.
import { capabilityRefusal } from '../../endpoint';
import type { Capability } from '$lib/roles';
import type { Suggestion } from '$lib/server/analysis/suggestions';

/** Only researchers may ask for suggestions. */
export const RESEARCHER_CAPABILITY = 'comments.tag' satisfies Capability;

/** 401 signed out, 403 for anyone but researchers, as JSON in the user's language. */
export const researcherRefusal = (locals: App.Locals) => capabilityRefusal(locals, RESEARCHER_CAPABILITY);

export function suggestionJson(suggestion: Suggestion) {
	return { theme: suggestion.theme, score: suggestion.score, reasons: suggestion.reasons };
}
