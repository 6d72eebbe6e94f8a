import { z } from 'zod';

export const COMMENT_KINDS = ['support', 'concern', 'suggestion', 'question'] as const;
export type CommentKindName = (typeof COMMENT_KINDS)[number];

export const COMMENT_MAX_LENGTH = 5000;
export const QUOTE_MAX_LENGTH = 1000;
export const REASON_MAX_LENGTH = 500;

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.optional()
		.transform((value) => value || undefined);

const optionalId = z
	.union([z.literal(''), z.coerce.number().int().positive()])
	.optional()
	.transform((value) => (value === '' ? undefined : value));

export const commentBody = z.string().trim().min(1).max(COMMENT_MAX_LENGTH);

export const newCommentSchema = z.object({
	kind: z.enum(COMMENT_KINDS),
	body: commentBody,
	quote: optionalText(QUOTE_MAX_LENGTH),
	quoteStart: z
		.union([z.literal(''), z.coerce.number().int().min(0)])
		.optional()
		.transform((value) => (value === '' ? undefined : value)),
	parentId: optionalId,
	// A fresh key per rendered form; a retried or double-clicked submit carries the same one.
	idempotencyKey: z.string().min(8).max(100)
});

export const editCommentSchema = z.object({
	commentId: z.coerce.number().int().positive(),
	kind: z.enum(COMMENT_KINDS),
	body: commentBody
});

export const commentIdSchema = z.object({ commentId: z.coerce.number().int().positive() });

export const reasonSchema = z.object({
	commentId: z.coerce.number().int().positive(),
	reason: z.string().trim().min(1).max(REASON_MAX_LENGTH)
});

export const SORTS = ['oldest', 'newest', 'endorsed'] as const;
export type ThreadSort = (typeof SORTS)[number];
