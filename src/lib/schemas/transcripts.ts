import { z } from 'zod';

/** The longest transcript parsed at once (characters); a whole meeting fits, a year of them does not. */
export const TRANSCRIPT_MAX_LENGTH = 100_000;

/**
 * Body of POST /api/v1/transcripts/parse, and the paste field of the import preview. Errors name
 * messages (error_transcript_…); the text is kept as pasted (the parser normalises it).
 */
export const transcriptParseSchema = z.object(
	{
		text: z
			.string({ error: 'transcript_text_missing' })
			.max(TRANSCRIPT_MAX_LENGTH, { error: 'transcript_too_long' })
			.refine((text) => text.trim().length > 0, { error: 'transcript_empty' })
	},
	{ error: 'transcript_text_missing' }
);

export type TranscriptParseInput = z.infer<typeof transcriptParseSchema>;
