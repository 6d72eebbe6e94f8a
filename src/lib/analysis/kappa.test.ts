import { describe, expect, it } from 'vitest';
import { cohensKappa, coderPairs, kappaByTheme, type AgreementTable, type Coding } from './kappa';

const table = (bothYes: number, onlyA: number, onlyB: number, bothNo: number): AgreementTable => ({
	bothYes,
	onlyA,
	onlyB,
	bothNo
});

/** Codings by coders 'a' and 'b' for one theme that produce exactly the given 2×2 table. */
function codingsFor(theme: string, { bothYes, onlyA, onlyB, bothNo }: AgreementTable): Coding[] {
	const cells: [boolean, boolean, number][] = [
		[true, true, bothYes],
		[true, false, onlyA],
		[false, true, onlyB],
		[false, false, bothNo]
	];
	const codings: Coding[] = [];
	let commentId = 0;
	for (const [a, b, count] of cells) {
		for (let i = 0; i < count; i += 1) {
			commentId += 1;
			codings.push({ commentId, coder: 'a', themes: a ? [theme] : [] });
			codings.push({ commentId, coder: 'b', themes: b ? [theme] : [] });
		}
	}
	return codings;
}

describe('cohensKappa', () => {
	it('matches the textbook example: 50 items, 20 both yes, 5 and 10 split, 15 both no', () => {
		// po = 35/50 = 0.7; pe = (25/50)(30/50) + (25/50)(20/50) = 0.3 + 0.2 = 0.5; κ = (0.7 − 0.5) / 0.5 = 0.4
		expect(cohensKappa(table(20, 5, 10, 15))).toBeCloseTo(0.4, 10);
	});

	it('gives different kappas for the same 60% agreement when the marginals differ', () => {
		// po = 0.6 in both. First: pe = 0.6·0.7 + 0.4·0.3 = 0.54, κ = 0.06 / 0.46 = 3/23.
		expect(cohensKappa(table(45, 15, 25, 15))).toBeCloseTo(3 / 23, 10);
		// Second: pe = 0.6·0.3 + 0.4·0.7 = 0.46, κ = 0.14 / 0.54 = 7/27.
		expect(cohensKappa(table(25, 35, 5, 35))).toBeCloseTo(7 / 27, 10);
	});

	it('is 1 for perfect agreement, −1 for perfect disagreement, 0 for chance-level agreement', () => {
		expect(cohensKappa(table(3, 0, 0, 7))).toBe(1);
		expect(cohensKappa(table(0, 5, 5, 0))).toBe(-1);
		// Coder A always says yes: po = 0.5 and pe = 1·0.5 + 0·0.5 = 0.5.
		expect(cohensKappa(table(5, 5, 0, 0))).toBe(0);
	});

	it('is undefined (null) when both coders give every item the same answer, or there are no items', () => {
		expect(cohensKappa(table(0, 0, 0, 10))).toBeNull();
		expect(cohensKappa(table(8, 0, 0, 0))).toBeNull();
		expect(cohensKappa(table(0, 0, 0, 0))).toBeNull();
	});
});

describe('kappaByTheme', () => {
	it('builds each theme’s table from the comments both coders coded and computes its kappa', () => {
		const [governance] = kappaByTheme(codingsFor('governance', table(20, 5, 10, 15)), 'a', 'b');
		expect(governance).toEqual({
			theme: 'governance',
			bothYes: 20,
			onlyA: 5,
			onlyB: 10,
			bothNo: 15,
			n: 50,
			agreement: 0.7,
			kappa: expect.closeTo(0.4, 10)
		});
	});

	it('reports several themes from the same codings, each with its own table', () => {
		const codings: Coding[] = [
			{ commentId: 1, coder: 'a', themes: ['governance', 'markets'] },
			{ commentId: 1, coder: 'b', themes: ['governance'] },
			{ commentId: 2, coder: 'a', themes: [] },
			{ commentId: 2, coder: 'b', themes: ['markets'] },
			{ commentId: 3, coder: 'a', themes: ['governance'] },
			{ commentId: 3, coder: 'b', themes: ['governance'] },
			{ commentId: 4, coder: 'a', themes: [] },
			{ commentId: 4, coder: 'b', themes: [] }
		];
		const result = kappaByTheme(codings, 'a', 'b');
		expect(result.map((row) => row.theme)).toEqual(['governance', 'markets']);
		// governance: yes/yes on 1 and 3, no/no on 2 and 4: perfect agreement.
		expect(result[0]).toMatchObject({ bothYes: 2, onlyA: 0, onlyB: 0, bothNo: 2, n: 4, agreement: 1, kappa: 1 });
		// markets: only A on 1, only B on 2, no/no on 3 and 4: po = 0.5, pe = 0.25·0.25 + 0.75·0.75 = 0.625,
		// κ = (0.5 − 0.625) / 0.375 = −1/3.
		expect(result[1]).toMatchObject({ bothYes: 0, onlyA: 1, onlyB: 1, bothNo: 2, n: 4, agreement: 0.5 });
		expect(result[1].kappa).toBeCloseTo(-1 / 3, 10);
	});

	it('counts only comments both coders coded, and a comment coded with no theme as a "no"', () => {
		const codings: Coding[] = [
			{ commentId: 1, coder: 'a', themes: ['governance'] },
			{ commentId: 1, coder: 'b', themes: ['governance'] },
			{ commentId: 2, coder: 'a', themes: [] },
			{ commentId: 2, coder: 'b', themes: [] },
			{ commentId: 3, coder: 'a', themes: ['governance'] },
			{ commentId: 4, coder: 'b', themes: ['governance'] },
			{ commentId: 1, coder: 'c', themes: [] },
			{ commentId: 2, coder: 'c', themes: ['governance'] }
		];
		const [governance] = kappaByTheme(codings, 'a', 'b');
		expect(governance).toMatchObject({ bothYes: 1, bothNo: 1, onlyA: 0, onlyB: 0, n: 2, kappa: 1 });
	});

	it('merges several records of the same coder and comment, as from one row per tag', () => {
		const codings: Coding[] = [
			{ commentId: 7, coder: 1, themes: ['governance'] },
			{ commentId: 7, coder: 1, themes: ['markets'] },
			{ commentId: 7, coder: 2, themes: ['markets', 'governance'] }
		];
		expect(kappaByTheme(codings, 1, 2)).toMatchObject([
			{ theme: 'governance', bothYes: 1, n: 1 },
			{ theme: 'markets', bothYes: 1, n: 1 }
		]);
	});

	it('reports exactly the given themes in the given order, with null kappa where nobody varied', () => {
		const codings = codingsFor('markets', table(2, 1, 0, 1));
		const result = kappaByTheme(codings, 'a', 'b', ['sustainability', 'markets']);
		expect(result.map((row) => row.theme)).toEqual(['sustainability', 'markets']);
		expect(result[0]).toMatchObject({ bothYes: 0, bothNo: 4, n: 4, agreement: 1, kappa: null });
		// markets: po = 0.75, pe = 0.75·0.5 + 0.25·0.5 = 0.5, κ = 0.5.
		expect(result[1].kappa).toBeCloseTo(0.5, 10);
	});

	it('gives null agreement and kappa when the coders share no comment', () => {
		const codings: Coding[] = [
			{ commentId: 1, coder: 'a', themes: ['governance'] },
			{ commentId: 2, coder: 'b', themes: ['governance'] }
		];
		expect(kappaByTheme(codings, 'a', 'b', ['governance'])).toEqual([
			{ theme: 'governance', bothYes: 0, bothNo: 0, onlyA: 0, onlyB: 0, n: 0, agreement: null, kappa: null }
		]);
		expect(kappaByTheme(codings, 'a', 'b')).toEqual([]);
	});
});

describe('coderPairs', () => {
	it('lists the pairs of coders with comments in common, most shared first', () => {
		const codings: Coding[] = [
			{ commentId: 1, coder: 'a', themes: [] },
			{ commentId: 2, coder: 'a', themes: ['governance'] },
			{ commentId: 3, coder: 'a', themes: [] },
			{ commentId: 1, coder: 'b', themes: [] },
			{ commentId: 2, coder: 'c', themes: [] },
			{ commentId: 3, coder: 'c', themes: ['markets'] },
			{ commentId: 9, coder: 'd', themes: ['markets'] }
		];
		expect(coderPairs(codings)).toEqual([
			{ coderA: 'a', coderB: 'c', shared: 2 },
			{ coderA: 'a', coderB: 'b', shared: 1 }
		]);
	});

	it('names each pair in coder order, whatever order the codings came in', () => {
		const codings: Coding[] = [
			{ commentId: 1, coder: 12, themes: [] },
			{ commentId: 2, coder: 12, themes: [] },
			{ commentId: 1, coder: 7, themes: ['governance'] },
			{ commentId: 2, coder: 7, themes: [] }
		];
		expect(coderPairs(codings)).toEqual([{ coderA: 7, coderB: 12, shared: 2 }]);
		expect(coderPairs([...codings].reverse())).toEqual([{ coderA: 7, coderB: 12, shared: 2 }]);
	});
});
