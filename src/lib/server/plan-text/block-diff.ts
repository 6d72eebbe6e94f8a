// A section body compared block by block (headings, paragraphs, list items, quotes, table rows,
// code), a changed block then word by word (word-diff.ts).
import { diffArrays } from 'diff';
import { diffWords, walkHunks, type Segment } from './word-diff';

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
	{ type: 'equal' | 'added' | 'removed'; kind: BlockKind; text: string } | { type: 'changed'; kind: BlockKind; segments: Segment[] };

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
	walkHunks(
		changes,
		(removed, added) => out.push(...pairBlocks(removed, added)),
		(same) => out.push(...same.map((block) => ({ type: 'equal' as const, ...block })))
	);
	return out;
}
