import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { safeRedirect } from '$lib/schemas/account';
import { bulkDecisionSchema, readQueueFilters, reviewFormSchema, tagFormSchema } from '$lib/schemas/themes';
import { requireCapability, requireUser } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/pages/forms';
import { notFound } from '$lib/server/pages/plan-view';
import * as plans from '$lib/server/plan-text/plans';
import * as tagging from '$lib/server/analysis/tagging';
import * as suggestions from '$lib/server/analysis/suggestions';
import * as codingQueue from '$lib/server/analysis/coding-queue';
import { CodingError } from '$lib/server/analysis/coder';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	requireUser(locals, url);
	const user = requireCapability(locals, 'comments.tag');
	const plan = await plans.bySlug(params.slug);
	if (!plan) notFound();
	const filters = readQueueFilters(url.searchParams);
	const context = await suggestions.suggestionContext();
	const [queue, options] = await Promise.all([codingQueue.queue(plan.id, filters, user, context), codingQueue.queueOptions(plan.id)]);
	// The controls beside each comment read the same suggestions the queue computed, so both agree.
	const coding: suggestions.CodingPanel = {
		me: user.id,
		themes: suggestions.themeOptions(context),
		suggestions: Object.fromEntries(queue.items.map((item) => [item.id, item.suggestions])),
		reviewed: queue.items.filter((item) => item.codedByMe).map((item) => item.id)
	};
	return { plan: { slug: plan.slug, title: plan.title }, filters, queue, options, coding };
};

type Decision = 'tagged' | 'untagged' | 'accepted' | 'rejected' | 'reviewed';

/** Back where the researcher was (the queue with its filters, or a thread at the comment). */
function back(event: RequestEvent, redirectTo: string | undefined, extra?: Record<string, string>): never {
	const fallback = `/plans/${event.params.slug}/coding`;
	let target = safeRedirect(redirectTo, fallback);
	if (extra) {
		const url = new URL(target, event.url);
		for (const [name, value] of Object.entries(extra)) url.searchParams.set(name, value);
		target = `${url.pathname}${url.search}${url.hash}`;
	}
	redirect(303, target);
}

function refused(error: unknown, commentId: number | null) {
	if (error instanceof CodingError) {
		const message =
			error.code === 'comment_not_found' ? m.coding_error_comment() : error.code === 'theme_not_found' ? m.coding_error_theme() : m.error_forbidden();
		return fail(error.code === 'forbidden' ? 403 : 409, { coding: { commentId, message } });
	}
	throw error;
}

function invalid(errors: Record<string, string>, values: Record<string, string>) {
	const commentId = Number(values.commentId);
	return fail(400, {
		coding: { commentId: Number.isInteger(commentId) && commentId > 0 ? commentId : null, message: Object.values(errors)[0] }
	});
}

/** One comment, one theme: tag, untag, accept or reject. */
async function themeAction(event: RequestEvent, act: Decision) {
	const user = requireCapability(event.locals, 'comments.tag');
	const parsed = parseForm(tagFormSchema, await event.request.formData());
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const { commentId, theme, redirectTo } = parsed.data;
	try {
		if (act === 'tagged') await tagging.tag(commentId, theme, user);
		else if (act === 'untagged') await tagging.untag(commentId, theme, user);
		else if (act === 'accepted') await tagging.acceptSuggestion(commentId, theme, user);
		else await tagging.rejectSuggestion(commentId, theme, user);
	} catch (error) {
		return refused(error, commentId);
	}
	back(event, redirectTo);
}

async function bulkAction(event: RequestEvent, decision: 'accepted' | 'rejected') {
	const user = requireCapability(event.locals, 'comments.tag');
	const parsed = parseForm(bulkDecisionSchema, await event.request.formData());
	if (!parsed.ok) return fail(400, { coding: { commentId: null, message: m.error_format() } });
	const decided = await tagging.decideMany(parsed.data.pair, decision, user);
	back(event, parsed.data.redirectTo, { decided: `${decision}:${decided}` });
}

export const actions: Actions = {
	tagComment: (event) => themeAction(event, 'tagged'),
	untagComment: (event) => themeAction(event, 'untagged'),
	acceptSuggestion: (event) => themeAction(event, 'accepted'),
	rejectSuggestion: (event) => themeAction(event, 'rejected'),
	markReviewed: async (event) => {
		const user = requireCapability(event.locals, 'comments.tag');
		const parsed = parseForm(reviewFormSchema, await event.request.formData());
		if (!parsed.ok) return invalid(parsed.errors, parsed.values);
		try {
			await tagging.markReviewed(parsed.data.commentId, user);
		} catch (error) {
			return refused(error, parsed.data.commentId);
		}
		back(event, parsed.data.redirectTo);
	},
	acceptAllShown: (event) => bulkAction(event, 'accepted'),
	rejectAllShown: (event) => bulkAction(event, 'rejected')
};
