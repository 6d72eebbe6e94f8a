import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { responseSchema, speakerRoleSchema } from '$lib/schemas/responses';
import { safeRedirect } from '$lib/schemas/account';
import { parseFilters, parsePage } from '$lib/schemas/search';
import { requireCapability, requireUser } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/pages/forms';
import * as plans from '$lib/server/plan-text/plans';
import * as comments from '$lib/server/commentary/views';
import * as responses from '$lib/server/outcome/responses';
import * as sessions from '$lib/server/meetings/meetings';
import { setSpeakerRole } from '$lib/server/meetings/statements';
import { numberSections } from '$lib/server/plan-text/section-numbers';
import { viewerOf } from '$lib/server/pages/section-view';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	requireUser(locals, url);
	const official = requireCapability(locals, 'responses.write');
	const plan = await plans.bySlug(params.slug);
	const current = plan && (await plans.currentVersion(plan.id));
	if (!plan || !current) error(404, { message: m.error_not_found(), code: 'not_found' });
	// Read like the other pages' filters: an id beyond the database's integer range is no filter.
	const { session } = parseFilters(url.searchParams);
	const filters: responses.QueueFilters = {
		sectionKey: url.searchParams.get('section') || undefined,
		themeSlug: url.searchParams.get('theme') || undefined,
		sessionId: typeof session === 'number' ? session : undefined,
		group: url.searchParams.get('group') || undefined,
		answered: (['yes', 'all', 'voices'] as const).find((v) => v === url.searchParams.get('answered')) ?? 'no'
	};
	const page = parsePage(url.searchParams);
	const found = await responses.queue(plan.id, filters, page);
	const list = await comments.listByIds(found.ids, viewerOf(official));
	const sectionHeadings = new Map<string, string>();
	for (const version of await plans.publishedVersions(plan.id)) {
		for (const section of numberSections(await plans.sectionsOf(version.id))) {
			if (!sectionHeadings.has(section.key)) sectionHeadings.set(section.key, `${section.heading}`);
		}
	}
	return {
		plan: { slug: plan.slug, title: plan.title },
		comments: list,
		total: found.total,
		page: found.page,
		pages: found.pages,
		...(await responses.unansweredCount(plan.id)),
		currentVersion: current.number,
		filters: {
			section: filters.sectionKey ?? '',
			theme: filters.themeSlug ?? '',
			session: filters.sessionId ?? '',
			group: filters.group ?? '',
			answered: filters.answered
		},
		sections: [...sectionHeadings].map(([key, heading]) => ({ key, heading })),
		themes: await responses.themeOptions(),
		sessions: await sessions.listForPlan(plan.id)
	};
};

export const actions: Actions = {
	respondToComment: async ({ locals, request, url }) => {
		const official = requireCapability(locals, 'responses.write');
		const parsed = parseForm(responseSchema, await request.formData());
		if (!parsed.ok) {
			return fail(400, { responding: Number(parsed.values.commentId), values: parsed.values, errors: parsed.errors });
		}
		try {
			await responses.respond(parsed.data.commentId, official.id, parsed.data);
		} catch (err) {
			if (err instanceof responses.ResponseError) {
				return fail(409, { responding: parsed.data.commentId, values: parsed.values, errors: { form: m.comment_error_missing() } });
			}
			throw err;
		}
		redirect(303, safeRedirect(parsed.data.redirectTo, url.pathname));
	},

	setSpeakerRole: async ({ locals, request, url }) => {
		const official = requireCapability(locals, 'responses.write');
		const parsed = parseForm(speakerRoleSchema, await request.formData());
		if (!parsed.ok) return fail(400, { roleOf: Number(parsed.values.commentId), errors: parsed.errors });
		await setSpeakerRole(parsed.data.commentId, parsed.data.role, official.id);
		redirect(303, safeRedirect(parsed.data.redirectTo, url.pathname));
	}
};
