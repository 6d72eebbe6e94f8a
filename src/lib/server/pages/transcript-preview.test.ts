import { describe, expect, it } from 'vitest';
import { analyseTranscript } from '$lib/transcripts/parse';
import { applyOperation, rowsFromForm, rowsFromStatements, validateRows, type PreviewRow } from './transcript-preview';

const row = (name: string, text: string, extra: Partial<PreviewRow> = {}): PreviewRow => ({
	name,
	affiliation: '광명YMCA 사무총장',
	text,
	group: 'civil_society',
	kind: 'suggestion',
	section: '',
	role: '',
	drop: false,
	unsure: '',
	...extra
});

describe('the import preview', () => {
	it('starts from parsed statements with a guessed stakeholder group', () => {
		const [first] = rowsFromStatements([{ name: '박민수', affiliation: '광명 노동자협동조합 이사장', text: '협동이 중요합니다.' }]);
		expect(first).toEqual({
			name: '박민수',
			affiliation: '광명 노동자협동조합 이사장',
			text: '협동이 중요합니다.',
			group: 'cooperative',
			kind: 'suggestion',
			section: '',
			role: '',
			drop: false,
			unsure: ''
		});
	});

	it('carries the parser’s unsure splits through the form until the official confirms or merges them', () => {
		const parsed = analyseTranscript(
			'석지안(광명 청년협동조합 이사) 공간이 없다는 게 어려움이고 구민서(광명시 사회적경제지원센터 센터장) 덧붙이면 저녁에 엽니다.\n' +
				'구민서(광명시 사회적경제지원센터 센터장) 검토하겠습니다.'
		).statements;
		const rows = rowsFromStatements(parsed);
		expect(rows.map((r) => [r.name, r.unsure])).toEqual([
			['석지안', ''],
			['구민서', 'mid_sentence'],
			['구민서', '']
		]);
		const form = new FormData();
		form.set('rows', '2');
		form.set('unsure.0', 'mid_sentence');
		form.set('unsure.1', 'made-up');
		expect(rowsFromForm(form).map((r) => r.unsure)).toEqual(['mid_sentence', '']);

		expect(applyOperation(rows, 'confirm:1').map((r) => r.unsure)).toEqual(['', '', '']);
		// Merging the unsure row undoes the split: the name goes back into the text, the flag goes.
		const merged = applyOperation(rows, 'merge:1');
		expect(merged.map((r) => [r.name, r.unsure, r.text])).toEqual([
			['석지안', '', '공간이 없다는 게 어려움이고 구민서(광명시 사회적경제지원센터 센터장) 덧붙이면 저녁에 엽니다.'],
			['구민서', '', '검토하겠습니다.']
		]);
	});

	it('reads the corrected rows back from the form', () => {
		const form = new FormData();
		form.set('rows', '2');
		form.set('name.0', '김가나');
		form.set('text.0', '첫 발언');
		form.set('kind.0', 'concern');
		form.set('drop.1', 'on');
		form.set('name.1', '이다라');
		form.set('text.1', '둘째 발언');
		const rows = rowsFromForm(form);
		expect(rows.map((r) => [r.name, r.kind, r.drop])).toEqual([
			['김가나', 'concern', false],
			['이다라', 'suggestion', true]
		]);
	});

	it('merges a statement into the one above and splits one at the marker', () => {
		const rows = [row('강태윤', '첫째 문장입니다.'), row('강태윤', '이어지는 문장입니다.'), row('임소라', '앞부분입니다. /// 뒷부분입니다.')];
		const merged = applyOperation(rows, 'merge:1');
		expect(merged.map((r) => r.text)).toEqual(['첫째 문장입니다. 이어지는 문장입니다.', '앞부분입니다. /// 뒷부분입니다.']);
		const split = applyOperation(merged, 'split:1');
		expect(split.map((r) => [r.name, r.text])).toEqual([
			['강태윤', '첫째 문장입니다. 이어지는 문장입니다.'],
			['임소라', '앞부분입니다.'],
			['임소라', '뒷부분입니다.']
		]);
		expect(applyOperation(rows, 'merge:99')).toBe(rows);
	});

	it('leaves dropped rows out and names the fields to fix', () => {
		const checked = validateRows(
			[
				row('', '이름이 빠진 발언'),
				row('노은정', '남길 발언', { section: 'vision' }),
				row('문영숙', '뺄 발언', { drop: true }),
				row('배진호', '없는 장', { section: 'nowhere' })
			],
			new Set(['vision'])
		);
		expect(checked.ok).toBe(false);
		if (!checked.ok) expect(Object.keys(checked.errors).sort()).toEqual(['name.0', 'section.3']);
		const good = validateRows([row('노은정', '남길 발언', { section: 'vision' }), row('문영숙', '뺄 발언', { drop: true })], new Set(['vision']));
		expect(good.ok && good.statements.map((s) => [s.name, s.sectionKey])).toEqual([['노은정', 'vision']]);
	});
});
