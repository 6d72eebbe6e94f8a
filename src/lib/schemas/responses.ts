import { z } from 'zod';
import { SPEAKER_ROLES } from '$lib/schemas/sessions';

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

/** An official's correction of who spoke at a session: '' makes the statement an opinion again. */
export const speakerRoleSchema = z.object({
	commentId: z.coerce.number().int().positive(),
	role: z.union([z.literal(''), z.enum(SPEAKER_ROLES)]).transform((value) => (value === '' ? null : value)),
	redirectTo: z.string().optional()
});
