// Comparing two versions of a plan: sections are matched by their stable key, their bodies compared
// block by block (block-diff.ts) and their headings word by word (word-diff.ts).
import { diffArrays } from 'diff';
import { blocksOf, diffBlocks, type BlockChange } from './block-diff';
import { diffWords, type Segment } from './word-diff';

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
	const placeIn =
		(byKey: Map<string, ComparableSection>) =>
		(section: ComparableSection): SectionPlace => ({
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
					blocks: old.body === next.body ? blocksOf(next.body).map((block) => ({ type: 'equal', ...block })) : diffBlocks(old.body, next.body)
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
