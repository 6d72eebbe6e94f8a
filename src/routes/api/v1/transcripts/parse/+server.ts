// POST /api/v1/transcripts/parse: a pasted transcript in, its statements out, by the same parser
// the import preview runs in the browser. Officials and researchers only; nothing is stored.
import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { TRANSCRIPT_MAX_LENGTH, transcriptParseSchema } from '$lib/schemas/transcripts';
import { parseTranscript } from '$lib/transcripts/parse';
import { capabilityRefusal, readText } from '../../endpoint';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request }) => {
	const refused = capabilityRefusal(locals, 'transcripts.parse');
	if (refused) return refused;

	const text = await readText(request, locals.locale, transcriptParseSchema, {
		max: TRANSCRIPT_MAX_LENGTH,
		tooLong: { issue: 'transcript_too_long', message: m.error_transcript_too_long },
		empty: { issue: 'transcript_empty', message: m.error_transcript_empty },
		missing: m.error_transcript_text_missing
	});
	if (text instanceof Response) return text;
	return json({ statements: parseTranscript(text) }, { headers: { 'cache-control': 'no-store' } });
};
