// POST /api/v1/transcripts/parse: a pasted transcript in, its statements out, by the same parser
// the import preview runs in the browser. Officials and researchers only; nothing is stored.
import { m } from '$lib/paraglide/messages';
import { TRANSCRIPT_MAX_LENGTH, transcriptParseSchema } from '$lib/schemas/transcripts';
import { parseTranscript } from '$lib/transcripts/parse';
import { textEndpoint } from '../../endpoint';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = textEndpoint(
	'transcripts.parse',
	transcriptParseSchema,
	{
		max: TRANSCRIPT_MAX_LENGTH,
		tooLong: { issue: 'transcript_too_long', message: m.error_transcript_too_long },
		empty: { issue: 'transcript_empty', message: m.error_transcript_empty },
		missing: m.error_transcript_text_missing
	},
	(text) => ({ statements: parseTranscript(text) })
);
