import { z } from 'zod';
import { COMMENT_KINDS } from '$lib/schemas/comments';
import { STAKEHOLDER_GROUPS } from '$lib/roles';

/** In what capacity someone spoke at a session, when not as a stakeholder: their words need no answer. */
export const SPEAKER_ROLES = ['chair', 'staff'] as const;

export const SESSION_KIND_VALUES = ['interim_report', 'final_report', 'citizens_forum', 'workshop'] as const;

const optionalInt = (max: number) =>
	z
		.union([z.literal(''), z.coerce.number().int().min(0).max(max)])
		.optional()
		.transform((value) => (value === '' || value === undefined ? null : value));

export const sessionSchema = z.object({
	title: z.string().trim().min(1).max(200),
	kind: z.enum(SESSION_KIND_VALUES),
	heldOn: z.iso.date({ error: 'date' }),
	place: z.string().trim().max(200).default(''),
	attendees: optionalInt(100_000),
	versionNumber: optionalInt(100_000),
	notes: z.string().trim().max(5000).default('')
});

export const TRANSCRIPT_MAX_LENGTH = 100_000;

export const transcriptSchema = z.object({
	transcript: z.string().trim().min(1).max(TRANSCRIPT_MAX_LENGTH)
});

/** One row of the import preview, as the official corrected it. */
export const statementRowSchema = z.object({
	name: z.string().trim().min(1).max(60),
	affiliation: z.string().trim().max(200),
	text: z.string().trim().min(1).max(20_000),
	group: z.union([z.literal(''), z.enum(STAKEHOLDER_GROUPS)]).transform((value) => (value === '' ? null : value)),
	kind: z.enum(COMMENT_KINDS),
	section: z.string().max(80),
	role: z.union([z.literal(''), z.enum(SPEAKER_ROLES)]).transform((value) => (value === '' ? null : value)),
	drop: z.boolean()
});
export type StatementRow = z.input<typeof statementRowSchema>;
