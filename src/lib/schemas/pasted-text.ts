import { z } from 'zod';

/**
 * A JSON body `{ text }` of pasted text up to `max` characters that is more than white space, kept
 * as sent. Each way it can fail names its own message.
 */
export function pastedTextSchema(max: number, errors: { missing: string; tooLong: string; empty: string }) {
	return z.object(
		{
			text: z
				.string({ error: errors.missing })
				.max(max, { error: errors.tooLong })
				.refine((text) => text.trim().length > 0, { error: errors.empty })
		},
		{ error: errors.missing }
	);
}
