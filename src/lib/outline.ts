// The plan editor's outline: sections as the form holds them, and the structural edits (add,
// remove, move) done the same way by the browser and, without JavaScript, by the form actions.
// Two levels only: chapters, and subsections right after their chapter.

export interface OutlineSection {
	key: string;
	heading: string;
	/** '' for a chapter. */
	parentKey: string;
	body: string;
	/** The key is already published: comments hang on it, so the editor does not offer to change it. */
	locked: boolean;
}

export const MAX_SECTIONS = 200;
type Field = 'key' | 'heading' | 'parentKey' | 'body' | 'locked';
const FIELD_NAME = /^sections\.(\d{1,3})\.(key|heading|parentKey|body|locked)$/;

/** Form field name of one section field: "sections.3.heading". */
export const fieldName = (index: number, field: Field) => `sections.${index}.${field}`;

/** The sections of flat form values ("sections.0.key" …), in the order of their indexes. */
export function sectionsFromValues(values: Record<string, unknown>): OutlineSection[] {
	const byIndex = new Map<number, Record<string, string>>();
	for (const [name, value] of Object.entries(values)) {
		const match = FIELD_NAME.exec(name);
		if (!match || Number(match[1]) >= MAX_SECTIONS) continue;
		const index = Number(match[1]);
		const entry = byIndex.get(index) ?? {};
		entry[match[2]] = typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '';
		byIndex.set(index, entry);
	}
	return [...byIndex.entries()]
		.sort(([a], [b]) => a - b)
		.map(([, entry]) => ({
			key: entry.key ?? '',
			heading: entry.heading ?? '',
			parentKey: entry.parentKey ?? '',
			body: entry.body ?? '',
			locked: entry.locked === '1'
		}));
}

/** The same sections as flat form values, indexed in their current order. */
export function valuesFromSections(sections: OutlineSection[]): Record<string, string> {
	const values: Record<string, string> = {};
	sections.forEach((section, index) => {
		values[fieldName(index, 'key')] = section.key;
		values[fieldName(index, 'heading')] = section.heading;
		values[fieldName(index, 'parentKey')] = section.parentKey;
		values[fieldName(index, 'body')] = section.body;
		if (section.locked) values[fieldName(index, 'locked')] = '1';
	});
	return values;
}

interface Chapter<T> {
	chapter: T;
	children: T[];
}

/** Chapters in order, each with the subsections that name it as parent, in their order. */
function chaptersOf<T extends Pick<OutlineSection, 'key' | 'parentKey'>>(sections: T[]): Chapter<T>[] {
	const chapterKeys = new Set(sections.filter((s) => !s.parentKey).map((s) => s.key));
	// A section whose parent is missing or not a chapter stays where it is, as if a chapter, so
	// nothing disappears before validation can point at it.
	const isChild = (s: T) => !!s.parentKey && s.parentKey !== s.key && chapterKeys.has(s.parentKey);
	const placed = new Set<T>();
	const chapters: Chapter<T>[] = [];
	for (const section of sections) {
		if (isChild(section)) continue;
		const children = sections.filter((c) => isChild(c) && c.parentKey === section.key && !placed.has(c));
		children.forEach((c) => placed.add(c));
		chapters.push({ chapter: section, children });
	}
	for (const orphan of sections.filter((s) => isChild(s) && !placed.has(s))) chapters.push({ chapter: orphan, children: [] });
	return chapters;
}

const flatten = <T>(chapters: Chapter<T>[]) => chapters.flatMap((c) => [c.chapter, ...c.children]);

/** Reading order: every subsection right after its chapter, otherwise as given. */
export function treeOrder<T extends Pick<OutlineSection, 'key' | 'parentKey'>>(sections: T[]): T[] {
	return flatten(chaptersOf(sections));
}

export type Direction = 'up' | 'down';

function neighbourSwap<T>(items: T[], item: T, direction: Direction): boolean {
	const at = items.indexOf(item);
	const to = direction === 'up' ? at - 1 : at + 1;
	if (at === -1 || to < 0 || to >= items.length) return false;
	[items[at], items[to]] = [items[to], items[at]];
	return true;
}

/**
 * Moves a section past its neighbour: a chapter with its subsections past the next chapter, a
 * subsection within its chapter. Returns the sections in reading order (unchanged at an end).
 */
export function moveSection<T extends Pick<OutlineSection, 'key' | 'parentKey'>>(sections: T[], index: number, direction: Direction): T[] {
	const target = sections[index];
	const chapters = chaptersOf(sections);
	if (!target) return flatten(chapters);
	const own = chapters.find((c) => c.chapter === target);
	if (own) neighbourSwap(chapters, own, direction);
	else {
		const parent = chapters.find((c) => c.children.includes(target));
		if (parent) neighbourSwap(parent.children, target, direction);
	}
	return flatten(chapters);
}

/** Whether moveSection would change anything. */
export function canMove<T extends Pick<OutlineSection, 'key' | 'parentKey'>>(sections: T[], index: number, direction: Direction): boolean {
	const moved = moveSection(sections, index, direction);
	return moved.some((section, i) => section !== treeOrder(sections)[i]);
}

/** Removes a section; its subsections become chapters where they stand. */
export function removeSection(sections: OutlineSection[], index: number): OutlineSection[] {
	const removed = sections[index];
	if (!removed) return sections;
	const stillUsed = sections.some((s, i) => i !== index && s.key === removed.key);
	return sections.filter((_, i) => i !== index).map((s) => (!stillUsed && removed.key && s.parentKey === removed.key ? { ...s, parentKey: '' } : s));
}

/** The first free "section-N" key. */
export function freeKey(sections: Pick<OutlineSection, 'key'>[]): string {
	const used = new Set(sections.map((s) => s.key));
	let n = sections.length + 1;
	while (used.has(`section-${n}`)) n++;
	return `section-${n}`;
}

/** Adds an empty chapter at the end. */
export function addSection(sections: OutlineSection[]): OutlineSection[] {
	if (sections.length >= MAX_SECTIONS) return sections;
	return [...sections, { key: freeKey(sections), heading: '', parentKey: '', body: '', locked: false }];
}
