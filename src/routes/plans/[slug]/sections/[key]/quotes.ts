// Passages in a section's rendered text, addressed the way the server addresses them: offsets in the
// text content with every run of whitespace collapsed to one space and the ends trimmed.

interface Position {
	node: Text;
	offset: number;
}

/** The collapsed text of an element and, for each of its characters, where it sits in the DOM. */
export function textMap(root: HTMLElement): { text: string; positions: Position[] } {
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	let text = '';
	const positions: Position[] = [];
	let pendingSpace: Position | null = null;
	for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
		const value = node.data;
		for (let i = 0; i < value.length; i++) {
			if (/\s/.test(value[i])) {
				if (text.length > 0) pendingSpace ??= { node, offset: i };
				continue;
			}
			if (pendingSpace) {
				text += ' ';
				positions.push(pendingSpace);
				pendingSpace = null;
			}
			text += value[i];
			positions.push({ node, offset: i });
		}
	}
	return { text, positions };
}

/** Wraps the characters [start, end) in <mark> elements, one per text node they span. */
export function markPassage(root: HTMLElement, start: number, end: number, label: string, target: string): HTMLElement[] {
	const { positions } = textMap(root);
	if (start < 0 || end > positions.length || start >= end) return [];
	const byNode = new Map<Text, { from: number; to: number }>();
	for (let i = start; i < end; i++) {
		const { node, offset } = positions[i];
		const span = byNode.get(node);
		if (span) span.to = offset + 1;
		else byNode.set(node, { from: offset, to: offset + 1 });
	}
	const marks: HTMLElement[] = [];
	for (const [node, { from, to }] of byNode) {
		const range = document.createRange();
		range.setStart(node, from);
		range.setEnd(node, to);
		const mark = document.createElement('mark');
		mark.className = 'quoted';
		mark.dataset.target = target;
		mark.title = label;
		range.surroundContents(mark);
		marks.push(mark);
	}
	return marks;
}

/** The selected passage inside `root` as collapsed text and its start offset, or null. */
export function selectedPassage(root: HTMLElement): { quote: string; start: number } | null {
	const selection = window.getSelection();
	if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
	const range = selection.getRangeAt(0);
	if (!root.contains(range.commonAncestorContainer)) return null;
	const { text, positions } = textMap(root);
	let first = -1;
	let last = -1;
	for (let i = 0; i < positions.length; i++) {
		const { node, offset } = positions[i];
		const probe = document.createRange();
		probe.setStart(node, offset);
		probe.setEnd(node, offset + 1);
		const inside = range.compareBoundaryPoints(Range.START_TO_START, probe) <= 0 && range.compareBoundaryPoints(Range.END_TO_END, probe) >= 0;
		if (inside) {
			if (first === -1) first = i;
			last = i;
		}
	}
	if (first === -1) return null;
	const quote = text.slice(first, last + 1).trim();
	if (!quote) return null;
	return { quote, start: first + (text.slice(first, last + 1).length - text.slice(first, last + 1).trimStart().length) };
}
