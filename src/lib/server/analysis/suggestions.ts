// Suggested themes for saved comments and unsaved texts, and the coding controls shown beside
// comments. The suggestion maths lives in $lib/analysis/suggest; this reads what it needs.
import { and, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { connection, db, rows, type Connection } from '$lib/server/db';
import { codingReviews, commentTags, comments, suggestionDecisions, themes } from '$lib/server/db/schema';
import { can } from '$lib/roles';
import { plainText } from '$lib/server/plan-text/markdown';
import * as themeStore from '$lib/server/analysis/themes';
import { prepare, suggest, type ExampleIndex, type Suggestion, type ThemeDefinition } from '$lib/analysis/suggest';
import type { ThreadNode } from '$lib/server/commentary/threads';
import { assertCoder, type Actor } from '$lib/server/analysis/coder';

export type { Suggestion } from '$lib/analysis/suggest';

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

export interface CommentCodingState {
	/** Themes on the comment, by any researcher. */
	tagged: Set<string>;
	rejected: Set<string>;
}

/** The themes researchers turned down as suggestions, by comment, for the comments `which` picks. */
export function rejectedSuggestions(which: SQL | undefined) {
	return db
		.select({ commentId: suggestionDecisions.commentId, slug: themes.slug })
		.from(suggestionDecisions)
		.innerJoin(themes, eq(themes.id, suggestionDecisions.themeId))
		.innerJoin(comments, eq(comments.id, suggestionDecisions.commentId))
		.where(and(which, eq(suggestionDecisions.decision, 'rejected')));
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
		rejectedSuggestions(inArray(comments.id, commentIds))
	]);
	for (const row of tagged) states.get(Number(row.commentId))?.tagged.add(row.slug);
	for (const row of rejected) states.get(Number(row.commentId))?.rejected.add(row.slug);
	return states;
}

/** One saved comment's suggestions, its coding state read by the caller (the queue reads a plan's at once). */
export function suggestFor(comment: { id: number; body: string }, state: CommentCodingState | undefined, context: SuggestionContext): Suggestion[] {
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
