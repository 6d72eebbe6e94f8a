// POST /api/v1/transcripts/parse: a pasted transcript in, its statements out, by the same parser
// the import preview runs in the browser. Officials and researchers only; nothing is stored.
import { isHttpError, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError } from '$lib/server/api';
import { requireCapability } from '$lib/server/auth/guard';
import { TRANSCRIPT_MAX_LENGTH, transcriptParseSchema } from '$lib/schemas/transcripts';
import { parseTranscript } from '$lib/transcripts/parse';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request }) => {
	const refused = refusal(locals);
	if (refused) return refused;

	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return apiError(400, 'invalid_json', m.error_invalid_json());
	}
	const parsed = transcriptParseSchema.safeParse(body);
	if (!parsed.success) {
		const reason = parsed.error.issues[0]?.message;
		if (reason === 'transcript_too_long') {
			const max = new Intl.NumberFormat(locals.locale).format(TRANSCRIPT_MAX_LENGTH);
			return apiError(400, 'text_too_long', m.error_transcript_too_long({ max }));
		}
		if (reason === 'transcript_empty') return apiError(400, 'text_empty', m.error_transcript_empty());
		return apiError(400, 'text_required', m.error_transcript_text_missing());
	}
	return json({ statements: parseTranscript(parsed.data.text) }, { headers: { 'cache-control': 'no-store' } });
};

/** 401 signed out, 403 without transcripts.parse, as JSON in the user's language. */
function refusal(locals: App.Locals): Response | null {
	try {
		requireCapability(locals, 'transcripts.parse');
		return null;
	} catch (error) {
		if (!isHttpError(error)) throw error;
		const message = error.status === 401 ? m.error_sign_in_required() : m.error_forbidden();
		return apiError(error.status, error.body.code ?? (error.status === 401 ? 'unauthorised' : 'forbidden'), message);
	}
}
