import { describe, expect, it } from 'vitest';
import { highlight, snippet } from './snippets';

describe('highlighting', () => {
	it('escapes the text and marks every match, ignoring case', () => {
		expect(highlight('<b>센터</b>와 센터', ['센터'])).toBe('&lt;b&gt;<mark>센터</mark>&lt;/b&gt;와 <mark>센터</mark>');
		expect(highlight('TF와 tf', ['tf'])).toBe('<mark>TF</mark>와 <mark>tf</mark>');
	});

	it('never matches inside an escaped entity', () => {
		expect(highlight('a & b', ['amp'])).toBe('a &amp; b');
		expect(highlight('"quoted"', ['quot'])).toBe('&quot;<mark>quot</mark>ed&quot;');
	});

	it('prefers the longer term where terms overlap, and treats regex characters literally', () => {
		expect(highlight('지원센터', ['센터', '지원센터'])).toBe('<mark>지원센터</mark>');
		expect(highlight('(1+1)', ['1+1'])).toBe('(<mark>1+1</mark>)');
	});

	it('cuts a long text around the first match', () => {
		const text = `${'가'.repeat(300)}마을${'나'.repeat(300)}`;
		const cut = snippet(text, ['마을'], 100);
		expect(cut).toContain('마을');
		expect(cut.startsWith('…')).toBe(true);
		expect(cut.endsWith('…')).toBe(true);
		expect(cut.length).toBeLessThanOrEqual(102);
	});
});
