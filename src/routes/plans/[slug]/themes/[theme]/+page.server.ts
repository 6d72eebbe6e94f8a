import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { can } from '$lib/roles';
import { requireCapability } from '$lib/server/auth/guard';
import { parseForm, type FieldErrors } from '$lib/server/pages/forms';
import { renderComment } from '$lib/server/plan-text/markdown';
import { notFound, resolveVersion } from '$lib/server/pages/plan-view';
import * as plans from '$lib/server/plan-text/plans';
import * as search from '$lib/server/analysis/search';
import { filterOptions } from '$lib/server/analysis/filter-options';
import * as syntheses from '$lib/server/analysis/syntheses';
import { parseFilters, parsePage, parseSort } from '$lib/schemas/search';
import { moveQuoteSchema, pinQuoteSchema, quoteIdSchema, synthesisSchema } from '$lib/schemas/syntheses';
import type { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

type Actor = Awaited<ReturnType<typeof editing>>['actor'];

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { plan } = await resolveVersion(params.slug, null, locals.user);
	const theme = await syntheses.themeBySlug(params.theme);
	if (!theme) notFound();
	if (theme.mergedInto) redirect(308, `/plans/${plan.slug}/themes/${theme.mergedInto}${url.search}`);
	const canEdit = can(locals.user, 'syntheses.edit');
	const filters = { ...parseFilters(url.searchParams), theme: theme.slug };
	const sort = parseSort(url.searchParams);
	const [found, synthesis, quotes, options] = await Promise.all([
		search.findComments({ planId: plan.id, filters, order: sort, page: parsePage(url.searchParams) }),
		syntheses.synthesisOf(plan.id, theme.id),
		syntheses.quotesOf(plan.id, { themeId: theme.id, includeHidden: canEdit }),
		filterOptions(plan.id)
	]);
	return {
		plan: { slug: plan.slug, title: plan.title },
		theme,
		synthesis,
		quotes,
		comments: found.hits.map(({ body, ...hit }) => ({ ...hit, bodyHtml: renderComment(body) })),
		total: found.total,
		page: found.page,
		pages: found.pages,
		filters,
		sort,
		options,
		canEdit,
		canExport: can(locals.user, 'comments.export'),
		saved: url.searchParams.get('saved') === '1'
	};
};

/** The researcher, plan and theme of an action; anyone else is refused before anything is read. */
async function editing(event: RequestEvent) {
	const actor = requireCapability(event.locals, 'syntheses.edit');
	const plan = await plans.bySlug(event.params.slug ?? '');
	const theme = plan && (await syntheses.themeBySlug(event.params.theme ?? ''));
	if (!plan || !theme) notFound();
	return { actor, plan, theme };
}

/** The page the action came from, with its filters, at `anchor`. */
function back(url: URL, anchor: string, extra: Record<string, string> = {}): string {
	const params = new URLSearchParams([...url.searchParams].filter(([key]) => !key.startsWith('/') && key !== 'saved'));
	for (const [key, value] of Object.entries(extra)) params.set(key, value);
	const query = params.size ? `?${params}` : '';
	return `${url.pathname}${query}#${anchor}`;
}

function refusal(error: unknown) {
	if (!(error instanceof syntheses.SynthesisError)) throw error;
	switch (error.code) {
		case 'comment_not_found':
			return { status: 404, message: m.synthesis_error_comment_not_found() };
		case 'excerpt_not_found':
			return { status: 400, message: m.synthesis_error_excerpt_not_found() };
		case 'quote_not_found':
			return { status: 404, message: m.synthesis_error_quote_not_found() };
		default:
			return { status: 403, message: m.synthesis_error_forbidden() };
	}
}

/** Unpin or move a pinned quote: a refusal is said above the quotes, a success goes back to `anchor`. */
async function quoteAction<T extends { quoteId: number }>(
	event: RequestEvent,
	schema: z.ZodType<T>,
	act: (actor: Actor, input: T & { planId: number; themeId: number }) => Promise<void>,
	anchor: (data: T) => string
) {
	const { actor, plan, theme } = await editing(event);
	const parsed = parseForm(schema, await event.request.formData());
	if (!parsed.ok) return fail(400, { quoteError: m.synthesis_error_quote_not_found() });
	try {
		await act(actor, { planId: plan.id, themeId: theme.id, ...parsed.data });
	} catch (error) {
		return fail(refusal(error).status, { quoteError: refusal(error).message });
	}
	redirect(303, back(event.url, anchor(parsed.data)));
}

export const actions: Actions = {
	saveSynthesis: async (event) => {
		const { actor, plan, theme } = await editing(event);
		const parsed = parseForm(synthesisSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { editor: true, values: parsed.values, errors: parsed.errors });
		const result = await syntheses.saveSynthesis(actor, {
			planId: plan.id,
			themeId: theme.id,
			body: parsed.data.body,
			expectedRevision: parsed.data.revision
		});
		if (!result.saved) {
			return fail(409, {
				editor: true,
				values: parsed.values,
				errors: { form: m.synthesis_conflict() } as FieldErrors,
				conflict: {
					html: result.current.html,
					updatedBy: result.current.updatedBy,
					updatedAt: result.current.updatedAt,
					revision: result.current.revision
				}
			});
		}
		redirect(303, back(event.url, 'synthesis', { saved: '1' }));
	},

	previewSynthesis: async (event) => {
		await editing(event);
		const parsed = parseForm(synthesisSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { editor: true, values: parsed.values, errors: parsed.errors });
		return { editor: true, values: parsed.values, preview: renderComment(parsed.data.body) };
	},

	pinQuote: async (event) => {
		const { actor, plan, theme } = await editing(event);
		const parsed = parseForm(pinQuoteSchema, await event.request.formData());
		const commentId = Number(parsed.values.commentId) || 0;
		if (!parsed.ok) return fail(400, { pinning: commentId, values: parsed.values, errors: parsed.errors });
		try {
			await syntheses.pinQuote(actor, { planId: plan.id, themeId: theme.id, ...parsed.data });
		} catch (error) {
			const { status, message } = refusal(error);
			return fail(status, { pinning: commentId, values: parsed.values, errors: { excerpt: message } as FieldErrors });
		}
		redirect(303, back(event.url, 'quotes'));
	},

	unpinQuote: (event) => quoteAction(event, quoteIdSchema, syntheses.unpinQuote, () => 'quotes'),
	moveQuote: (event) => quoteAction(event, moveQuoteSchema, syntheses.moveQuote, (data) => `quote-${data.quoteId}`)
};
