// Theme suggestions for a comment: keyword hits from the theme's own keywords, plus votes from the
// most similar comments that researchers have already tagged (TF-IDF cosine over character bigrams,
// which suits Hangul, where words take particles and spacing varies). Pure: no database, no server code.
import { bigram } from 'n-gram';

/** At most this many suggestions per comment, so the queue stays readable. */
export const MAX_SUGGESTIONS = 3;
/** Below this a suggestion is more noise than help: one keyword alone passes, a weak likeness alone does not. */
export const MIN_SCORE = 0.4;
/** How many tagged comments vote on a comment's themes (k nearest neighbours). */
export const NEIGHBOURS = 5;
/** A tagged comment less similar than this (cosine) does not vote: short comments share endings and stock words. */
export const MIN_SIMILARITY = 0.1;
/** Summed similarity of the voting neighbours that carry a theme at which its similarity score is full. */
export const SIMILARITY_FOR_FULL_SCORE = 0.8;
/** Score that one matched keyword gives; each further distinct keyword closes part of the remaining gap. */
export const KEYWORD_HIT_SCORE = 0.45;

export interface ThemeDefinition {
	slug: string;
	labelKo: string;
	labelEn: string;
	keywords: readonly string[];
}

export interface TaggedExample {
	/** The comment's id, so that a comment that is itself an example can be kept from voting for itself. */
	id?: string | number;
	text: string;
	themes: readonly string[];
}

/** Why a theme was suggested, for the interface to word in either language. */
export type Reason =
	| { kind: 'keyword'; keyword: string }
	/** `count` of the nearest tagged comments carry `theme`: "like 4 comments tagged governance". */
	| { kind: 'similar'; theme: string; count: number };

export interface Suggestion {
	theme: string;
	/** 0..1, higher is stronger. */
	score: number;
	reasons: Reason[];
}

export interface Neighbour {
	id?: string | number;
	themes: readonly string[];
	/** Cosine similarity, 0..1. */
	similarity: number;
}

export interface SuggestInput {
	text: string;
	/** The active themes; only these are suggested, and only their tags on examples count. */
	themes: readonly ThemeDefinition[];
	/** Tagged examples, ideally as an index from `prepare` when suggesting for many comments. */
	examples: ExampleIndex | readonly TaggedExample[];
	/** Themes already on the comment: never suggested again. */
	tagged?: Iterable<string>;
	/** Themes a researcher rejected for this comment: never suggested again. */
	rejected?: Iterable<string>;
	/** The comment's own id, when it may be among the examples. */
	id?: string | number;
}

export interface NearestOptions {
	limit?: number;
	excludeId?: string | number;
	minSimilarity?: number;
}

export interface SuggestOptions {
	limit?: number;
	minScore?: number;
}

type Vector = Map<string, number>;

/** Which examples have a bigram, and its weight in each: two parallel typed arrays per bigram. */
interface Postings {
	examples: Int32Array;
	weights: Float64Array;
}

const NON_WORD = /[^\p{L}\p{N}]+/u;
const ASCII_WORD_CHAR = /^[a-z0-9]$/;
// Exactly the syntax characters: with the `u` flag escaping anything else (such as '-') is an error.
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

/** NFKC folds full-width letters and composes decomposed Hangul; case does not matter for Latin keywords. */
export function normalise(text: string): string {
	return text.normalize('NFKC').toLowerCase();
}

/** Bigrams within each word: bigrams across a space would pair a particle with the next word. */
function bigramCounts(text: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const token of normalise(text).split(NON_WORD)) {
		for (const gram of bigram(token)) counts.set(gram, (counts.get(gram) ?? 0) + 1);
	}
	return counts;
}

function unitVector(counts: Map<string, number>, idf: (gram: string) => number): Vector {
	const vector: Vector = new Map();
	let squares = 0;
	for (const [gram, count] of counts) {
		const weight = (1 + Math.log(count)) * idf(gram);
		vector.set(gram, weight);
		squares += weight * weight;
	}
	const norm = Math.sqrt(squares);
	if (norm > 0) for (const [gram, weight] of vector) vector.set(gram, weight / norm);
	return vector;
}

/** How many texts' neighbours an index keeps. */
const NEAREST_REMEMBERED = 5000;

/** The tagged examples, indexed once so that many comments can be compared with them quickly. */
export class ExampleIndex {
	readonly #examples: readonly Omit<TaggedExample, 'text'>[];
	readonly #postings = new Map<string, Postings>();
	readonly #documentFrequency = new Map<string, number>();
	/** Per-example sums for one `nearest` call, kept between calls: a page asks for dozens. */
	readonly #dots: Float64Array;
	/** The index never changes, so the neighbours of a text asked for again are the ones found before. */
	readonly #nearestFound = new Map<string, Neighbour[]>();

	constructor(examples: readonly TaggedExample[]) {
		this.#examples = examples.map(({ id, themes }) => ({ id, themes: [...themes] }));
		this.#dots = new Float64Array(examples.length);
		const counts = examples.map((example) => bigramCounts(example.text));
		for (const grams of counts) {
			for (const gram of grams.keys()) this.#documentFrequency.set(gram, (this.#documentFrequency.get(gram) ?? 0) + 1);
		}
		const building = new Map<string, { examples: number[]; weights: number[] }>();
		counts.forEach((grams, example) => {
			for (const [gram, weight] of unitVector(grams, this.#idf)) {
				let postings = building.get(gram);
				if (!postings) building.set(gram, (postings = { examples: [], weights: [] }));
				postings.examples.push(example);
				postings.weights.push(weight);
			}
		});
		for (const [gram, postings] of building) {
			this.#postings.set(gram, { examples: Int32Array.from(postings.examples), weights: Float64Array.from(postings.weights) });
		}
	}

	get size(): number {
		return this.#examples.length;
	}

	/** Smoothed IDF: a bigram unseen in the examples weighs most, one in every example still a little. */
	readonly #idf = (gram: string): number => Math.log((1 + this.#examples.length) / (1 + (this.#documentFrequency.get(gram) ?? 0))) + 1;

	/** The examples most similar to `text`, most similar first, without the one whose id is `excludeId`. */
	nearest(text: string, options: NearestOptions = {}): Neighbour[] {
		const { limit = NEIGHBOURS, excludeId, minSimilarity = MIN_SIMILARITY } = options;
		const key = `${limit} ${minSimilarity} ${excludeId ?? ''} ${text}`;
		let found = this.#nearestFound.get(key);
		if (!found) {
			found = this.#search(text, limit, excludeId, minSimilarity);
			if (this.#nearestFound.size >= NEAREST_REMEMBERED) this.#nearestFound.delete(this.#nearestFound.keys().next().value!);
			this.#nearestFound.set(key, found);
		}
		return found.map((neighbour) => ({ ...neighbour }));
	}

	#search(text: string, limit: number, excludeId: string | number | undefined, minSimilarity: number): Neighbour[] {
		const dots = this.#dots;
		// In the order each example was first reached, as a Map's keys would be: ties keep that order.
		const touched: number[] = [];
		for (const [gram, weight] of unitVector(bigramCounts(text), this.#idf)) {
			const postings = this.#postings.get(gram);
			if (!postings) continue;
			const { examples, weights } = postings;
			for (let i = 0; i < examples.length; i++) {
				const example = examples[i];
				if (dots[example] === 0) touched.push(example);
				dots[example] += weight * weights[i];
			}
		}
		const neighbours: Neighbour[] = [];
		for (const index of touched) {
			const similarity = dots[index];
			dots[index] = 0;
			const example = this.#examples[index];
			if (similarity < minSimilarity) continue;
			if (excludeId !== undefined && example.id === excludeId) continue;
			neighbours.push({ id: example.id, themes: example.themes, similarity: Math.min(1, similarity) });
		}
		return neighbours.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
	}
}

/** Index the tagged examples once; pass the result to `suggest` for every comment of a queue. */
export function prepare(examples: readonly TaggedExample[]): ExampleIndex {
	return new ExampleIndex(examples);
}

const keywordPatterns = new Map<string, RegExp | null>();

/**
 * A keyword matches whatever the spacing ('미니 클러스터' finds '미니클러스터' and back) and whatever
 * follows it, since Korean attaches particles and endings to the word ('클러스터를', '살아남은').
 * Latin letters and digits at its edges must not run on into more of them: 'TF' is not in 'ETF'.
 */
function keywordPattern(keyword: string): RegExp | null {
	if (!keywordPatterns.has(keyword)) {
		const chars = Array.from(normalise(keyword).replace(/\s+/gu, ''));
		if (chars.length === 0) {
			keywordPatterns.set(keyword, null);
		} else {
			const body = chars.map((char) => char.replace(REGEX_SPECIAL, '\\$&')).join('\\s*');
			const before = ASCII_WORD_CHAR.test(chars[0]) ? '(?<![a-z0-9])' : '';
			const after = ASCII_WORD_CHAR.test(chars[chars.length - 1]) ? '(?![a-z0-9])' : '';
			keywordPatterns.set(keyword, new RegExp(before + body + after, 'gu'));
		}
	}
	return keywordPatterns.get(keyword) ?? null;
}

interface Span {
	start: number;
	end: number;
}

function spansOf(keyword: string, text: string): Span[] {
	const pattern = keywordPattern(keyword);
	if (!pattern) return [];
	return Array.from(text.matchAll(pattern), (match) => ({ start: match.index, end: match.index + match[0].length }));
}

/**
 * The theme's keywords found in the (normalised) text, in the theme's order. A keyword found only
 * inside a longer one of the same theme ('협동' inside '협동조합') is not a second piece of evidence.
 */
export function matchedKeywords(theme: Pick<ThemeDefinition, 'keywords'>, text: string): string[] {
	return findKeywords(theme.keywords, normalise(text));
}

function findKeywords(keywords: readonly string[], normalised: string): string[] {
	const found = [...new Set(keywords)].map((keyword) => ({ keyword, spans: spansOf(keyword, normalised) })).filter((hit) => hit.spans.length > 0);
	const byLength = [...found].sort((a, b) => maxLength(b.spans) - maxLength(a.spans));
	const covered: Span[] = [];
	const kept = new Set<string>();
	for (const hit of byLength) {
		const standalone = hit.spans.filter((span) => !covered.some((c) => c.start <= span.start && span.end <= c.end));
		if (standalone.length > 0) kept.add(hit.keyword);
		covered.push(...hit.spans);
	}
	return found.filter((hit) => kept.has(hit.keyword)).map((hit) => hit.keyword);
}

const maxLength = (spans: Span[]) => Math.max(...spans.map((span) => span.end - span.start));

const keywordScore = (hits: number) => 1 - (1 - KEYWORD_HIT_SCORE) ** hits;

/** Each neighbour votes for its themes with its similarity, so one close comment weighs like several loose ones. */
function neighbourVotes(neighbours: readonly Neighbour[], active: ReadonlySet<string>) {
	const votes = new Map<string, { score: number; count: number }>();
	for (const neighbour of neighbours) {
		for (const theme of new Set(neighbour.themes)) {
			if (!active.has(theme)) continue;
			const vote = votes.get(theme) ?? { score: 0, count: 0 };
			vote.score = Math.min(1, vote.score + neighbour.similarity / SIMILARITY_FOR_FULL_SCORE);
			vote.count += 1;
			votes.set(theme, vote);
		}
	}
	return votes;
}

/** Suggested themes for a comment, best first, without its tagged and rejected themes. */
export function suggest(input: SuggestInput, options: SuggestOptions = {}): Suggestion[] {
	const { limit = MAX_SUGGESTIONS, minScore = MIN_SCORE } = options;
	const index = input.examples instanceof ExampleIndex ? input.examples : prepare(input.examples);
	const excluded = new Set([...(input.tagged ?? []), ...(input.rejected ?? [])]);
	const active = new Set(input.themes.map((theme) => theme.slug));
	const votes = neighbourVotes(index.nearest(input.text, { excludeId: input.id }), active);

	const text = normalise(input.text);
	const suggestions: Suggestion[] = [];
	for (const theme of input.themes) {
		if (excluded.has(theme.slug)) continue;
		const keywords = findKeywords(theme.keywords, text);
		const vote = votes.get(theme.slug);
		const score = 1 - (1 - keywordScore(keywords.length)) * (1 - (vote?.score ?? 0));
		if (score < minScore) continue;
		const reasons: Reason[] = keywords.map((keyword) => ({ kind: 'keyword', keyword }));
		if (vote) reasons.push({ kind: 'similar', theme: theme.slug, count: vote.count });
		suggestions.push({ theme: theme.slug, score, reasons });
	}
	// The sort is stable, so equal scores keep the order of the taxonomy.
	return suggestions.sort((a, b) => b.score - a.score).slice(0, limit);
}
