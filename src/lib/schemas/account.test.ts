import { describe, expect, it } from 'vitest';
import { safeRedirect } from './account';

describe('safeRedirect', () => {
	it('keeps paths on this site, with their query and fragment', () => {
		expect(safeRedirect('/me')).toBe('/me');
		expect(safeRedirect('/plans/x/coding?state=all&page=2#c-3')).toBe('/plans/x/coding?state=all&page=2#c-3');
		expect(safeRedirect('/plans/가')).toBe('/plans/%EA%B0%80');
	});

	it('refuses anything a browser would take to another site', () => {
		for (const target of [
			'//evil.example',
			'/\\evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'/\r\n/evil.example',
			'/\t\\evil.example',
			'/\\\\evil.example',
			'https://evil.example',
			'javascript:alert(1)',
			'evil.example',
			' /me'
		]) {
			expect(safeRedirect(target), JSON.stringify(target)).toBe('/');
		}
	});

	it('uses the fallback for nothing at all', () => {
		expect(safeRedirect(null, '/plans')).toBe('/plans');
		expect(safeRedirect('', '/plans')).toBe('/plans');
		expect(safeRedirect(undefined)).toBe('/');
	});

	it('drops what a browser would drop, so the header never carries a control character', () => {
		expect(safeRedirect('/me\t')).toBe('/me');
		expect(safeRedirect('/m\ne')).toBe('/me');
	});
});
