import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { commentIdSchema, editCommentSchema, newCommentSchema, reasonSchema } from '$lib/schemas/comments';
import { signInSchema } from '$lib/schemas/account';
import { parseForm, formValues } from '$lib/server/pages/forms';
import { isDatabaseUnavailable } from '$lib/server/db';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { attemptSignIn } from '$lib/server/accounts/sign-in';
import * as plans from '$lib/server/plan-text/plans';
import * as comments from '$lib/server/commentary/write';
import * as moderation from '$lib/server/commentary/moderation';
import * as limits from '$lib/server/limits/rate-limit';
import { commentErrorMessage, commentErrorStatus } from '$lib/server/pages/comment-errors';
import { loadSectionPage } from '$lib/server/pages/section-view';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals, url, depends }) => {
	depends('app:section-comments');
	return loadSectionPage({
		slug: params.slug,
		versionNumber: null,
		key: params.key,
		user: locals.user,
		url,
		tokens: locals.pageTokens,
		record: locals.pageRecord
	});
};

/** Where the person was: the same sort and page, at the comment. */
function backTo(url: URL, commentId?: number): string {
	const search = new URLSearchParams();
	for (const name of ['sort', 'page']) {
		const value = url.searchParams.get(name);
		if (value) search.set(name, value);
	}
	const query = search.size ? `?${search}` : '';
	return `${url.pathname}${query}${commentId ? `#c-${commentId}` : ''}`;
}

async function planId(slug: string): Promise<number> {
	const plan = await plans.bySlug(slug);
	if (!plan) error(404, { message: m.error_not_found(), code: 'not_found' });
	return plan.id;
}

function refused(err: unknown, values: Record<string, string>) {
	if (err instanceof comments.CommentError) {
		// The text stays on the page under a new key, so sending it again posts it as a comment of its own.
		const kept = err.code === 'key_reused' ? { ...values, idempotencyKey: `${crypto.randomUUID()}-${values.parentId || 'top'}` } : values;
		return fail(commentErrorStatus(err.code), { values: kept, errors: { form: commentErrorMessage(err.code) } });
	}
	// The database went away: say so and hand the text back (the error page shows it when the page
	// itself cannot be drawn).
	if (isDatabaseUnavailable(err)) {
		error(503, { message: m.error_database_unavailable(), code: 'database_unavailable', draft: values });
	}
	throw err;
}

async function signedIn(event: RequestEvent, values: Record<string, string>) {
	const user = event.locals.user;
	if (!user) {
		return {
			user: null,
			refusal: fail(401, { values, needSignIn: true, errors: { form: m.comment_sign_in_again() } })
		} as const;
	}
	return { user, refusal: null } as const;
}

export const actions: Actions = {
	createComment: async (event) => {
		const formData = await event.request.formData();
		const values = formValues(formData);
		const { user, refusal } = await signedIn(event, values);
		if (!user) return refusal;
		const parsed = parseForm(newCommentSchema, formData);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		try {
			const limit = await limits.consume('comment', String(user.id));
			if (!limit.allowed) {
				return fail(429, {
					values,
					errors: { form: m.error_rate_limited({ minutes: Math.max(1, Math.ceil(limit.retryAfterSeconds / 60)) }) }
				});
			}
			const { id } = await comments.create({
				planId: await planId(event.params.slug),
				sectionKey: event.params.key,
				authorId: user.id,
				...parsed.data
			});
			const url = new URL(event.url);
			if (!parsed.data.parentId) {
				url.searchParams.set('sort', 'newest');
				url.searchParams.delete('page');
			}
			redirect(303, backTo(url, id));
		} catch (err) {
			return refused(err, values);
		}
	},

	editComment: async (event) => {
		const formData = await event.request.formData();
		const values = formValues(formData);
		const { user, refusal } = await signedIn(event, values);
		if (!user) return refusal;
		const parsed = parseForm(editCommentSchema, formData);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors, editing: Number(values.commentId) });
		try {
			await comments.edit(parsed.data.commentId, user.id, parsed.data);
		} catch (err) {
			return refused(err, values);
		}
		redirect(303, backTo(event.url, parsed.data.commentId));
	},

	deleteComment: async (event) => {
		const formData = await event.request.formData();
		const { user, refusal } = await signedIn(event, {});
		if (!user) return refusal;
		const parsed = parseForm(commentIdSchema, formData);
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		try {
			await comments.remove(parsed.data.commentId, user.id);
		} catch (err) {
			return refused(err, {});
		}
		redirect(303, backTo(event.url, parsed.data.commentId));
	},

	endorseComment: async (event) => {
		const formData = await event.request.formData();
		const { user, refusal } = await signedIn(event, {});
		if (!user) return refusal;
		const parsed = parseForm(commentIdSchema, formData);
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		try {
			if (formData.get('withdraw') === '1') await comments.withdrawEndorsement(parsed.data.commentId, user.id);
			else await comments.endorse(parsed.data.commentId, user.id);
		} catch (err) {
			return refused(err, {});
		}
		redirect(303, backTo(event.url, parsed.data.commentId));
	},

	flagComment: async (event) => {
		const formData = await event.request.formData();
		const values = formValues(formData);
		const { user, refusal } = await signedIn(event, values);
		if (!user) return refusal;
		const parsed = parseForm(reasonSchema, formData);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors, flagging: Number(values.commentId) });
		const limit = await limits.consume('flag', String(user.id));
		if (!limit.allowed) {
			return fail(429, {
				values,
				errors: { form: m.error_rate_limited({ minutes: Math.max(1, Math.ceil(limit.retryAfterSeconds / 60)) }) }
			});
		}
		try {
			await moderation.flag(parsed.data.commentId, user.id, parsed.data.reason);
		} catch (err) {
			if (err instanceof moderation.AlreadyFlaggedError) return { flagged: parsed.data.commentId, already: true };
			return refused(err, values);
		}
		return { flagged: parsed.data.commentId };
	},

	/** Signing in again from the comment form keeps the draft, ready to send. */
	signInToComment: async (event) => {
		const formData = await event.request.formData();
		const draft = Object.fromEntries(
			Object.entries(formValues(formData))
				.filter(([key]) => key.startsWith('draft.'))
				.map(([key, value]) => [key.slice(6), value])
		);
		const parsed = parseForm(signInSchema, formData);
		if (!parsed.ok) return fail(400, { values: draft, needSignIn: true, errors: { form: m.error_sign_in_failed() } });
		const outcome = await attemptSignIn(parsed.data.email, parsed.data.password, event.getClientAddress());
		if (outcome.kind === 'limited') {
			return fail(429, {
				values: draft,
				needSignIn: true,
				errors: { form: m.error_rate_limited({ minutes: Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60)) }) }
			});
		}
		if (outcome.kind === 'failed') return fail(400, { values: draft, needSignIn: true, errors: { form: m.error_sign_in_failed() } });
		const { user } = outcome;
		const { session, token } = await createSession(user.id);
		setSessionCookie(event.cookies, token, event.url);
		// The page drawn after this action must already see the person signed in.
		event.locals.session = session;
		event.locals.user = {
			id: user.id,
			email: user.email,
			displayName: user.displayName,
			organisation: user.organisation,
			stakeholderGroup: user.stakeholderGroup,
			roles: user.roles
		};
		return { values: draft, signedInAgain: true };
	}
};
