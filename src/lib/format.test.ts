import { afterEach, describe, expect, it } from 'vitest';
import { baseLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { countMessage, formatDate, formatNumber, isOne, nameCollator } from './format';

const inLocale = (locale: 'ko' | 'en') => overwriteGetLocale(() => locale);

describe('formatting for the reader', () => {
	afterEach(() => inLocale(baseLocale));

	// 2015-03-01 15:30 UTC is already 2 March, 00:30 in Seoul.
	const justAfterMidnightInSeoul = new Date('2015-03-01T15:30:00Z');

	it('writes dates the Korean way, in Seoul time', () => {
		inLocale('ko');
		expect(formatDate(justAfterMidnightInSeoul)).toBe('2015년 3월 2일');
		expect(formatDate(justAfterMidnightInSeoul, 'datetime')).toBe('2015. 3. 2. 00:30');
		expect(formatDate(justAfterMidnightInSeoul.toISOString(), 'short')).toBe('2015. 3. 2.');
	});

	it('writes dates the English way, still in Seoul time', () => {
		inLocale('en');
		expect(formatDate(justAfterMidnightInSeoul)).toBe('2 March 2015');
		expect(formatDate(justAfterMidnightInSeoul, 'datetime')).toBe('2 Mar 2015, 00:30');
		expect(formatDate(null)).toBe('');
	});

	it('groups thousands in both languages', () => {
		inLocale('ko');
		expect(formatNumber(1234567)).toBe('1,234,567');
		inLocale('en');
		expect(formatNumber(5000)).toBe('5,000');
	});

	it('picks the singular only where the language has one', () => {
		const one = ({ count }: { count: string }) => `${count} comment`;
		const other = ({ count }: { count: string }) => `${count} comments`;
		inLocale('en');
		expect(isOne(1)).toBe(true);
		expect(countMessage(1, one, other)).toBe('1 comment');
		expect(countMessage(0, one, other)).toBe('0 comments');
		expect(countMessage(1200, one, other)).toBe('1,200 comments');
		inLocale('ko');
		expect(isOne(1)).toBe(false);
		expect(countMessage(1, one, other)).toBe('1 comments');
	});

	it('keeps the other inputs of a message', () => {
		inLocale('en');
		const message = ({ count, theme }: { count: string; theme: string }) => `${count} on ${theme}`;
		expect(countMessage(3, message, message, { theme: '거버넌스' })).toBe('3 on 거버넌스');
	});
});

describe('names in Korean order', () => {
	it('sorts Hangul in 가나다 order, before Latin names in any case', () => {
		const names = ['하늘빛', 'Zed Yoon', '가람', 'amy lee', '나래', 'Bora Kim', '김가온', '김가나', '남궁민'];
		expect(names.sort(nameCollator.compare)).toEqual(['가람', '김가나', '김가온', '나래', '남궁민', '하늘빛', 'amy lee', 'Bora Kim', 'Zed Yoon']);
	});
});
