// What the plan editor's routes share: who may edit, and the draft as the editor shows it.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { can } from '$lib/roles';
import { toSeoulInput } from '$lib/format';
import { sectionsFromValues, treeOrder, valuesFromSections, type OutlineSection } from '$lib/outline';
import { DocumentError, parseUpload, toOutline } from '$lib/server/documents';
import type { ImportReport } from '$lib/schemas/documents';
import { requireUser } from '$lib/server/auth/guard';
import type { SessionUser } from '$lib/server/auth/session';
import * as plans from '$lib/server/plan-text/plans';
import { DEFAULT_PERIOD_DAYS, type DraftContent } from '$lib/server/plan-text/versions';
import { renderPlan } from '$lib/server/plan-text/markdown';
import { notFound } from '$lib/server/pages/plan-view';
import * as threads from '$lib/server/commentary/threads';

/** Officials only: a signed-out visitor is sent to sign in, anyone else gets 403. */
export function requireEditor(locals: App.Locals, url: URL): SessionUser {
	const user = requireUser(locals, url);
	if (!can(user, 'plans.edit')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	return user;
}

export async function planOrNotFound(slug: string): Promise<plans.Plan> {
	const plan = await plans.bySlug(slug);
	if (!plan) notFound();
	return plan;
}

/** The editor's validated sections as the draft to store: in reading order, chapters as null parents. */
export function draftContent(data: { title: string; sections: Pick<OutlineSection, 'key' | 'heading' | 'parentKey' | 'body'>[] }): DraftContent {
	return {
		title: data.title,
		sections: treeOrder(data.sections).map((s) => ({
			key: s.key,
			heading: s.heading,
			body: s.body,
			parentKey: s.parentKey || null
		}))
	};
}

export const previewsOf = (sections: Pick<OutlineSection, 'body'>[]) => sections.map((s) => renderPlan(s.body));

export type ImportResult = { ok: true; values: Record<string, string>; report: ImportReport } | { ok: false; message: string };

/**
 * The form's values with its sections replaced by the uploaded document's (nothing is saved).
 * Sections the form had lend their keys to imported ones of the same heading; the title is kept,
 * or taken from the document when the form has none.
 */
export async function importedValues(formData: FormData, values: Record<string, string>, titleField = 'title'): Promise<ImportResult> {
	let parsed: Awaited<ReturnType<typeof parseUpload>>;
	try {
		parsed = await parseUpload(formData);
	} catch (error) {
		if (error instanceof DocumentError) return { ok: false, message: error.message };
		throw error;
	}
	const { sections, dropped } = toOutline(parsed.sections, sectionsFromValues(values));
	const kept = Object.fromEntries(Object.entries(values).filter(([name]) => !name.startsWith('sections.')));
	const title = kept[titleField]?.trim() || parsed.title || '';
	const warnings = parsed.warnings.map((w) => w.message);
	if (dropped) warnings.push(m.document_import_warning_replaced({ count: dropped }));
	return {
		ok: true,
		values: { ...kept, [titleField]: title, ...valuesFromSections(sections) },
		report: { fileName: parsed.fileName, count: sections.length, warnings }
	};
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function loadEditor(slug: string, now = new Date()) {
	const plan = await planOrNotFound(slug);
	const [draft, current] = await Promise.all([plans.draftOf(plan.id), plans.currentVersion(plan.id)]);
	const [draftSections, publishedSections] = await Promise.all([
		draft ? plans.sectionsOf(draft.id) : Promise.resolve([]),
		current ? plans.sectionsOf(current.id) : Promise.resolve([])
	]);
	const publishedKeys = new Set(publishedSections.map((s) => s.key));
	// Removing a section others have commented on is asked about first, with the count.
	const commentCounts = current ? await threads.countsBySection(plan.id, current.number) : {};
	const sections: OutlineSection[] = draftSections.map((s) => ({
		key: s.key,
		heading: s.heading,
		parentKey: s.parentKey ?? '',
		body: s.body,
		locked: publishedKeys.has(s.key)
	}));
	return {
		plan: { slug: plan.slug, title: plan.title, summary: plan.summary, organisation: plan.organisation },
		draft: draft ? { id: draft.id, number: draft.number, title: draft.title, createdAt: draft.createdAt } : null,
		sections,
		commentCounts,
		previews: previewsOf(sections),
		current: current
			? {
					number: current.number,
					title: current.title,
					status: current.status,
					publishedAt: current.publishedAt,
					commentsOpenAt: current.commentsOpenAt,
					commentsCloseAt: current.commentsCloseAt
				}
			: null,
		/** What the publish form proposes: comments open from now for the usual period. */
		periodDefaults: {
			commentsOpenAt: toSeoulInput(now),
			commentsCloseAt: toSeoulInput(new Date(now.getTime() + DEFAULT_PERIOD_DAYS * DAY_MS))
		},
		now
	};
}

export type EditorData = Awaited<ReturnType<typeof loadEditor>>;
