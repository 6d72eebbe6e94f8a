import { describe, expect, it } from 'vitest';
import { addSection, canMove, moveSection, removeSection, sectionsFromValues, treeOrder, valuesFromSections, type OutlineSection } from './outline';

const s = (key: string, parentKey = ''): OutlineSection => ({ key, heading: key, parentKey, body: '', locked: false });
const keys = (sections: { key: string }[]) => sections.map((section) => section.key);

// 1 vision · 2 strategy (2.1 governance, 2.2 localisation) · 3 support-centre
const outline = [s('vision'), s('strategy'), s('governance', 'strategy'), s('localisation', 'strategy'), s('support-centre')];

describe('outline', () => {
	it('round-trips through flat form values in index order', () => {
		const values = valuesFromSections([{ ...outline[0], locked: true, body: '본문\n둘째 줄' }, outline[2]]);
		expect(values['sections.0.locked']).toBe('1');
		expect(sectionsFromValues({ ...values, title: '무시', 'sections.999.key': '너무 많음' })).toEqual([
			{ ...outline[0], locked: true, body: '본문\n둘째 줄' },
			outline[2]
		]);
		expect(keys(sectionsFromValues({ 'sections.10.key': 'b', 'sections.2.key': 'a' }))).toEqual(['a', 'b']);
	});

	it('puts every subsection right after its chapter', () => {
		expect(keys(treeOrder([s('governance', 'strategy'), s('vision'), s('strategy'), s('orphan', 'missing')]))).toEqual([
			'vision',
			'strategy',
			'governance',
			'orphan'
		]);
	});

	it('moves a chapter together with its subsections', () => {
		expect(keys(moveSection(outline, 1, 'up'))).toEqual(['strategy', 'governance', 'localisation', 'vision', 'support-centre']);
		expect(keys(moveSection(outline, 4, 'up'))).toEqual(['vision', 'support-centre', 'strategy', 'governance', 'localisation']);
	});

	it('moves a subsection only within its chapter', () => {
		expect(keys(moveSection(outline, 3, 'up'))).toEqual(['vision', 'strategy', 'localisation', 'governance', 'support-centre']);
		expect(canMove(outline, 2, 'up')).toBe(false);
		expect(canMove(outline, 3, 'down')).toBe(false);
		expect(canMove(outline, 0, 'up')).toBe(false);
		expect(canMove(outline, 4, 'down')).toBe(false);
		expect(canMove(outline, 1, 'down')).toBe(true);
	});

	it('turns the subsections of a removed chapter into chapters', () => {
		const removed = removeSection(outline, 1);
		expect(keys(removed)).toEqual(['vision', 'governance', 'localisation', 'support-centre']);
		expect(removed.every((section) => section.parentKey === '')).toBe(true);
	});

	it('adds an empty chapter with a free key', () => {
		const added = addSection([s('section-2')]);
		expect(added.at(-1)).toEqual({ key: 'section-3', heading: '', parentKey: '', body: '', locked: false });
	});
});
