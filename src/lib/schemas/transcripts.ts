import type { z } from 'zod';
import { pastedTextSchema } from '$lib/schemas/pasted-text';

/** The longest transcript parsed at once (characters); a whole meeting fits, a year of them does not. */
export const TRANSCRIPT_MAX_LENGTH = 100_000;

/**
 * Body of POST /api/v1/transcripts/parse, and the paste field of the import preview. Errors name
 * messages (error_transcript_…); the text is kept as pasted (the parser normalises it).
 */
export const transcriptParseSchema = pastedTextSchema(TRANSCRIPT_MAX_LENGTH, {
	missing: 'transcript_text_missing',
	tooLong: 'transcript_too_long',
	empty: 'transcript_empty'
});

export type TranscriptParseInput = z.infer<typeof transcriptParseSchema>;
