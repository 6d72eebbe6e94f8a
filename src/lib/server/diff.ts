// Comparing two versions of a plan: sections are matched by their stable key, section bodies are
// compared block by block (paragraphs, list items, table rows), and changed blocks word by word.
// The edit scripts come from jsdiff (`diff`); what is ours is the tokenising and the clean-up that
// make Korean read well: a Hangul word (어절) whose stem stays and whose particle (조사) or ending
// changes shows only that particle as changed (센터는 → 센터가), and runs of replaced words
// become one deletion followed by one insertion instead of a word-by-word zigzag.
import { diffArrays } from 'diff';

export type SegmentType = 'equal' | 'added' | 'removed';
export interface Segment {
	type: SegmentType;
	text: string;
}

// ── Words ──────────────────────────────────────────────────────────────────────────────────────

/** Case markers and auxiliary particles (조사), and the plural 들 that sits before them. */
const PARTICLES = [
	'은', '는', '이', '가', '을', '를', '의', '에', '에서', '에게', '에게서', '께', '께서', '한테', '더러',
	'으로', '로', '으로서', '로서', '으로써', '로써', '으로부터', '로부터', '와', '과', '하고', '이랑', '랑',
	'도', '만', '까지', '부터', '처럼', '같이', '보다', '마다', '조차', '마저', '밖에', '뿐', '대로', '만큼',
	'이나', '나', '이나마', '이며', '며', '이라도', '라도', '이란', '란', '이라는', '라는', '이든', '든', '들'
];

/** Common endings of 하다/되다/이다 predicates, so 구성합니다 → 구성했습니다 marks only the ending. */
const ENDINGS = [
	'입니다', '합니다', '했습니다', '됩니다', '되었습니다', '됐습니다', '이다', '한다', '했다', '된다', '되었다',
	'하고', '하며', '하여', '해서', '하는', '한', '할', '함', '된', '될', '되는', '되어', '하기', '되기', '하도록', '되도록'
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
	const sameShape =
		removed.length === added.length &&
		removed.every((token, i) => (isWord(token) ? isWord(added[i]) : token === added[i]));
	if (sameShape) {
		return removed.flatMap((token, i): Op[] =>
			token === added[i] ? [{ type: 'equal', text: token }] : refineWord(token, added[i])
		);
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
 * A word-level diff that reads well in Korean. Joining the `equal` and `removed` texts gives the
 * old text back; joining `equal` and `added` gives the new one.
 */
export function diffWords(before: string, after: string): Segment[] {
	const changes = diffArrays(tokenize(before), tokenize(after));
	const ops: Op[] = [];
	let removed: string[] = [];
	let added: string[] = [];
	const flush = () => {
		if (removed.length || added.length) ops.push(...refineHunk(removed, added));
		removed = [];
		added = [];
	};
	for (const change of changes) {
		if (change.removed) removed.push(...change.value);
		else if (change.added) added.push(...change.value);
		else {
			flush();
			ops.push({ type: 'equal', text: change.value.join('') });
		}
	}
	flush();
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

// ── Blocks ─────────────────────────────────────────────────────────────────────────────────────

export type BlockKind = 'heading' | 'item' | 'quote' | 'row' | 'code' | 'text';
export interface Block {
	kind: BlockKind;
	text: string;
}

/** Markdown inline syntax that only gets in the way of reading a diff. */
function inlineText(markdown: string): string {
	return markdown
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/(\*\*|__|~~)(.+?)\1/g, '$2')
		.replace(/(^|[^\p{L}\p{N}*])\*(?!\s)([^*]+?)\*/gu, '$1$2')
		.replace(/`([^`]*)`/g, '$1')
		.replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * A section body as the blocks a reader sees: headings, paragraphs, list items (with their
 * numbers), quotes, table rows and code, each as plain text.
 */
export function blocksOf(markdown: string): Block[] {
	const blocks: Block[] = [];
	const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
	let open: Block | null = null;
	const close = () => {
		if (open && open.text.trim()) blocks.push({ kind: open.kind, text: open.kind === 'code' ? open.text : inlineText(open.text) });
		open = null;
	};
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const fence = /^\s*(```|~~~)/.exec(line);
		if (fence) {
			close();
			const body: string[] = [];
			while (++i < lines.length && !lines[i].trimStart().startsWith(fence[1])) body.push(lines[i]);
			if (body.length) blocks.push({ kind: 'code', text: body.join('\n') });
			continue;
		}
		if (!line.trim()) {
			close();
			continue;
		}
		let match: RegExpExecArray | null;
		if ((match = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line))) {
			close();
			blocks.push({ kind: 'heading', text: inlineText(match[1]) });
		} else if ((match = /^\s*[-*+]\s+(.*)$/.exec(line))) {
			close();
			open = { kind: 'item', text: match[1] };
		} else if ((match = /^\s*(\d+[.)])\s+(.*)$/.exec(line))) {
			close();
			open = { kind: 'item', text: `${match[1]} ${match[2]}` };
		} else if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line) && line.includes('-')) {
			close();
		} else if (/^\s*\|/.test(line)) {
			close();
			const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
			blocks.push({ kind: 'row', text: cells.map((cell) => inlineText(cell)).join(' | ') });
		} else if ((match = /^\s*>\s?(.*)$/.exec(line))) {
			if (open?.kind !== 'quote') {
				close();
				open = { kind: 'quote', text: '' };
			}
			open.text += ` ${match[1]}`;
		} else if (/^\s*(-{3,}|\*{3,}|_{3,})\s*$/.test(line)) {
			close();
		} else if (open) {
			open.text += ` ${line.trim()}`;
		} else {
			open = { kind: 'text', text: line.trim() };
		}
	}
	close();
	return blocks;
}

export type BlockChange =
	| { type: 'equal' | 'added' | 'removed'; kind: BlockKind; text: string }
	| { type: 'changed'; kind: BlockKind; segments: Segment[] };

/**
 * How alike two texts are: the Dice coefficient of their character pairs. Pairs of characters,
 * not words, because a Korean word with a changed particle is a different word.
 */
export function similarity(a: string, b: string): number {
	const pairs = (text: string) => {
		const compact = text.replace(/\s+/g, '');
		const out: string[] = [];
		for (let i = 0; i < compact.length - 1; i++) out.push(compact.slice(i, i + 2));
		return out;
	};
	const [left, right] = [pairs(a), pairs(b)];
	if (!left.length || !right.length) return a.trim() === b.trim() ? 1 : 0;
	const counts = new Map<string, number>();
	for (const pair of left) counts.set(pair, (counts.get(pair) ?? 0) + 1);
	let shared = 0;
	for (const pair of right) {
		const count = counts.get(pair) ?? 0;
		if (count > 0) {
			shared++;
			counts.set(pair, count - 1);
		}
	}
	return (2 * shared) / (left.length + right.length);
}

const SIMILAR_ENOUGH = 0.3;

/** Pairs removed and added blocks of one hunk in order when they resemble each other. */
function pairBlocks(removed: Block[], added: Block[]): BlockChange[] {
	const out: BlockChange[] = [];
	let next = 0;
	for (const old of removed) {
		let match = -1;
		for (let j = next; j < added.length; j++) {
			if (similarity(old.text, added[j].text) >= SIMILAR_ENOUGH) {
				match = j;
				break;
			}
		}
		if (match === -1) {
			out.push({ type: 'removed', ...old });
			continue;
		}
		for (; next < match; next++) out.push({ type: 'added', ...added[next] });
		out.push({ type: 'changed', kind: added[match].kind, segments: diffWords(old.text, added[match].text) });
		next = match + 1;
	}
	for (; next < added.length; next++) out.push({ type: 'added', ...added[next] });
	return out;
}

export function diffBlocks(before: string, after: string): BlockChange[] {
	const changes = diffArrays(blocksOf(before), blocksOf(after), {
		comparator: (a, b) => a.kind === b.kind && a.text === b.text
	});
	const out: BlockChange[] = [];
	let removed: Block[] = [];
	let added: Block[] = [];
	const flush = () => {
		out.push(...pairBlocks(removed, added));
		removed = [];
		added = [];
	};
	for (const change of changes) {
		if (change.removed) removed.push(...change.value);
		else if (change.added) added.push(...change.value);
		else {
			flush();
			out.push(...change.value.map((block) => ({ type: 'equal' as const, ...block })));
		}
	}
	flush();
	return out;
}

// ── Sections ───────────────────────────────────────────────────────────────────────────────────

export interface ComparableSection {
	key: string;
	heading: string;
	body: string;
	parentKey: string | null;
	/** As the reader sees it: "2", "2.1". */
	number: string;
}

export interface SectionPlace {
	number: string;
	heading: string;
	parentKey: string | null;
	/** The parent's heading in the same version. */
	parentHeading: string | null;
}

export interface SectionComparison {
	key: string;
	status: 'added' | 'removed' | 'changed' | 'unchanged';
	/** Its order among the sections both versions have changed, or its parent did. */
	moved: boolean;
	before: SectionPlace | null;
	after: SectionPlace | null;
	/** The heading's word diff when it changed. */
	heading: Segment[] | null;
	blocks: BlockChange[];
}

export interface VersionComparison {
	sections: SectionComparison[];
	counts: { added: number; removed: number; moved: number; changed: number; unchanged: number };
}


/** Section by section, in the newer version's order with removed sections where they were. */
export function compareSections(before: ComparableSection[], after: ComparableSection[]): VersionComparison {
	const oldByKey = new Map(before.map((section) => [section.key, section]));
	const newByKey = new Map(after.map((section) => [section.key, section]));
	const placeIn = (byKey: Map<string, ComparableSection>) => (section: ComparableSection): SectionPlace => ({
		number: section.number,
		heading: section.heading,
		parentKey: section.parentKey,
		parentHeading: section.parentKey ? (byKey.get(section.parentKey)?.heading ?? null) : null
	});
	const [placeBefore, placeAfter] = [placeIn(oldByKey), placeIn(newByKey)];

	// Sections outside the longest common order are the ones that moved.
	const inOrder = new Set<string>();
	for (const change of diffArrays(
		before.filter((s) => newByKey.has(s.key)).map((s) => s.key),
		after.filter((s) => oldByKey.has(s.key)).map((s) => s.key)
	)) {
		if (!change.added && !change.removed) change.value.forEach((key) => inOrder.add(key));
	}

	const sections: SectionComparison[] = [];
	for (const change of diffArrays(
		before.map((s) => s.key),
		after.map((s) => s.key)
	)) {
		for (const key of change.value) {
			const old = oldByKey.get(key);
			const next = newByKey.get(key);
			if (change.removed && next) continue; // listed where the newer version has it
			if (!next) {
				sections.push({
					key,
					status: 'removed',
					moved: false,
					before: placeBefore(old!),
					after: null,
					heading: null,
					blocks: blocksOf(old!.body).map((block) => ({ type: 'removed', ...block }))
				});
			} else if (!old) {
				sections.push({
					key,
					status: 'added',
					moved: false,
					before: null,
					after: placeAfter(next),
					heading: null,
					blocks: blocksOf(next.body).map((block) => ({ type: 'added', ...block }))
				});
			} else {
				const changed = old.heading !== next.heading || old.body !== next.body;
				sections.push({
					key,
					status: changed ? 'changed' : 'unchanged',
					moved: !inOrder.has(key) || old.parentKey !== next.parentKey,
					before: placeBefore(old),
					after: placeAfter(next),
					heading: old.heading !== next.heading ? diffWords(old.heading, next.heading) : null,
					blocks:
						old.body === next.body
							? blocksOf(next.body).map((block) => ({ type: 'equal', ...block }))
							: diffBlocks(old.body, next.body)
				});
			}
		}
	}

	const counts = { added: 0, removed: 0, moved: 0, changed: 0, unchanged: 0 };
	for (const section of sections) {
		if (section.status !== 'unchanged') counts[section.status]++;
		if (section.moved) counts.moved++;
		if (section.status === 'unchanged' && !section.moved) counts.unchanged++;
	}
	return { sections, counts };
}
