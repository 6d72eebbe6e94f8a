import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

type MessageFn = (inputs?: Record<string, unknown>) => string;
const messages = m as unknown as Record<string, MessageFn | undefined>;

/** The user's-language text for one zod issue. Schemas name our own messages as `error_…` keys. */
export function issueMessage(issue: z.core.$ZodIssue): string {
	const own = issue.message && messages[`error_${issue.message}`];
	if (own) return own(issue as unknown as Record<string, unknown>);
	switch (issue.code) {
		case 'too_small':
			return Number(issue.minimum) <= 1 && issue.origin === 'string'
				? m.error_required()
				: issue.origin === 'string'
					? m.error_too_short({ min: Number(issue.minimum) })
					: m.error_too_small({ min: Number(issue.minimum) });
		case 'too_big':
			return issue.origin === 'string' ? m.error_too_long({ max: Number(issue.maximum) }) : m.error_too_big({ max: Number(issue.maximum) });
		case 'invalid_format':
			return issue.format === 'email' ? m.error_email_invalid() : m.error_format();
		case 'invalid_value':
			return m.error_choice();
		case 'invalid_type':
			return issue.input === undefined || issue.input === null ? m.error_required() : m.error_format();
		default:
			return m.error_format();
	}
}

export type FieldErrors = Record<string, string>;

/** The first message per field, keyed by the field's path ("sections.2.heading"). */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.join('.') || 'form';
		errors[key] ??= issueMessage(issue);
	}
	return errors;
}

/** Every text field of the form, to give back to the page so nothing typed is lost. */
export function formValues(formData: FormData, omit: readonly string[] = []): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of formData) {
		if (typeof value === 'string' && !omit.includes(key)) values[key] = value;
	}
	return values;
}

export type Parsed<T> = { ok: true; data: T; values: Record<string, string> } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Validates a form with its zod schema; passwords are never echoed back. */
export function parseForm<S extends z.ZodType>(
	schema: S,
	formData: FormData,
	omit: readonly string[] = ['password', 'currentPassword', 'newPassword', 'confirmPassword']
): Parsed<z.output<S>> {
	const values = formValues(formData, omit);
	const raw = Object.fromEntries(
		[...formData.keys()].map((key) => {
			const all = formData.getAll(key).filter((v): v is string => typeof v === 'string');
			return [key, all.length > 1 ? all : all[0]];
		})
	);
	const result = schema.safeParse(raw);
	return result.success ? { ok: true, data: result.data, values } : { ok: false, errors: fieldErrors(result.error), values };
}
