// ARCHITECTURE.md stays true: every file or folder it names exists. Backticked names with a slash or
// a file ending are read from the repository root, src/lib/server/ or the section page's folder; in
// a table row about one folder, bare file names are that folder's.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const text = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');
const BASES = ['', 'src/lib/server/', 'src/routes/plans/[slug]/sections/[key]/'];
const FOLDER_ROW = /^\| `([a-z-]+\/)` +\|/;

function namedPaths(): string[] {
	const names: string[] = [];
	for (const line of text.split('\n')) {
		const folder = FOLDER_ROW.exec(line)?.[1];
		if (folder) {
			const rest = line.slice(line.indexOf('|', 2));
			for (const [, name] of rest.matchAll(/`([a-z-]+(?:\.ts|\/))`/g))
				names.push(`src/lib/server/${name.endsWith('.ts') || name === 'schema/' ? folder + name : name}`);
			continue;
		}
		for (const [, name] of line.matchAll(/`([^`\s]+)`/g)) {
			if (!/\/|\.(ts|md|svelte|js)$/.test(name) || name.startsWith('/') || name.startsWith('POST')) continue;
			const found = BASES.map((base) => base + name).find((candidate) => existsSync(path.join(root, candidate)));
			names.push(found ?? name);
		}
	}
	return names;
}

describe('ARCHITECTURE.md', () => {
	it('names only files and folders that exist', () => {
		const names = namedPaths();
		expect(names.length).toBeGreaterThan(50);
		expect(names.filter((name) => !existsSync(path.join(root, name)))).toEqual([]);
	});
});
