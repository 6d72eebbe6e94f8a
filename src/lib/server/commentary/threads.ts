// A section's threads for its page: top-level comments paged and sorted, each with its replies as a
// tree; one whole thread; and the counts per section the plan's pages show. Comments are anchored to
// a section key, so a section read at one version shows those written on earlier versions too.
import { and, asc, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { db, rows } from '$lib/server/db';
import { comments, planSections, planVersions, sectionCommentCounts } from '$lib/server/db/schema';
import type { ThreadSort } from '$lib/schemas/comments';
import { selectComments, views, type CommentView, type Viewer } from './views';

/** Shown in one page of a section's threads. */
export const THREADS_PER_PAGE = 20;
/** Replies loaded with a thread on the section page; the thread's own page shows all. */
export const REPLIES_PER_THREAD = 200;

export interface ThreadNode extends CommentView {
	replies: ThreadNode[];
}

export interface SectionThreads {
	threads: ThreadNode[];
	total: number;
	topLevelTotal: number;
	page: number;
	pages: number;
}

function orderFor(sort: ThreadSort): SQL[] {
	switch (sort) {
		case 'newest':
			return [desc(comments.createdAt), desc(comments.id)];
		case 'endorsed':
			return [desc(comments.endorsementCount), asc(comments.createdAt), asc(comments.id)];
		default:
			return [asc(comments.createdAt), asc(comments.id)];
	}
}

/** Comments written on versions up to `upToVersion` (the version being read). */
function sectionScope(planId: number, sectionKey: string, upToVersion: number): SQL {
	return and(eq(comments.planId, planId), eq(comments.sectionKey, sectionKey), lte(planVersions.number, upToVersion))!;
}

/** The ids of every reply under the given top-level comments, found by walking parent links: a query to use inside another. */
function repliesUnder(rootIds: number[], limitPerRoot: number): SQL {
	return sql`
		with recursive thread as (
			select id, 1 as level, parent_id as root from comments where parent_id in ${rootIds}
			union all
			select c.id, t.level + 1, t.root from comments c join thread t on c.parent_id = t.id
		)
		select id from (
			select id, row_number() over (partition by root order by id) as n from thread
		) numbered where n <= ${limitPerRoot}`;
}

/** Every reply under the given top-level comments. */
export async function descendants(rootIds: number[], limitPerRoot = REPLIES_PER_THREAD): Promise<number[]> {
	if (rootIds.length === 0) return [];
	const found = await rows<{ id: number | string }>(repliesUnder(rootIds, limitPerRoot));
	return found.map((row) => Number(row.id));
}

export function buildTree(list: CommentView[]): ThreadNode[] {
	const nodes = new Map<number, ThreadNode>();
	for (const comment of list) nodes.set(comment.id, { ...comment, replies: [] });
	const roots: ThreadNode[] = [];
	for (const node of nodes.values()) {
		const parent = node.parentId !== null ? nodes.get(node.parentId) : undefined;
		if (parent) parent.replies.push(node);
		else roots.push(node);
	}
	const byTime = (a: ThreadNode, b: ThreadNode) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;
	for (const node of nodes.values()) node.replies.sort(byTime);
	return roots;
}

/** One page of a section's threads, each with its replies, for the section page. */
export async function sectionThreads(options: {
	planId: number;
	sectionKey: string;
	upToVersion: number;
	sort: ThreadSort;
	page: number;
	viewer: Viewer | null;
}): Promise<SectionThreads> {
	const scope = sectionScope(options.planId, options.sectionKey, options.upToVersion);
	// Kept by the database as comments come and go (migrations/0011), rather than counted here.
	const [{ total, topLevel }] = await db
		.select({
			total: sql<number>`coalesce(sum(${sectionCommentCounts.threadsTotal}), 0)::int`,
			topLevel: sql<number>`coalesce(sum(${sectionCommentCounts.topLevel}), 0)::int`
		})
		.from(sectionCommentCounts)
		.innerJoin(planVersions, eq(planVersions.id, sectionCommentCounts.versionId))
		.where(
			and(
				eq(sectionCommentCounts.planId, options.planId),
				eq(sectionCommentCounts.sectionKey, options.sectionKey),
				lte(planVersions.number, options.upToVersion)
			)
		);
	const pages = Math.max(1, Math.ceil(topLevel / THREADS_PER_PAGE));
	const page = Math.min(Math.max(1, options.page), pages);
	const roots = await selectComments()
		.where(and(scope, isNull(comments.parentId)))
		.orderBy(...orderFor(options.sort))
		.limit(THREADS_PER_PAGE)
		.offset((page - 1) * THREADS_PER_PAGE);
	// The replies in the same statement as the walk that finds them.
	const replies = roots.length
		? await selectComments().where(
				and(
					sql`${comments.id} in (${repliesUnder(
						roots.map((root) => root.id),
						REPLIES_PER_THREAD
					)})`,
					lte(planVersions.number, options.upToVersion)
				)
			)
		: [];
	const list = await views([...roots, ...replies], options.viewer);
	const tree = buildTree(list);
	// buildTree keeps the roots in their query order.
	return { threads: tree, total, topLevelTotal: topLevel, page, pages };
}

/** One whole thread (for its own page and for the live update of a reply). */
export async function thread(rootId: number, viewer: Viewer | null): Promise<ThreadNode | null> {
	const [root] = await selectComments().where(eq(comments.id, rootId));
	if (!root) return null;
	const replyIds = await descendants([root.id], Number.MAX_SAFE_INTEGER);
	const replies = replyIds.length ? await selectComments().where(inArray(comments.id, replyIds)) : [];
	return buildTree(await views([root, ...replies], viewer))[0] ?? null;
}

/** Comments per section key, written on versions up to `upToVersion`, deleted ones left out. */
export async function countsBySection(planId: number, upToVersion: number): Promise<Record<string, number>> {
	const counted = await db
		.select({ key: sectionCommentCounts.sectionKey, count: sql<number>`sum(${sectionCommentCounts.comments})::int` })
		.from(sectionCommentCounts)
		.innerJoin(planVersions, eq(planVersions.id, sectionCommentCounts.versionId))
		.where(and(eq(sectionCommentCounts.planId, planId), lte(planVersions.number, upToVersion)))
		.groupBy(sectionCommentCounts.sectionKey);
	return Object.fromEntries(counted.filter((row) => row.count > 0).map((row) => [row.key, row.count]));
}

/**
 * For a section read at version `current`: which earlier versions had a different text of it,
 * so comments written on them can say "the section has changed since".
 */
export async function sectionChangedSince(planId: number, sectionKey: string, current: number): Promise<Record<number, boolean>> {
	const texts = await db
		.select({ number: planVersions.number, heading: planSections.heading, body: planSections.body })
		.from(planSections)
		.innerJoin(planVersions, eq(planVersions.id, planSections.versionId))
		.where(and(eq(planVersions.planId, planId), eq(planSections.key, sectionKey), lte(planVersions.number, current)));
	const now = texts.find((t) => t.number === current);
	return Object.fromEntries(texts.map((t) => [t.number, !now || t.body !== now.body || t.heading !== now.heading]));
}
