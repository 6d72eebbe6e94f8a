import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { periodState } from '$lib/period';
import * as comments from '$lib/server/commentary/views';
import * as commentThreads from '$lib/server/commentary/threads';
import * as plans from '$lib/server/plan-text/plans';
import * as responses from '$lib/server/outcome/responses';
import { viewerOf } from '$lib/server/pages/section-view';
import { panelForThreads } from '$lib/server/analysis/suggestions';
import { renderComment } from '$lib/server/plan-text/markdown';
import type { PageServerLoad } from './$types';

/** A comment's own page: its whole thread, where it sits in the plan, its edit history and its earlier answers. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const id = Number(params.id);
	const viewer = viewerOf(locals.user);
	const comment = Number.isInteger(id) && id > 0 ? await comments.byId(id, viewer) : null;
	if (!comment) error(404, { message: m.error_not_found(), code: 'not_found' });
	const [plan, thread, history, answerHistory] = await Promise.all([
		plans.byId(comment.planId),
		commentThreads.thread(comment.rootId ?? comment.id, viewer),
		comment.bodyHtml !== null ? comments.revisions(comment.id) : Promise.resolve([]),
		comment.response ? responses.history(comment.id) : Promise.resolve([])
	]);
	const current = plan && (await plans.currentVersion(plan.id));
	if (!plan || !current || !thread) error(404, { message: m.error_not_found(), code: 'not_found' });
	const section = await plans.sectionOf(current.id, comment.sectionKey);
	return {
		comment,
		thread,
		history,
		// Earlier answers of officials, oldest first: the current one is on the comment itself.
		answerHistory: answerHistory.map((answer) => ({ ...answer, bodyHtml: renderComment(answer.body) })),
		plan: { slug: plan.slug, title: plan.title },
		section: { key: comment.sectionKey, heading: section?.heading ?? comment.sectionKey, inCurrent: !!section },
		currentVersion: current.number,
		canComment: locals.user !== null && periodState(current) === 'open' && !!section,
		changedSince: await commentThreads.sectionChangedSince(plan.id, comment.sectionKey, current.number),
		coding: await panelForThreads([thread], locals.user),
		formKey: crypto.randomUUID()
	};
};
