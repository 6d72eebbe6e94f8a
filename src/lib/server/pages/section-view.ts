// The section page: one section of one version with its comment threads.
import { can } from '$lib/roles';
import { periodState } from '$lib/period';
import { SORTS, type ThreadSort } from '$lib/schemas/comments';
import type { SessionUser } from '$lib/server/auth/session';
import * as frozenText from '$lib/server/cache/frozen-text';
import * as comments from '$lib/server/commentary/threads';
import type { Viewer } from '$lib/server/commentary/views';
import * as suggestions from '$lib/server/analysis/suggestions';
import { notFound, resolveVersion } from '$lib/server/pages/plan-view';
import { numberSections } from '$lib/server/plan-text/section-numbers';
import { renderPlan } from '$lib/server/plan-text/markdown';
import type { PageTokens } from '$lib/server/cache/page-cache';
import type { PageRecord } from '$lib/server/cache/reader-pages';

export function parseSort(raw: string | null): ThreadSort {
	return SORTS.includes(raw as ThreadSort) ? (raw as ThreadSort) : 'oldest';
}

export function viewerOf(user: SessionUser | null): Viewer | null {
	return user ? { id: user.id, canModerate: can(user, 'moderation.act') } : null;
}

export async function loadSectionPage(options: {
	slug: string;
	versionNumber: number | null;
	key: string;
	user: SessionUser | null;
	url: URL;
	/** Set when the page is drawn to be shared (hooks.server.ts): its form key is a placeholder. */
	tokens?: PageTokens;
	/** Filled with what the page shows of the reader's own and endorsed comments. */
	record?: PageRecord;
}) {
	const { plan, version } = await resolveVersion(options.slug, options.versionNumber, options.user);
	if (version.status === 'draft') notFound();
	const sections = numberSections(await frozenText.sectionsOf(version));
	const index = sections.findIndex((s) => s.key === options.key);
	if (index === -1) notFound();
	const section = sections[index];
	const sort = parseSort(options.url.searchParams.get('sort'));
	const page = Number.parseInt(options.url.searchParams.get('page') ?? '1', 10) || 1;
	const [threads, changedSince] = await Promise.all([
		comments.sectionThreads({
			planId: plan.id,
			sectionKey: section.key,
			upToVersion: version.number,
			sort,
			page,
			viewer: viewerOf(options.user)
		}),
		frozenText.sectionChangedSince(version, section.key)
	]);
	if (options.record) recordComments(options.record, threads.threads);
	const isCurrent = version.status === 'published';
	const open = isCurrent && periodState(version) === 'open';
	const neighbour = (at: number) => (sections[at] ? { key: sections[at].key, heading: sections[at].heading, number: sections[at].number } : null);
	return {
		plan: { slug: plan.slug, title: plan.title },
		version: {
			number: version.number,
			title: version.title,
			status: version.status,
			commentsOpenAt: version.commentsOpenAt,
			commentsCloseAt: version.commentsCloseAt
		},
		section: { key: section.key, heading: section.heading, number: section.number, html: renderPlan(section.body) },
		previous: neighbour(index - 1),
		next: neighbour(index + 1),
		threads,
		changedSince,
		sort,
		isCurrent,
		open,
		canComment: open && options.user !== null,
		canModerate: can(options.user, 'moderation.act'),
		// Researchers' coding controls beside each comment; null for everyone else.
		coding: await suggestions.panelForThreads(threads.threads, options.user),
		// A fresh key per rendered form: a double-click or a retry sends the same key again.
		formKey: options.tokens?.formKey ?? crypto.randomUUID(),
		now: new Date()
	};
}

function recordComments(record: PageRecord, nodes: comments.ThreadNode[]): void {
	for (const node of nodes) {
		record.commentIds.push(node.id);
		if (node.isMine) record.mine.push(node.id);
		if (node.endorsedByMe) record.endorsed.push(node.id);
		recordComments(record, node.replies);
	}
}

export type SectionPageData = Awaited<ReturnType<typeof loadSectionPage>>;
