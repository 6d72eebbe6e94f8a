import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { commentIdSchema, editCommentSchema, newCommentSchema, reasonSchema } from '$lib/schemas/comments';
import { signInSchema } from '$lib/schemas/account';
import { formAction, formValues, parseForm, rateLimitedMessage, type FormFailure, type RefusalReason } from '$lib/server/pages/forms';
import { isDatabaseUnavailable } from '$lib/server/db';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { attemptSignIn } from '$lib/server/accounts/sign-in';
import * as plans from '$lib/server/plan-text/plans';
import * as comments from '$lib/server/commentary/write';
import * as moderation from '$lib/server/commentary/moderation';
import { commentErrorMessage, commentErrorStatus } from '$lib/server/pages/comment-errors';
import { loadSectionPage } from '$lib/server/pages/section-view';
import * as pageCache from '$lib/server/cache/page-cache';
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

/**
 * The comment forms' refusals: a signed-out sender is asked to sign in again with the text kept, and
 * a refused field comes back with what was typed (and, for some forms, which comment it was).
 */
function commentForm<Extra extends object = object>(invalid?: (values: Record<string, string>) => Extra) {
	return {
		omit: [],
		signInMessage: m.comment_sign_in_again,
		failure: (failure: FormFailure, reason: RefusalReason) =>
			reason === 'signed_out'
				? { ...failure, needSignIn: true as const }
				: reason === 'invalid' && invalid
					? { ...failure, ...invalid(failure.values) }
					: failure
	};
}

/** Deleting and endorsing give back no text. */
const bareForm = {
	omit: [],
	signInMessage: m.comment_sign_in_again,
	failure: ({ errors }: FormFailure, reason: RefusalReason) =>
		reason === 'signed_out' ? { values: {}, needSignIn: true as const, errors } : { errors }
};

export const actions = {
	createComment: formAction(newCommentSchema, commentForm(), async ({ data, values, user, event, limit }) => {
		try {
			const limited = await limit('comment', String(user.id));
			if (limited) return limited;
			const { id } = await comments.create({
				planId: await planId(event.params.slug),
				sectionKey: event.params.key,
				authorId: user.id,
				...data
			});
			const url = new URL(event.url);
			if (!data.parentId) {
				url.searchParams.set('sort', 'newest');
				url.searchParams.delete('page');
				// A top-level comment notifies no one: only this section's pages (and those counting every
				// section's comments) are drawn again. A reply's notice retires every page.
				event.locals.writeScope = pageCache.sectionScope(event.params.slug, event.params.key);
			}
			redirect(303, backTo(url, id));
		} catch (err) {
			return refused(err, values);
		}
	}),

	editComment: formAction(
		editCommentSchema,
		commentForm((values) => ({ editing: Number(values.commentId) })),
		async ({ data, values, user, event }) => {
			try {
				await comments.edit(data.commentId, user.id, data);
			} catch (err) {
				return refused(err, values);
			}
			redirect(303, backTo(event.url, data.commentId));
		}
	),

	deleteComment: formAction(commentIdSchema, bareForm, async ({ data, user, event }) => {
		try {
			await comments.remove(data.commentId, user.id);
		} catch (err) {
			return refused(err, {});
		}
		redirect(303, backTo(event.url, data.commentId));
	}),

	endorseComment: formAction(commentIdSchema, bareForm, async ({ data, user, event, formData }) => {
		try {
			const place =
				formData.get('withdraw') === '1'
					? await comments.withdrawEndorsement(data.commentId, user.id)
					: await comments.endorse(data.commentId, user.id);
			// Only this section's pages are drawn again, when the comment is this section's (a session's
			// statement without a section is endorsed from elsewhere: then every page is).
			if (place && place.sectionKey === event.params.key && place.planId === (await planId(event.params.slug))) {
				event.locals.writeScope = pageCache.sectionScope(event.params.slug, event.params.key);
			}
		} catch (err) {
			return refused(err, {});
		}
		redirect(303, backTo(event.url, data.commentId));
	}),

	flagComment: formAction(
		reasonSchema,
		commentForm((values) => ({ flagging: Number(values.commentId) })),
		async ({ data, values, user, limit }) => {
			const limited = await limit('flag', String(user.id));
			if (limited) return limited;
			try {
				await moderation.flag(data.commentId, user.id, data.reason);
			} catch (err) {
				if (err instanceof moderation.AlreadyFlaggedError) return { flagged: data.commentId, already: true };
				return refused(err, values);
			}
			return { flagged: data.commentId };
		}
	),

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
			return fail(429, { values: draft, needSignIn: true, errors: { form: rateLimitedMessage(outcome.retryAfterSeconds) } });
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
} satisfies Actions;
