import { describe, expect, it } from 'vitest';
import { nominalAlpha, type Unit } from './krippendorff';

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the worked example: four
// observers, twelve units, missing values; nominal alpha = 0.743 there.
const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
const units: Unit[] = A.map((_, u) => [A[u], B[u], C[u], D[u]]);

describe("Krippendorff's alpha, nominal", () => {
	it('matches the published worked example to three decimals', () => {
		expect(nominalAlpha(units)).toBeCloseTo(0.743, 3);
	});

	it('skips units with one value: dropping the twelfth unit (one value only) changes nothing', () => {
		expect(nominalAlpha(units.slice(0, 11))).toBe(nominalAlpha(units));
	});

	it('is 1 for perfect agreement and below 0 for systematic disagreement', () => {
		expect(
			nominalAlpha([
				['a', 'a'],
				['b', 'b', 'b'],
				['a', 'a']
			])
		).toBe(1);
		expect(
			nominalAlpha([
				['a', 'b'],
				['b', 'a'],
				['a', 'b']
			])!
		).toBeLessThan(0);
	});

	it('equals the two-coder textbook value: 2 coders, 10 binary units', () => {
		// Coincidences: o(1,1)=6, o(0,0)=10, o(0,1)=o(1,0)=2; n=20, n1=8, n0=12:
		// alpha = 1 − 19·4 / (2·8·12) = 1 − 76/192.
		const a = [1, 1, 1, 0, 0, 0, 0, 0, 1, 0];
		const b = [1, 1, 1, 0, 0, 0, 0, 1, 0, 0];
		expect(nominalAlpha(a.map((value, u) => [value, b[u]]))).toBeCloseTo(1 - 76 / 192, 10);
	});

	it('is undefined without variation or without pairable values', () => {
		expect(
			nominalAlpha([
				['a', 'a'],
				['a', 'a']
			])
		).toBeNull();
		expect(nominalAlpha([['a'], ['b', null]])).toBeNull();
		expect(nominalAlpha([])).toBeNull();
	});
});
