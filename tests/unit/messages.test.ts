import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const load = (locale: string) => JSON.parse(readFileSync(path.join('messages', `${locale}.json`), 'utf8')) as Record<string, string>;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (name === 'paraglide') return [];
		return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|svelte)$/.test(name) ? [full] : [];
	});
}

describe('interface messages', () => {
	const ko = load('ko');
	const en = load('en');

	it('has every message in Korean and English, with the same placeholders', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
		for (const key of Object.keys(ko)) {
			const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
			expect(placeholders(en[key]), key).toEqual(placeholders(ko[key]));
		}
	});

	it('defines every message the code calls', () => {
		const used = new Set<string>();
		for (const file of sourceFiles('src')) {
			for (const match of readFileSync(file, 'utf8').matchAll(/\bm\.([a-z][a-z0-9_]*)\(/g)) used.add(match[1]);
		}
		const missing = [...used].filter((key) => !(key in ko));
		expect(missing).toEqual([]);
	});

	it('writes the Korean interface in Hangul', () => {
		const texts = Object.entries(ko).filter(([key]) => key !== '$schema' && key !== 'lang_code');
		const hangul = texts.filter(([, text]) => /[가-힣]/.test(text));
		expect(hangul.length / texts.length).toBeGreaterThan(0.95);
	});
});
