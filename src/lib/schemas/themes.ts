import { z } from 'zod';
import { COMMENT_KINDS } from '$lib/schemas/comments';
import { STAKEHOLDER_GROUPS } from '$lib/roles';
import { pastedTextSchema } from '$lib/schemas/pasted-text';

/** As a theme's URL part: /plans/{slug}/themes/{theme}. */
export const THEME_SLUG = /^[a-z0-9][a-z0-9-]{1,39}$/;
export const THEME_SLUG_MAX = 40;
export const THEME_LABEL_MAX = 60;
export const THEME_DESCRIPTION_MAX = 500;
export const THEME_KEYWORDS_MAX = 30;
export const THEME_KEYWORD_MAX = 40;
/** The longest unsaved text POST /api/v1/themes/suggest reads. */
export const SUGGEST_TEXT_MAX = 10_000;
/** Suggestions decided at once from the queue (one page of it). */
export const BULK_MAX = 300;

const id = z.coerce.number().int().positive();
/** Theme URLs sit beside /plans/{slug}/themes/report, so that word cannot be a theme. */
const RESERVED_THEME_SLUGS = ['report'];
const themeSlug = z
	.string()
	.trim()
	.min(1)
	.max(THEME_SLUG_MAX)
	.regex(THEME_SLUG, { error: 'slug_format' })
	.refine((slug) => !RESERVED_THEME_SLUGS.includes(slug), { error: 'slug_reserved' });

/** Keywords as typed: one per line or separated by commas; blanks and repeats dropped. */
const keywords = z
	.string()
	.default('')
	.transform((text) => [
		...new Set(
			text
				.split(/[,\n\r]+/)
				.map((word) => word.trim())
				.filter(Boolean)
		)
	])
	.refine((list) => list.length <= THEME_KEYWORDS_MAX, { error: 'theme_keywords_too_many' })
	.refine((list) => list.every((word) => word.length <= THEME_KEYWORD_MAX), { error: 'theme_keyword_too_long' });

const themeFields = {
	labelKo: z.string().trim().min(1).max(THEME_LABEL_MAX),
	labelEn: z.string().trim().min(1).max(THEME_LABEL_MAX),
	description: z.string().trim().max(THEME_DESCRIPTION_MAX).default(''),
	color: z
		.string()
		.trim()
		.min(1)
		.regex(/^#[0-9a-fA-F]{6}$/, { error: 'theme_color_format' })
		.transform((color) => color.toLowerCase()),
	keywords
};

export const newThemeSchema = z.object({ slug: themeSlug, ...themeFields });
export const editThemeSchema = z.object({ themeId: id, ...themeFields });
export const themeIdSchema = z.object({ themeId: id });
export const mergeThemesSchema = z
	.object({ sourceId: id, survivorId: id })
	.refine((form) => form.sourceId !== form.survivorId, { path: ['survivorId'], error: 'theme_merge_same' });

export type ThemeInput = Omit<z.output<typeof editThemeSchema>, 'themeId'>;

// Coding forms. Each carries where to go back to (a same-site path, checked with safeRedirect).
const redirectTo = z.string().max(2_000).optional();

export const tagFormSchema = z.object({
	commentId: id,
	theme: z.string({ error: 'theme_choose' }).trim().min(1, { error: 'theme_choose' }).max(THEME_SLUG_MAX),
	redirectTo
});
export const reviewFormSchema = z.object({ commentId: id, redirectTo });

/** "commentId:themeSlug" pairs: exactly the suggestions the researcher saw on the page. */
export const bulkDecisionSchema = z.object({
	pair: z
		.union([z.string(), z.array(z.string())])
		.transform((value) => (Array.isArray(value) ? value : [value]))
		.pipe(
			z
				.array(z.string().regex(/^\d+:[a-z0-9-]+$/))
				.min(1)
				.max(BULK_MAX)
		)
		.transform((pairs) =>
			pairs.map((pair) => {
				const [commentId, theme] = pair.split(':');
				return { commentId: Number(commentId), theme };
			})
		),
	redirectTo
});

export const NO_SECTION_FILTER = '_none';

export const QUEUE_STATES = ['open', 'untagged', 'suggested', 'disagreement', 'all'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** The queue's GET filters; anything unreadable falls back to "no filter" rather than an error. */
export const queueFilterSchema = z.object({
	/** A section key, or NO_SECTION_FILTER for statements from sessions that no section was chosen for. */
	section: z
		.string()
		.max(80)
		.regex(/^(_none|[a-z0-9-]*)$/)
		.catch(''),
	session: z.union([z.literal(''), z.literal('online'), z.string().regex(/^\d{1,9}$/)]).catch(''),
	group: z.union([z.literal(''), z.enum(STAKEHOLDER_GROUPS)]).catch(''),
	kind: z.union([z.literal(''), z.enum(COMMENT_KINDS)]).catch(''),
	state: z.enum(QUEUE_STATES).catch('open'),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});
export type QueueFilters = z.output<typeof queueFilterSchema>;

export function readQueueFilters(params: URLSearchParams): QueueFilters {
	const raw = (name: string) => params.get(name) ?? undefined;
	return queueFilterSchema.parse({
		section: raw('section') ?? '',
		session: raw('session') ?? '',
		group: raw('group') ?? '',
		kind: raw('kind') ?? '',
		state: raw('state'),
		page: raw('page') ?? 1
	});
}

/** Body of POST /api/v1/themes/suggest. Errors name messages (error_suggest_…). */
export const suggestTextSchema = pastedTextSchema(SUGGEST_TEXT_MAX, {
	missing: 'suggest_text_missing',
	tooLong: 'suggest_text_too_long',
	empty: 'suggest_text_empty'
});
