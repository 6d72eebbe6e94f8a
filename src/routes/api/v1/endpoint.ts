// What the JSON endpoints for signed-in callers share: refusing a caller, and reading the body.
import { isHttpError, json, type RequestHandler } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { Capability } from '$lib/roles';
import { apiError } from '$lib/server/http/api';
import { requireCapability } from '$lib/server/auth/guard';

/** 401 signed out, 403 without the capability, as JSON in the user's language; null when allowed. */
export function capabilityRefusal(locals: App.Locals, capability: Capability): Response | null {
	try {
		requireCapability(locals, capability);
		return null;
	} catch (error) {
		if (!isHttpError(error)) throw error;
		const message = error.status === 401 ? m.error_sign_in_required() : m.error_forbidden();
		return apiError(error.status, error.body.code ?? (error.status === 401 ? 'unauthorised' : 'forbidden'), message);
	}
}

/** The parsed JSON body, or the 400 answer (worded by `message`) when it is not JSON. */
export async function readJson(request: Request, message: () => string = m.error_invalid_json): Promise<{ body: unknown } | Response> {
	try {
		return { body: await request.json() };
	} catch {
		return apiError(400, 'invalid_json', message());
	}
}

/** How one endpoint words the refusals of its text: the schema's issue messages and the answers for them. */
export interface TextRefusals {
	max: number;
	tooLong: { issue: string; message: (inputs: { max: string }) => string };
	empty: { issue: string; message: () => string };
	missing: () => string;
}

/** The `text` of a JSON body checked by `schema`, or the 400 answer saying what is wrong with it. */
export async function readText(
	request: Request,
	locale: string,
	schema: z.ZodType<{ text: string }>,
	refusals: TextRefusals
): Promise<string | Response> {
	const read = await readJson(request);
	if (read instanceof Response) return read;
	const parsed = schema.safeParse(read.body);
	if (parsed.success) return parsed.data.text;
	const reason = parsed.error.issues[0]?.message;
	if (reason === refusals.tooLong.issue) {
		const max = new Intl.NumberFormat(locale).format(refusals.max);
		return apiError(400, 'text_too_long', refusals.tooLong.message({ max }));
	}
	if (reason === refusals.empty.issue) return apiError(400, 'text_empty', refusals.empty.message());
	return apiError(400, 'text_required', refusals.missing());
}

/** A POST of `{ text }` for callers with `capability`: `answer(text)` as JSON that is not cached. */
export function textEndpoint(
	capability: Capability,
	schema: z.ZodType<{ text: string }>,
	refusals: TextRefusals,
	answer: (text: string) => unknown
): RequestHandler {
	return async ({ locals, request }) => {
		const refused = capabilityRefusal(locals, capability);
		if (refused) return refused;
		const text = await readText(request, locals.locale, schema, refusals);
		if (text instanceof Response) return text;
		return json(await answer(text), { headers: { 'cache-control': 'no-store' } });
	};
}
