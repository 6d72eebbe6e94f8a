import { z } from 'zod';
import { fromSeoulInput } from '$lib/format';
import { MAX_SECTIONS, sectionsFromValues } from '$lib/outline';

/** As the database checks them (migrations/0001). */
export const PLAN_SLUG = /^[a-z0-9][a-z0-9-]{1,79}$/;
export const SECTION_KEY = /^[a-z0-9][a-z0-9-]{0,79}$/;
/** Paths under /plans that a plan's slug would shadow. */
const RESERVED_SLUGS = new Set(['new']);

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 1_000;
export const ORGANISATION_MAX = 120;
export const HEADING_MAX = 200;
export const BODY_MAX = 50_000;
export const CHANGE_SUMMARY_MAX = 2_000;

export const newPlanSchema = z.object({
	slug: z
		.string()
		.trim()
		.min(1)
		.regex(PLAN_SLUG, { error: 'slug_format' })
		.refine((slug) => !RESERVED_SLUGS.has(slug), { error: 'slug_reserved' }),
	title: z.string().trim().min(1).max(TITLE_MAX),
	summary: z.string().trim().max(SUMMARY_MAX).default(''),
	organisation: z.string().trim().max(ORGANISATION_MAX).default('')
});

const sectionSchema = z.object({
	key: z.string().trim().min(1).regex(SECTION_KEY, { error: 'section_key_format' }),
	heading: z.string().trim().min(1).max(HEADING_MAX),
	parentKey: z.string().trim(),
	body: z
		.string()
		.max(BODY_MAX)
		.transform((body) => body.replace(/\r\n?/g, '\n').trimEnd())
});

/** The editor's form: title and "sections.N.field" values, checked as a whole outline. */
export const draftSchema = z.preprocess(
	(raw) => {
		const values = (raw ?? {}) as Record<string, unknown>;
		return { title: values.title, sections: sectionsFromValues(values) };
	},
	z
		.object({
			title: z.string().trim().min(1).max(TITLE_MAX),
			sections: z.array(sectionSchema).max(MAX_SECTIONS)
		})
		.superRefine(({ sections }, ctx) => {
			const keys = sections.map((s) => s.key);
			const byKey = new Map(sections.map((s) => [s.key, s]));
			sections.forEach((section, index) => {
				if (keys.indexOf(section.key) !== index) {
					ctx.addIssue({ code: 'custom', path: ['sections', index, 'key'], message: 'section_key_duplicate' });
				}
				if (!section.parentKey) return;
				const parent = byKey.get(section.parentKey);
				const message =
					section.parentKey === section.key
						? 'parent_self'
						: !parent
							? 'parent_unknown'
							: parent.parentKey
								? 'parent_not_chapter'
								: sections.some((s) => s.parentKey === section.key)
									? 'parent_has_children'
									: null;
				if (message) ctx.addIssue({ code: 'custom', path: ['sections', index, 'parentKey'], message });
			});
		})
);

const seoulDateTime = z
	.string()
	.trim()
	.default('')
	.refine((value) => value === '' || fromSeoulInput(value) !== null, { error: 'datetime_format' });

interface PeriodForm {
	commentsOpenAt: string;
	commentsCloseAt: string;
}

/** Both dates or neither; opening before closing. Entered as Seoul time. */
function checkPeriod(form: PeriodForm, ctx: z.RefinementCtx): void {
	const opens = form.commentsOpenAt ? fromSeoulInput(form.commentsOpenAt) : null;
	const closes = form.commentsCloseAt ? fromSeoulInput(form.commentsCloseAt) : null;
	if (!form.commentsOpenAt !== !form.commentsCloseAt) {
		const missing = form.commentsOpenAt ? 'commentsCloseAt' : 'commentsOpenAt';
		ctx.addIssue({ code: 'custom', path: [missing], message: 'period_both' });
	} else if (opens && closes && opens >= closes) {
		ctx.addIssue({ code: 'custom', path: ['commentsCloseAt'], message: 'period_order' });
	}
}

const periodDates = (form: PeriodForm) => ({
	commentsOpenAt: form.commentsOpenAt ? fromSeoulInput(form.commentsOpenAt) : null,
	commentsCloseAt: form.commentsCloseAt ? fromSeoulInput(form.commentsCloseAt) : null
});

export const periodSchema = z
	.object({ commentsOpenAt: seoulDateTime, commentsCloseAt: seoulDateTime })
	.superRefine(checkPeriod)
	.transform(periodDates);

export const publishSchema = z
	.object({
		changeSummary: z.string().trim().min(1).max(CHANGE_SUMMARY_MAX),
		commentsOpenAt: seoulDateTime,
		commentsCloseAt: seoulDateTime
	})
	.superRefine(checkPeriod)
	.transform((form) => ({ changeSummary: form.changeSummary, ...periodDates(form) }));

export const draftIdSchema = z.object({ draftId: z.coerce.number().int().positive() });
