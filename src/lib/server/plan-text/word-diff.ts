// Two texts compared word by word, for the version comparison (version-compare.ts). The edit
// scripts come from jsdiff (`diff`); what is ours is the tokenising and the clean-up that
// make Korean read well: a Hangul word (어절) whose stem stays and whose particle (조사) or ending
// changes shows only that particle as changed (센터는 → 센터가), and runs of replaced words
// become one deletion followed by one insertion instead of a word-by-word zigzag.
import { diffArrays, type ArrayChange } from 'diff';

export type SegmentType = 'equal' | 'added' | 'removed';
export interface Segment {
	type: SegmentType;
	text: string;
}

/** Case markers and auxiliary particles (조사), and the plural 들 that sits before them. */
const PARTICLES = [
	'은',
	'는',
	'이',
	'가',
	'을',
	'를',
	'의',
	'에',
	'에서',
	'에게',
	'에게서',
	'께',
	'께서',
	'한테',
	'더러',
	'으로',
	'로',
	'으로서',
	'로서',
	'으로써',
	'로써',
	'으로부터',
	'로부터',
	'와',
	'과',
	'하고',
	'이랑',
	'랑',
	'도',
	'만',
	'까지',
	'부터',
	'처럼',
	'같이',
	'보다',
	'마다',
	'조차',
	'마저',
	'밖에',
	'뿐',
	'대로',
	'만큼',
	'이나',
	'나',
	'이나마',
	'이며',
	'며',
	'이라도',
	'라도',
	'이란',
	'란',
	'이라는',
	'라는',
	'이든',
	'든',
	'들'
];

/** Common endings of 하다/되다/이다 predicates, so 구성합니다 → 구성했습니다 marks only the ending. */
const ENDINGS = [
	'입니다',
	'합니다',
	'했습니다',
	'됩니다',
	'되었습니다',
	'됐습니다',
	'이다',
	'한다',
	'했다',
	'된다',
	'되었다',
	'하고',
	'하며',
	'하여',
	'해서',
	'하는',
	'한',
	'할',
	'함',
	'된',
	'될',
	'되는',
	'되어',
	'하기',
	'되기',
	'하도록',
	'되도록'
];

const SUFFIXES = new Set([...PARTICLES, ...ENDINGS]);

/** A word's tail that is empty, one particle or ending, or two of them (에서+는, 들+이, 으로+만). */
export function isParticleTail(tail: string): boolean {
	if (tail === '' || SUFFIXES.has(tail)) return true;
	for (let cut = 1; cut < tail.length; cut++) {
		if (SUFFIXES.has(tail.slice(0, cut)) && SUFFIXES.has(tail.slice(cut))) return true;
	}
	return false;
}

/**
 * The longest shared stem of two different words when what follows it in each is only particles
 * or endings: ['센터', '는', '가'] for 센터는/센터가, ['어린이', '', '가'] for 어린이/어린이가.
 */
export function particleSplit(before: string, after: string): [string, string, string] | null {
	if (before === after || !/[가-힣]/.test(before + after)) return null;
	let common = 0;
	while (common < before.length && common < after.length && before[common] === after[common]) common++;
	for (let length = common; length > 0; length--) {
		const stem = before.slice(0, length);
		const [oldTail, newTail] = [before.slice(length), after.slice(length)];
		if (isParticleTail(oldTail) && isParticleTail(newTail)) return [stem, oldTail, newTail];
	}
	return null;
}

const TOKEN = /\s+|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;
const WORD = /^[\p{L}\p{N}\p{M}]/u;

/** Words (어절, Latin words, numbers with their counters such as 2016년), spaces and single marks. */
export function tokenize(text: string): string[] {
	return text.match(TOKEN) ?? [];
}

const isWord = (token: string) => WORD.test(token);
const isSpace = (token: string) => /^\s+$/.test(token);

interface Op extends Segment {
	/** A particle-level change inside a word: never merged into neighbouring word changes. */
	fine?: boolean;
}

/** Splits one replaced word pair into stem and particle changes when it can. */
function refineWord(before: string, after: string): Op[] {
	const split = particleSplit(before, after);
	if (!split) {
		return [
			{ type: 'removed', text: before },
			{ type: 'added', text: after }
		];
	}
	const [stem, oldTail, newTail] = split;
	const ops: Op[] = [{ type: 'equal', text: stem }];
	if (oldTail) ops.push({ type: 'removed', text: oldTail, fine: true });
	if (newTail) ops.push({ type: 'added', text: newTail, fine: true });
	return ops;
}

/** One run of removed and added tokens between unchanged ones. */
function refineHunk(removed: string[], added: string[]): Op[] {
	if (removed.length === 0) return [{ type: 'added', text: added.join('') }];
	if (added.length === 0) return [{ type: 'removed', text: removed.join('') }];
	// Same shape (words where words were, the same spaces and marks between): pair word by word.
	const sameShape = removed.length === added.length && removed.every((token, i) => (isWord(token) ? isWord(added[i]) : token === added[i]));
	if (sameShape) {
		return removed.flatMap((token, i): Op[] => (token === added[i] ? [{ type: 'equal', text: token }] : refineWord(token, added[i])));
	}
	// Otherwise a shared stem at the start still counts (센터는 → 센터와 협의회는).
	const ops: Op[] = [];
	let rest = [removed, added];
	if (isWord(removed[0]) && isWord(added[0])) {
		const split = particleSplit(removed[0], added[0]);
		if (split) {
			ops.push({ type: 'equal', text: split[0] });
			rest = [
				[split[1], ...removed.slice(1)],
				[split[2], ...added.slice(1)]
			];
		}
	}
	const [oldRest, newRest] = rest.map((tokens) => tokens.join(''));
	if (oldRest) ops.push({ type: 'removed', text: oldRest });
	if (newRest) ops.push({ type: 'added', text: newRest });
	return ops;
}

/** Merges neighbours of one kind and puts each run's deletion before its insertion. */
function normalise(ops: Op[]): Segment[] {
	const out: Segment[] = [];
	let removed = '';
	let added = '';
	const flush = () => {
		if (removed) out.push({ type: 'removed', text: removed });
		if (added) out.push({ type: 'added', text: added });
		removed = added = '';
	};
	for (const op of ops) {
		if (op.text === '') continue;
		if (op.type === 'removed') removed += op.text;
		else if (op.type === 'added') added += op.text;
		else {
			flush();
			const last = out.at(-1);
			if (last?.type === 'equal') last.text += op.text;
			else out.push({ type: 'equal', text: op.text });
		}
	}
	flush();
	return out;
}

/**
 * Walks a `diffArrays` result in order: each run of removals and additions between unchanged runs
 * goes to `hunk` at once (both lists empty where no change stands), each unchanged run to `equal`.
 */
export function walkHunks<T>(changes: ArrayChange<T>[], hunk: (removed: T[], added: T[]) => void, equal: (same: T[]) => void): void {
	let removed: T[] = [];
	let added: T[] = [];
	const flush = () => {
		hunk(removed, added);
		removed = [];
		added = [];
	};
	for (const change of changes) {
		if (change.removed) removed.push(...change.value);
		else if (change.added) added.push(...change.value);
		else {
			flush();
			equal(change.value);
		}
	}
	flush();
}

/**
 * A word-level diff that reads well in Korean. Joining the `equal` and `removed` texts gives the
 * old text back; joining `equal` and `added` gives the new one.
 */
export function diffWords(before: string, after: string): Segment[] {
	const ops: Op[] = [];
	walkHunks(
		diffArrays(tokenize(before), tokenize(after)),
		(removed, added) => {
			if (removed.length || added.length) ops.push(...refineHunk(removed, added));
		},
		(same) => ops.push({ type: 'equal', text: same.join('') })
	);
	// A lone space between two replaced words joins them: "~~A B~~ __X Y__" reads better than
	// "~~A~~ __X__ ~~B~~ __Y__". Particle changes keep their space so their stems stay visible.
	for (let i = 1; i < ops.length - 1; i++) {
		const [prev, op, next] = [ops[i - 1], ops[i], ops[i + 1]];
		if (op.type === 'equal' && isSpace(op.text) && prev.type !== 'equal' && next.type !== 'equal' && !prev.fine && !next.fine) {
			ops.splice(i, 1, { type: 'removed', text: op.text }, { type: 'added', text: op.text });
			i++;
		}
	}
	return normalise(ops);
}
