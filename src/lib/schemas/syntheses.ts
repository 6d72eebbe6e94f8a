import { z } from 'zod';

export const SYNTHESIS_MAX_LENGTH = 20_000;
export const EXCERPT_MAX_LENGTH = 1000;

export const synthesisSchema = z.object({
	body: z.string().max(SYNTHESIS_MAX_LENGTH),
	// The revision the editor loaded ('' when there was no synthesis yet): a save against an older
	// revision is refused instead of silently overwriting a colleague's edit.
	revision: z.string().regex(/^\d{0,20}$/)
});

export const pinQuoteSchema = z.object({
	commentId: z.coerce.number().int().positive(),
	excerpt: z
		.string()
		.transform((text) => text.replace(/\s+/g, ' ').trim())
		.pipe(z.string().min(2).max(EXCERPT_MAX_LENGTH))
});

export const quoteIdSchema = z.object({ quoteId: z.coerce.number().int().positive() });

export const moveQuoteSchema = quoteIdSchema.extend({ direction: z.enum(['up', 'down']) });
