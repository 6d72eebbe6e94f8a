// The coding queue: the comments of a plan that still need a researcher, filtered, counted per state
// and paged, each with its tags, its open suggestions and whether its coders disagree.
import { and, asc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { codingReviews, commentTags, comments, consultationSessions, planSections, planVersions, speakers, themes } from '$lib/server/db/schema';
import { users } from '$lib/server/db/schema';
import { renderComment } from '$lib/server/plan-text/markdown';
import { numberSections } from '$lib/server/plan-text/section-numbers';
import { themeMarkColumns, type CommentTag, type PlacedComment } from '$lib/server/commentary/views';
import { rejectedSuggestions } from '$lib/server/analysis/suggestions';
import { NO_SECTION_FILTER, type QueueFilters, type QueueState } from '$lib/schemas/themes';
import { authorColumns, authorGroup, authorOf, type CommentAuthor } from '$lib/server/analysis/authors';
import { assertCoder, type Actor } from '$lib/server/analysis/coder';
import { suggestFor, suggestionContext, type Suggestion, type SuggestionContext } from '$lib/server/analysis/suggestions';

export const QUEUE_PAGE_SIZE = 20;

export interface QueueItem extends PlacedComment {
	bodyHtml: string;
	quote: string | null;
	author: CommentAuthor | null;
	session: { id: number; title: string } | null;
	createdAt: Date;
	status: 'visible';
	tags: CommentTag[];
	suggestions: Suggestion[];
	/** Researchers who coded it. */
	coders: number;
	codedByMe: boolean;
	untagged: boolean;
	/** Researchers who coded it gave it different themes. */
	disagreement: boolean;
}

export interface Queue {
	items: QueueItem[];
	/** Items in the chosen state, over all pages. */
	total: number;
	page: number;
	pages: number;
	pageSize: number;
	/** Comments matching the filters, per state, so the state picker can show what each holds. */
	counts: Record<QueueState, number>;
}

/** Where each section key is shown: its heading in the latest published version that has it. */
async function sectionHeadings(planId: number): Promise<Map<string, string>> {
	const found = await db
		.select({ key: planSections.key, heading: planSections.heading })
		.from(planSections)
		.innerJoin(planVersions, eq(planVersions.id, planSections.versionId))
		.where(and(eq(planVersions.planId, planId), ne(planVersions.status, 'draft')))
		.orderBy(asc(planVersions.number));
	return new Map(found.map((row) => [row.key, row.heading]));
}

function filterConditions(planId: number, filters: QueueFilters): SQL[] {
	const conditions: SQL[] = [eq(comments.planId, planId), eq(comments.status, 'visible')];
	if (filters.section) conditions.push(eq(comments.sectionKey, filters.section === NO_SECTION_FILTER ? '' : filters.section));
	if (filters.session === 'online') conditions.push(isNull(comments.sessionId));
	else if (filters.session) conditions.push(eq(comments.sessionId, Number(filters.session)));
	if (filters.group) conditions.push(sql`${authorGroup} = ${filters.group}`);
	if (filters.kind) conditions.push(eq(comments.kind, filters.kind));
	return conditions;
}

function inState(item: QueueItem, state: QueueState): boolean {
	switch (state) {
		case 'untagged':
			return item.untagged;
		case 'suggested':
			return item.suggestions.length > 0;
		case 'disagreement':
			return item.disagreement;
		case 'open':
			return item.untagged || item.suggestions.length > 0 || item.disagreement;
		case 'all':
			return true;
	}
}

function queueRows(planId: number, filters: QueueFilters) {
	return db
		.select({
			id: comments.id,
			parentId: comments.parentId,
			sectionKey: comments.sectionKey,
			versionNumber: planVersions.number,
			kind: comments.kind,
			body: comments.body,
			quote: comments.quote,
			createdAt: comments.createdAt,
			...authorColumns,
			sessionId: comments.sessionId,
			sessionTitle: consultationSessions.title
		})
		.from(comments)
		.innerJoin(planVersions, eq(planVersions.id, comments.versionId))
		.leftJoin(users, eq(users.id, comments.authorId))
		.leftJoin(speakers, eq(speakers.id, comments.speakerId))
		.leftJoin(consultationSessions, eq(consultationSessions.id, comments.sessionId))
		.where(and(...filterConditions(planId, filters)))
		.orderBy(asc(comments.createdAt), asc(comments.id));
}

interface PlanCodings {
	tagsOf: Map<number, CommentTag[]>;
	/** Per comment, per researcher who coded it (tagged or reviewed), the themes they gave it. */
	codersOf: Map<number, Map<number, Set<string>>>;
	rejectedOf: Map<number, Set<string>>;
}

/** Codings of the whole plan, read once rather than per comment. */
async function planCodings(planId: number): Promise<PlanCodings> {
	const [tagRows, reviewRows, rejectedRows] = await Promise.all([
		db
			.select({
				commentId: commentTags.commentId,
				taggedBy: commentTags.taggedBy,
				...themeMarkColumns
			})
			.from(commentTags)
			.innerJoin(themes, eq(themes.id, commentTags.themeId))
			.innerJoin(comments, eq(comments.id, commentTags.commentId))
			.where(eq(comments.planId, planId))
			.orderBy(asc(themes.position), asc(themes.id), asc(commentTags.taggedBy)),
		db
			.select({ commentId: codingReviews.commentId, reviewedBy: codingReviews.reviewedBy })
			.from(codingReviews)
			.innerJoin(comments, eq(comments.id, codingReviews.commentId))
			.where(eq(comments.planId, planId)),
		rejectedSuggestions(eq(comments.planId, planId))
	]);

	const tagsOf = new Map<number, CommentTag[]>();
	const codersOf = new Map<number, Map<number, Set<string>>>();
	const coder = (commentId: number, researcher: number) => {
		let byCoder = codersOf.get(commentId);
		if (!byCoder) codersOf.set(commentId, (byCoder = new Map()));
		let slugs = byCoder.get(researcher);
		if (!slugs) byCoder.set(researcher, (slugs = new Set()));
		return slugs;
	};
	for (const row of tagRows) {
		const commentId = Number(row.commentId);
		coder(commentId, row.taggedBy).add(row.slug);
		const list = tagsOf.get(commentId) ?? [];
		const existing = list.find((tag) => tag.slug === row.slug);
		if (existing) existing.taggedBy.push(row.taggedBy);
		else list.push({ slug: row.slug, labelKo: row.labelKo, labelEn: row.labelEn, color: row.color, taggedBy: [row.taggedBy] });
		tagsOf.set(commentId, list);
	}
	for (const row of reviewRows) coder(Number(row.commentId), row.reviewedBy);
	const rejectedOf = new Map<number, Set<string>>();
	for (const row of rejectedRows) {
		const commentId = Number(row.commentId);
		rejectedOf.set(commentId, (rejectedOf.get(commentId) ?? new Set()).add(row.slug));
	}
	return { tagsOf, codersOf, rejectedOf };
}

/**
 * The comments of a plan that need coding: nobody has coded them yet ("untagged"), they have
 * suggestions nobody has decided on, or the researchers who coded them disagree. Filterable by section,
 * session ('online' for comments written here), the author's stakeholder group and kind; oldest first.
 */
export async function queue(planId: number, filters: QueueFilters, actor: Actor, context?: SuggestionContext): Promise<Queue> {
	assertCoder(actor);
	const [found, headings, ctx, { tagsOf, codersOf, rejectedOf }] = await Promise.all([
		queueRows(planId, filters),
		sectionHeadings(planId),
		context ?? suggestionContext(),
		planCodings(planId)
	]);

	const all: QueueItem[] = found.map((row) => {
		const id = Number(row.id);
		const tags = tagsOf.get(id) ?? [];
		const codings = [...(codersOf.get(id)?.values() ?? [])].map((slugs) => [...slugs].sort().join(' '));
		return {
			id,
			parentId: row.parentId === null ? null : Number(row.parentId),
			sectionKey: row.sectionKey,
			sectionHeading: headings.get(row.sectionKey) ?? row.sectionKey,
			versionNumber: row.versionNumber,
			kind: row.kind,
			bodyHtml: '',
			quote: row.quote,
			author: authorOf(row),
			session: row.sessionId !== null && row.sessionTitle !== null ? { id: row.sessionId, title: row.sessionTitle } : null,
			createdAt: row.createdAt,
			status: 'visible',
			tags,
			suggestions: suggestFor(
				{ id, body: row.body },
				{ tagged: new Set(tags.map((tag) => tag.slug)), rejected: rejectedOf.get(id) ?? new Set() },
				ctx
			),
			coders: codings.length,
			codedByMe: codersOf.get(id)?.has(actor.id) ?? false,
			untagged: codings.length === 0,
			disagreement: codings.length >= 2 && new Set(codings).size > 1
		};
	});

	const counts = Object.fromEntries(
		(['open', 'untagged', 'suggested', 'disagreement', 'all'] as const).map((state) => [state, all.filter((item) => inState(item, state)).length])
	) as Record<QueueState, number>;
	const chosen = all.filter((item) => inState(item, filters.state));
	const pages = Math.max(1, Math.ceil(chosen.length / QUEUE_PAGE_SIZE));
	const page = Math.min(filters.page, pages);
	const bodies = new Map(found.map((row) => [Number(row.id), row.body]));
	const items = chosen.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE).map((item) => ({
		...item,
		bodyHtml: renderComment(bodies.get(item.id) ?? '')
	}));
	return { items, total: chosen.length, page, pages, pageSize: QUEUE_PAGE_SIZE, counts };
}

/** What the queue's filters offer: the plan's sections (numbered, current version first), sessions and kinds in use. */
export async function queueOptions(planId: number) {
	const [current] = await db
		.select({ id: planVersions.id })
		.from(planVersions)
		.where(and(eq(planVersions.planId, planId), eq(planVersions.status, 'published')));
	const [currentSections, used, sessions, headings] = await Promise.all([
		current
			? db
					.select({ key: planSections.key, heading: planSections.heading, parentKey: planSections.parentKey })
					.from(planSections)
					.where(eq(planSections.versionId, current.id))
					.orderBy(asc(planSections.position))
			: Promise.resolve([]),
		db.selectDistinct({ key: comments.sectionKey }).from(comments).where(eq(comments.planId, planId)),
		db
			.select({ id: consultationSessions.id, title: consultationSessions.title, heldOn: consultationSessions.heldOn })
			.from(consultationSessions)
			.where(eq(consultationSessions.planId, planId))
			.orderBy(asc(consultationSessions.heldOn), asc(consultationSessions.id)),
		sectionHeadings(planId)
	]);
	const sections = numberSections(currentSections).map((section) => ({
		key: section.key,
		label: `${section.number}. ${section.heading}`
	}));
	// Sections that only earlier versions had still hold comments worth coding.
	for (const { key } of used) {
		if (key && !sections.some((section) => section.key === key)) sections.push({ key, label: headings.get(key) ?? key });
	}
	// Statements from a session can be tied to no section at all (an empty key).
	return { sections, sessions, hasUnsectioned: used.some(({ key }) => key === '') };
}
