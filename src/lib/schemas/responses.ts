import { z } from 'zod';

export const DISPOSITION_VALUES = ['accepted', 'partly_accepted', 'under_review', 'not_accepted', 'out_of_scope'] as const;
/** Dispositions plus "no answer yet", for tallies. */
export const TALLY_KEYS = [...DISPOSITION_VALUES, 'none'] as const;
export type TallyKey = (typeof TALLY_KEYS)[number];
export const RESPONSE_MAX_LENGTH = 5000;

export const responseSchema = z.object({
	commentId: z.coerce.number().int().positive(),
	disposition: z.enum(DISPOSITION_VALUES),
	body: z.string().trim().min(1).max(RESPONSE_MAX_LENGTH),
	redirectTo: z.string().optional()
});
