import { describe, expect, it } from 'vitest';
import { kappaBand } from './bands';

describe('kappaBand', () => {
	it('reads kappa in the Landis & Koch bands, on the value as shown', () => {
		expect(kappaBand(null)).toBe('none');
		expect(kappaBand(-0.1)).toBe('poor');
		expect(kappaBand(-0.004)).toBe('slight');
		expect(kappaBand(0)).toBe('slight');
		expect(kappaBand(0.2)).toBe('slight');
		expect(kappaBand(0.2049)).toBe('slight');
		expect(kappaBand(0.21)).toBe('fair');
		expect(kappaBand(0.4)).toBe('fair');
		expect(kappaBand(0.41)).toBe('moderate');
		expect(kappaBand(0.6)).toBe('moderate');
		expect(kappaBand(0.61)).toBe('substantial');
		expect(kappaBand(0.8)).toBe('substantial');
		expect(kappaBand(0.81)).toBe('almost_perfect');
		expect(kappaBand(1)).toBe('almost_perfect');
	});
});
