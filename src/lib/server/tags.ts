// Coding the commentary: researchers tag comments with themes (each researcher's tags kept apart, so
// codings can be compared), decide on suggested themes, work through a queue of comments that need
// coding, and see how far two researchers agree. The suggestion and kappa maths live in $lib/analysis.
import { and, asc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { connection, db, rows, type Connection, type Transaction } from '$lib/server/db';
import {
	codingReviews,
	commentTags,
	comments,
	consultationSessions,
	planSections,
	planVersions,
	speakers,
	suggestionDecisions,
	themes,
	users,
	type CommentKind
} from '$lib/server/db/schema';
import { can } from '$lib/roles';
import { plainText, renderComment } from '$lib/server/markdown';
import { numberSections } from '$lib/server/plan-view';
import { authorColumns, authorGroup, authorOf, type CommentAuthor } from '$lib/server/search';
import * as themeStore from '$lib/server/themes';
import { prepare, suggest, type ExampleIndex, type Suggestion, type ThemeDefinition } from '$lib/analysis/suggest';
import { coderPairs, kappaByTheme, type Coding, type ThemeAgreement } from '$lib/analysis/kappa';
import type { CommentTag, ThreadNode } from '$lib/server/comments';
import { NO_SECTION_FILTER, type QueueFilters, type QueueState } from '$lib/schemas/themes';

export type { Suggestion } from '$lib/analysis/suggest';

export type CodingErrorCode = 'forbidden' | 'comment_not_found' | 'theme_not_found';

export class CodingError extends Error {
	constructor(readonly code: CodingErrorCode) {
		super(code);
		this.name = 'CodingError';
	}
}

/** Whoever acts: checked here too, so no caller can skip the rule that only researchers code. */
export interface Actor {
	id: number;
	roles: readonly string[];
}

function assertCoder(actor: Actor): void {
	if (!can(actor, 'comments.tag')) throw new CodingError('forbidden');
}

/** Only comments everyone can read are coded; hidden and deleted ones are out of reach. */
async function visibleComment(tx: Transaction, commentId: number): Promise<void> {
	const [comment] = await tx
		.select({ id: comments.id })
		.from(comments)
		.where(and(eq(comments.id, commentId), eq(comments.status, 'visible')));
	if (!comment) throw new CodingError('comment_not_found');
}

async function activeTheme(tx: Transaction, slug: string): Promise<number> {
	const [theme] = await tx
		.select({ id: themes.id })
		.from(themes)
		.where(and(eq(themes.slug, slug), isNull(themes.archivedAt)));
	if (!theme) throw new CodingError('theme_not_found');
	return theme.id;
}

async function review(tx: Transaction, commentId: number, actor: Actor): Promise<void> {
	await tx.insert(codingReviews).values({ commentId, reviewedBy: actor.id }).onConflictDoNothing();
}

async function insertTag(tx: Transaction, commentId: number, themeId: number, actor: Actor, source: 'manual' | 'suggestion') {
	const added = await tx
		.insert(commentTags)
		.values({ commentId, themeId, taggedBy: actor.id, source })
		.onConflictDoNothing()
		.returning({ commentId: commentTags.commentId });
	await review(tx, commentId, actor);
	return added.length > 0;
}

/** The researcher's own tag (who and when are kept); tagging also marks the comment reviewed. */
export async function tag(commentId: number, themeSlug: string, actor: Actor): Promise<boolean> {
	assertCoder(actor);
	return db.transaction(async (tx) => {
		await visibleComment(tx, commentId);
		return insertTag(tx, commentId, await activeTheme(tx, themeSlug), actor, 'manual');
	});
}

/**
 * Removes the researcher's own tag only. When no researcher's tag of that theme is left, an earlier
 * acceptance of it as a suggestion no longer holds either, so the theme may be suggested again.
 */
export async function untag(commentId: number, themeSlug: string, actor: Actor): Promise<boolean> {
	assertCoder(actor);
	return db.transaction(async (tx) => {
		const [theme] = await tx.select({ id: themes.id }).from(themes).where(eq(themes.slug, themeSlug));
		if (!theme) throw new CodingError('theme_not_found');
		const removed = await tx
			.delete(commentTags)
			.where(and(eq(commentTags.commentId, commentId), eq(commentTags.themeId, theme.id), eq(commentTags.taggedBy, actor.id)))
			.returning({ commentId: commentTags.commentId });
		const [left] = await tx
			.select({ count: sql<number>`count(*)::int` })
			.from(commentTags)
			.where(and(eq(commentTags.commentId, commentId), eq(commentTags.themeId, theme.id)));
		if (Number(left.count) === 0) {
			await tx
				.delete(suggestionDecisions)
				.where(
					and(
						eq(suggestionDecisions.commentId, commentId),
						eq(suggestionDecisions.themeId, theme.id),
						eq(suggestionDecisions.decision, 'accepted')
					)
				);
		}
		return removed.length > 0;
	});
}

async function decide(tx: Transaction, commentId: number, themeId: number, decision: 'accepted' | 'rejected', actor: Actor) {
	await tx
		.insert(suggestionDecisions)
		.values({ commentId, themeId, decision, decidedBy: actor.id })
		.onConflictDoUpdate({
			target: [suggestionDecisions.commentId, suggestionDecisions.themeId],
			set: { decision, decidedBy: actor.id, decidedAt: new Date() }
		});
}

/** Accepting a suggestion tags the comment (source 'suggestion') and records the decision. */
export async function acceptSuggestion(commentId: number, themeSlug: string, actor: Actor): Promise<void> {
	assertCoder(actor);
	await db.transaction(async (tx) => {
		await visibleComment(tx, commentId);
		const themeId = await activeTheme(tx, themeSlug);
		await insertTag(tx, commentId, themeId, actor, 'suggestion');
		await decide(tx, commentId, themeId, 'accepted', actor);
	});
}

/** A rejected suggestion is never made again for this comment, to anyone. */
export async function rejectSuggestion(commentId: number, themeSlug: string, actor: Actor): Promise<void> {
	assertCoder(actor);
	await db.transaction(async (tx) => {
		await visibleComment(tx, commentId);
		const themeId = await activeTheme(tx, themeSlug);
		await decide(tx, commentId, themeId, 'rejected', actor);
		await review(tx, commentId, actor);
	});
}

/**
 * Decides the suggestions a researcher saw in the queue, all at once. A pair someone decided in the
 * meantime, or whose comment or theme went away, is left alone. Returns how many were decided.
 */
export async function decideMany(
	pairs: readonly { commentId: number; theme: string }[],
	decision: 'accepted' | 'rejected',
	actor: Actor
): Promise<number> {
	assertCoder(actor);
	return db.transaction(async (tx) => {
		const slugs = [...new Set(pairs.map((pair) => pair.theme))];
		const ids = [...new Set(pairs.map((pair) => pair.commentId))];
		if (slugs.length === 0) return 0;
		const known = await tx
			.select({ id: themes.id, slug: themes.slug })
			.from(themes)
			.where(and(inArray(themes.slug, slugs), isNull(themes.archivedAt)));
		const themeIds = new Map(known.map((theme) => [theme.slug, theme.id]));
		const visible = await tx
			.select({ id: comments.id })
			.from(comments)
			.where(and(inArray(comments.id, ids), eq(comments.status, 'visible')));
		const readable = new Set(visible.map((comment) => comment.id));
		let decided = 0;
		for (const pair of pairs) {
			const themeId = themeIds.get(pair.theme);
			if (themeId === undefined || !readable.has(pair.commentId)) continue;
			const inserted = await tx
				.insert(suggestionDecisions)
				.values({ commentId: pair.commentId, themeId, decision, decidedBy: actor.id })
				.onConflictDoNothing()
				.returning({ commentId: suggestionDecisions.commentId });
			if (inserted.length === 0) continue;
			if (decision === 'accepted') await insertTag(tx, pair.commentId, themeId, actor, 'suggestion');
			else await review(tx, pair.commentId, actor);
			decided += 1;
		}
		return decided;
	});
}

/** "Looked at it, no theme fits": the comment counts as coded by this researcher, with no themes. */
export async function markReviewed(commentId: number, actor: Actor): Promise<void> {
	assertCoder(actor);
	await db.transaction(async (tx) => {
		await visibleComment(tx, commentId);
		await review(tx, commentId, actor);
	});
}

// ---------------------------------------------------------------------------------------------
// Suggestions

export interface ThemeOption {
	slug: string;
	labelKo: string;
	labelEn: string;
	color: string;
}

/** Built once per request: the active themes and the index of every comment researchers tagged. */
export interface SuggestionContext {
	themes: (ThemeDefinition & ThemeOption)[];
	index: ExampleIndex;
}

// Indexing every tagged comment took longer than anything else on a researcher's page, so each
// instance keeps the index while analysis_revision (raised by triggers on tags, themes and comment
// text; migrations/0006 and 0008) has not moved.
const contexts = new WeakMap<Connection, { revision: string; context: Promise<SuggestionContext> }>();

export async function suggestionContext(): Promise<SuggestionContext> {
	const open = connection();
	const [{ revision }] = await rows<{ revision: string | number }>(sql`select revision from analysis_revision where id`);
	const cached = contexts.get(open);
	if (cached && cached.revision === String(revision)) return cached.context;
	// Requests arriving together share one indexing.
	const context = buildSuggestionContext();
	contexts.set(open, { revision: String(revision), context });
	context.catch(() => contexts.delete(open));
	return context;
}

async function buildSuggestionContext(): Promise<SuggestionContext> {
	const [activeThemes, tagged] = await Promise.all([
		themeStore.active(),
		db
			.select({
				id: comments.id,
				body: comments.body,
				themes: sql<string[]>`array_agg(distinct ${themes.slug})`
			})
			.from(commentTags)
			.innerJoin(comments, eq(comments.id, commentTags.commentId))
			.innerJoin(themes, eq(themes.id, commentTags.themeId))
			.where(ne(comments.status, 'deleted'))
			.groupBy(comments.id)
	]);
	return {
		themes: activeThemes.map(({ slug, labelKo, labelEn, color, keywords }) => ({ slug, labelKo, labelEn, color, keywords })),
		index: prepare(tagged.map((example) => ({ id: Number(example.id), text: plainText(example.body), themes: example.themes })))
	};
}

export function themeOptions(context: SuggestionContext): ThemeOption[] {
	return context.themes.map(({ slug, labelKo, labelEn, color }) => ({ slug, labelKo, labelEn, color }));
}

/** Suggestions for an unsaved text (a transcript statement, say): nothing tagged, nothing rejected. */
export function suggestForText(text: string, context: SuggestionContext): Suggestion[] {
	return suggest({ text, themes: context.themes, examples: context.index });
}

interface CommentCodingState {
	/** Themes on the comment, by any researcher. */
	tagged: Set<string>;
	rejected: Set<string>;
}

async function codingStates(commentIds: number[]): Promise<Map<number, CommentCodingState>> {
	const states = new Map<number, CommentCodingState>(commentIds.map((id) => [id, { tagged: new Set(), rejected: new Set() }]));
	if (commentIds.length === 0) return states;
	const [tagged, rejected] = await Promise.all([
		db
			.select({ commentId: commentTags.commentId, slug: themes.slug })
			.from(commentTags)
			.innerJoin(themes, eq(themes.id, commentTags.themeId))
			.where(inArray(commentTags.commentId, commentIds)),
		db
			.select({ commentId: suggestionDecisions.commentId, slug: themes.slug })
			.from(suggestionDecisions)
			.innerJoin(themes, eq(themes.id, suggestionDecisions.themeId))
			.where(and(inArray(suggestionDecisions.commentId, commentIds), eq(suggestionDecisions.decision, 'rejected')))
	]);
	for (const row of tagged) states.get(Number(row.commentId))?.tagged.add(row.slug);
	for (const row of rejected) states.get(Number(row.commentId))?.rejected.add(row.slug);
	return states;
}

function suggestFor(
	comment: { id: number; body: string },
	state: CommentCodingState | undefined,
	context: SuggestionContext
): Suggestion[] {
	return suggest({
		text: plainText(comment.body),
		themes: context.themes,
		examples: context.index,
		tagged: state?.tagged,
		rejected: state?.rejected,
		id: comment.id
	});
}

/**
 * Suggestions for saved comments: the same for the thread, the queue and the API. Hidden and deleted
 * comments get none (their text is out of reach).
 */
export async function suggestionsFor(commentIds: number[], context?: SuggestionContext): Promise<Map<number, Suggestion[]>> {
	const found = new Map<number, Suggestion[]>();
	if (commentIds.length === 0) return found;
	const [bodies, states, ctx] = await Promise.all([
		db
			.select({ id: comments.id, body: comments.body })
			.from(comments)
			.where(and(inArray(comments.id, commentIds), eq(comments.status, 'visible'))),
		codingStates(commentIds),
		context ?? suggestionContext()
	]);
	for (const comment of bodies) {
		const id = Number(comment.id);
		found.set(id, suggestFor({ id, body: comment.body }, states.get(id), ctx));
	}
	return found;
}

/** What the coding controls beside each comment need: the researcher, the themes, the suggestions. */
export interface CodingPanel {
	me: number;
	themes: ThemeOption[];
	suggestions: Record<number, Suggestion[]>;
	/** Comments this researcher has coded (tagged, or reviewed and found no theme). */
	reviewed: number[];
}

export async function panelFor(commentIds: number[], actor: Actor, context?: SuggestionContext): Promise<CodingPanel> {
	assertCoder(actor);
	const ctx = context ?? (await suggestionContext());
	const [suggestions, reviewed] = await Promise.all([
		suggestionsFor(commentIds, ctx),
		commentIds.length
			? db
					.select({ commentId: codingReviews.commentId })
					.from(codingReviews)
					.where(and(eq(codingReviews.reviewedBy, actor.id), inArray(codingReviews.commentId, commentIds)))
			: Promise.resolve([])
	]);
	return {
		me: actor.id,
		themes: themeOptions(ctx),
		suggestions: Object.fromEntries(suggestions),
		reviewed: reviewed.map((row) => Number(row.commentId))
	};
}

/** The panel for every comment of a page of threads; null for anyone who does not code. */
export async function panelForThreads(threads: readonly ThreadNode[], user: Actor | null): Promise<CodingPanel | null> {
	if (!user || !can(user, 'comments.tag')) return null;
	const ids: number[] = [];
	const walk = (nodes: readonly ThreadNode[]) => {
		for (const node of nodes) {
			ids.push(node.id);
			walk(node.replies);
		}
	};
	walk(threads);
	return panelFor(ids, user);
}

// ---------------------------------------------------------------------------------------------
// The coding queue

export const QUEUE_PAGE_SIZE = 20;

export interface QueueItem {
	id: number;
	parentId: number | null;
	sectionKey: string;
	sectionHeading: string;
	versionNumber: number;
	kind: CommentKind;
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

/**
 * The comments of a plan that need coding: nobody has coded them yet ("untagged"), they have
 * suggestions nobody has decided on, or the researchers who coded them disagree. Filterable by section,
 * session ('online' for comments written here), the author's stakeholder group and kind; oldest first.
 */
export async function queue(planId: number, filters: QueueFilters, actor: Actor, context?: SuggestionContext): Promise<Queue> {
	assertCoder(actor);
	const conditions = filterConditions(planId, filters);
	const [found, headings, ctx] = await Promise.all([
		db
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
			.where(and(...conditions))
			.orderBy(asc(comments.createdAt), asc(comments.id)),
		sectionHeadings(planId),
		context ?? suggestionContext()
	]);

	// Codings of the whole plan, read once rather than per comment.
	const [tagRows, reviewRows, rejectedRows] = await Promise.all([
		db
			.select({
				commentId: commentTags.commentId,
				taggedBy: commentTags.taggedBy,
				slug: themes.slug,
				labelKo: themes.labelKo,
				labelEn: themes.labelEn,
				color: themes.color
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
		db
			.select({ commentId: suggestionDecisions.commentId, slug: themes.slug })
			.from(suggestionDecisions)
			.innerJoin(themes, eq(themes.id, suggestionDecisions.themeId))
			.innerJoin(comments, eq(comments.id, suggestionDecisions.commentId))
			.where(and(eq(comments.planId, planId), eq(suggestionDecisions.decision, 'rejected')))
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
		(['open', 'untagged', 'suggested', 'disagreement', 'all'] as const).map((state) => [
			state,
			all.filter((item) => inState(item, state)).length
		])
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
		db
			.selectDistinct({ key: comments.sectionKey })
			.from(comments)
			.where(eq(comments.planId, planId)),
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

// ---------------------------------------------------------------------------------------------
// Agreement between researchers

export interface AgreementRow extends ThemeAgreement {
	slug: string;
	labelKo: string;
	labelEn: string;
	color: string;
}

export interface AgreementReport {
	coders: { id: number; name: string; coded: number }[];
	pairs: { a: number; b: number; shared: number }[];
	pair: { a: { id: number; name: string }; b: { id: number; name: string }; shared: number } | null;
	rows: AgreementRow[];
	/** Mean of the kappas that are defined; null when none is. */
	meanKappa: number | null;
}

/**
 * Per-theme agreement (Cohen's kappa) between two researchers over the plan's comments both coded,
 * a comment coded by a researcher meaning reviewed by them, with their tags as its themes. Without a
 * valid pair asked for, the pair with the most comments in common.
 */
export async function agreement(planId: number, requested: { a?: number; b?: number }, actor: Actor): Promise<AgreementReport> {
	assertCoder(actor);
	const [reviewRows, tagRows, activeThemes] = await Promise.all([
		db
			.select({ commentId: codingReviews.commentId, coder: codingReviews.reviewedBy })
			.from(codingReviews)
			.innerJoin(comments, eq(comments.id, codingReviews.commentId))
			.where(and(eq(comments.planId, planId), ne(comments.status, 'deleted'))),
		db
			.select({ commentId: commentTags.commentId, coder: commentTags.taggedBy, slug: themes.slug })
			.from(commentTags)
			.innerJoin(comments, eq(comments.id, commentTags.commentId))
			.innerJoin(themes, eq(themes.id, commentTags.themeId))
			.where(and(eq(comments.planId, planId), ne(comments.status, 'deleted'))),
		themeStore.active()
	]);
	const codings: Coding[] = [
		...reviewRows.map((row) => ({ commentId: Number(row.commentId), coder: row.coder, themes: [] })),
		// A tag implies a review, whether or not the review row is there.
		...tagRows.map((row) => ({ commentId: Number(row.commentId), coder: row.coder, themes: [row.slug] }))
	];
	const codedBy = new Map<number, Set<number>>();
	for (const coding of codings) {
		const coder = Number(coding.coder);
		codedBy.set(coder, (codedBy.get(coder) ?? new Set()).add(Number(coding.commentId)));
	}
	const names = codedBy.size
		? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...codedBy.keys()]))
		: [];
	const nameOf = new Map(names.map((user) => [user.id, user.name]));
	const coders = [...codedBy]
		.map(([id, coded]) => ({ id, name: nameOf.get(id) ?? String(id), coded: coded.size }))
		.sort((x, y) => y.coded - x.coded || x.name.localeCompare(y.name, 'ko'));
	const pairs = coderPairs(codings).map((pair) => ({ a: Number(pair.coderA), b: Number(pair.coderB), shared: pair.shared }));

	let chosen: { a: number; b: number } | undefined;
	const { a, b } = requested;
	if (a !== undefined && b !== undefined && a !== b && codedBy.has(a) && codedBy.has(b)) chosen = { a, b };
	else if (pairs[0]) chosen = { a: pairs[0].a, b: pairs[0].b };
	if (!chosen) return { coders, pairs, pair: null, rows: [], meanKappa: null };

	const shared = [...codedBy.get(chosen.a)!].filter((commentId) => codedBy.get(chosen.b)!.has(commentId)).length;
	const bySlug = new Map(activeThemes.map((theme) => [theme.slug, theme]));
	const rows = kappaByTheme(codings, chosen.a, chosen.b, activeThemes.map((theme) => theme.slug)).map((row) => {
		const theme = bySlug.get(row.theme)!;
		return { ...row, slug: theme.slug, labelKo: theme.labelKo, labelEn: theme.labelEn, color: theme.color };
	});
	const defined = rows.map((row) => row.kappa).filter((kappa): kappa is number => kappa !== null);
	return {
		coders,
		pairs,
		pair: {
			a: { id: chosen.a, name: nameOf.get(chosen.a) ?? String(chosen.a) },
			b: { id: chosen.b, name: nameOf.get(chosen.b) ?? String(chosen.b) },
			shared
		},
		rows,
		meanKappa: defined.length ? defined.reduce((sum, kappa) => sum + kappa, 0) / defined.length : null
	};
}
