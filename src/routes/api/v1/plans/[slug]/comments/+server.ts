import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { COMMENT_KINDS, commentBody, QUOTE_MAX_LENGTH } from '$lib/schemas/comments';
import * as plans from '$lib/server/plan-text/plans';
import * as comments from '$lib/server/commentary/write';
import * as commentsApi from '$lib/server/commentary/api-shape';
import * as limits from '$lib/server/limits/rate-limit';
import { apiError, PUBLIC_CACHE } from '$lib/server/http/api';
import { fieldErrors } from '$lib/server/pages/forms';
import { commentErrorMessage, commentErrorStatus } from '$lib/server/pages/comment-errors';
import { readJson } from '../../../endpoint';
import type { RequestHandler } from './$types';

const MAX_PAGE = 1000;
const DEFAULT_PAGE = 500;

/** Every comment of the plan, oldest first; page with ?after=<last id>&limit=<n ≤ 1000>. */
export const GET: RequestHandler = async ({ params, url }) => {
	const plan = await plans.bySlug(params.slug);
	if (!plan || !(await plans.currentVersion(plan.id))) return apiError(404, 'not_found', m.error_not_found());
	const after = Math.max(0, Number.parseInt(url.searchParams.get('after') ?? '0', 10) || 0);
	const limit = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(url.searchParams.get('limit') ?? '', 10) || DEFAULT_PAGE));
	const list = await commentsApi.forApi(plan.id, { afterId: after, limit });
	const next = list.length === limit ? new URL(`?after=${list.at(-1)!.id}&limit=${limit}`, url).href : null;
	return json({ comments: list, next }, { headers: PUBLIC_CACHE });
};

const postSchema = z.object({
	section_key: z.string().min(1).max(80),
	kind: z.enum(COMMENT_KINDS),
	body: commentBody,
	quote: z.string().trim().max(QUOTE_MAX_LENGTH).optional(),
	parent_id: z.number().int().positive().optional(),
	idempotency_key: z.string().min(8).max(100)
});

/** Posts a comment as the signed-in person (cookie session); same rules as the form. */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	if (!locals.user) return apiError(401, 'unauthorised', m.error_sign_in_required());
	const read = await readJson(request, m.error_format);
	if (read instanceof Response) return read;
	const parsed = postSchema.safeParse(read.body);
	if (!parsed.success) {
		return json({ message: m.error_form_summary(), code: 'invalid', errors: fieldErrors(parsed.error) }, { status: 400 });
	}
	const plan = await plans.bySlug(params.slug);
	if (!plan) return apiError(404, 'not_found', m.error_not_found());
	const limit = await limits.consume('comment', String(locals.user.id));
	if (!limit.allowed) {
		return json(
			{ message: m.error_rate_limited({ minutes: Math.max(1, Math.ceil(limit.retryAfterSeconds / 60)) }), code: 'rate_limited' },
			{ status: 429, headers: { 'retry-after': String(limit.retryAfterSeconds) } }
		);
	}
	try {
		const { id, created } = await comments.create({
			planId: plan.id,
			sectionKey: parsed.data.section_key,
			kind: parsed.data.kind,
			body: parsed.data.body,
			quote: parsed.data.quote || undefined,
			parentId: parsed.data.parent_id,
			authorId: locals.user.id,
			idempotencyKey: parsed.data.idempotency_key
		});
		return json({ id, created }, { status: created ? 201 : 200 });
	} catch (error) {
		if (error instanceof comments.CommentError) {
			return apiError(commentErrorStatus(error.code), error.code, commentErrorMessage(error.code));
		}
		throw error;
	}
};
