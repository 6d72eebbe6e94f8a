import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { SessionUser } from '$lib/server/auth/session';
import * as limits from '$lib/server/limits/rate-limit';

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

/** What a refused form gives back to its page: the text typed (never a password) and a message per field. */
export interface FormFailure {
	values: Record<string, string>;
	errors: FieldErrors;
}

/** Why a form was refused, for actions whose page wants more than `values` and `errors` back. */
export type RefusalReason = 'signed_out' | 'invalid' | 'limited' | 'refused';

/** "Too many attempts, try again in N minutes", in the reader's language (never less than a minute). */
export function rateLimitedMessage(retryAfterSeconds: number): string {
	return m.error_rate_limited({ minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
}

export interface FormInput<T, Event extends RequestEvent, User, Failure> {
	/** The form as the schema gives it. */
	data: T;
	/** The text fields as sent, for the page to show again. */
	values: Record<string, string>;
	formData: FormData;
	user: User;
	event: Event;
	/** `fail(status)` in this form's shape: `refuse(400, { email: m.error_email_taken() })`. */
	refuse(status: number, errors: FieldErrors, reason?: RefusalReason): ActionFailure<Failure>;
	/** 429 saying how long to wait, for a limit counted elsewhere (password guesses). */
	limited(retryAfterSeconds: number): ActionFailure<Failure>;
	/** Counts one action against the limit: the 429 when it is spent, else null. */
	limit(name: Parameters<typeof limits.consume>[0], key: string): Promise<ActionFailure<Failure> | null>;
}

export interface FormOptions<Event extends RequestEvent, User, Failure> {
	/**
	 * Who may send the form. The default refuses a signed-out sender with 401 and the sign-in message
	 * (the typed text comes back); a guard such as `requireEditor` throws its own redirect or error;
	 * `anyone` lets everyone in (the user is then null).
	 */
	user?: (event: Event) => User | Promise<User>;
	/** The refusal's words for a signed-out sender, with the default `user`. */
	signInMessage?: () => string;
	/** What the page gets back when the form is refused; `{ values, errors }` unless given. */
	failure?: (failure: FormFailure, reason: RefusalReason) => Failure;
	/** Fields never given back (passwords unless told otherwise). */
	omit?: readonly string[];
}

/** Sign-in forms and the like: no one needs to be signed in. */
export const anyone = (): null => null;

class SignedOut {}

function signedIn(event: RequestEvent): SessionUser {
	if (!event.locals.user) throw new SignedOut();
	return event.locals.user;
}

/**
 * A form action written once: who may send it, the form parsed with its schema (400 with a message
 * per field in the reader's language, and the typed text kept), the rate-limit refusal, and the same
 * failure shape for every refusal, so the page's `ActionData` is typed. `run` returns what the page
 * gets on success, or redirects.
 */
export function formAction<S extends z.ZodType, Event extends RequestEvent, Result>(
	schema: S,
	run: (input: FormInput<z.output<S>, Event, SessionUser, FormFailure>) => Result | Promise<Result>
): (event: Event) => Promise<Result | ActionFailure<FormFailure>>;
/** With options first, so the failure's shape and the user's type are known inside `run`. */
export function formAction<S extends z.ZodType, Event extends RequestEvent, Result, User = SessionUser, Failure = FormFailure>(
	schema: S,
	options: FormOptions<Event, User, Failure>,
	run: (input: FormInput<z.output<S>, Event, User, Failure>) => Result | Promise<Result>
): (event: Event) => Promise<Result | ActionFailure<Failure>>;
export function formAction<S extends z.ZodType, Event extends RequestEvent, Result, User, Failure>(
	schema: S,
	...args:
		| [run: (input: FormInput<z.output<S>, Event, User, Failure>) => Result | Promise<Result>]
		| [options: FormOptions<Event, User, Failure>, run: (input: FormInput<z.output<S>, Event, User, Failure>) => Result | Promise<Result>]
): (event: Event) => Promise<Result | ActionFailure<Failure>> {
	const [options, run] = args.length === 1 ? [{} as FormOptions<Event, User, Failure>, args[0]] : args;
	const shape = options.failure ?? ((failure: FormFailure) => failure as Failure);
	const guard = options.user ?? (signedIn as unknown as (event: Event) => User);
	return async (event) => {
		const formData = await event.request.formData();
		const parsed = parseForm(schema, formData, options.omit);
		const refuse = (status: number, errors: FieldErrors, reason: RefusalReason = 'refused') =>
			fail(status, shape({ values: parsed.values, errors }, reason));
		let user: User;
		try {
			user = await guard(event);
		} catch (thrown) {
			if (!(thrown instanceof SignedOut)) throw thrown;
			return refuse(401, { form: (options.signInMessage ?? m.error_sign_in_required)() }, 'signed_out');
		}
		if (!parsed.ok) return refuse(400, parsed.errors, 'invalid');
		const limited = (retryAfterSeconds: number) => refuse(429, { form: rateLimitedMessage(retryAfterSeconds) }, 'limited');
		return run({
			data: parsed.data,
			values: parsed.values,
			formData,
			user,
			event,
			refuse,
			limited,
			limit: async (name, key) => {
				const result = await limits.consume(name, key);
				return result.allowed ? null : limited(result.retryAfterSeconds);
			}
		});
	};
}
