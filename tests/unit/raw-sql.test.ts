// Every place SQL text is put together outside Drizzle's parameterised `sql` template, as audited for
// issue 8. A new one fails this test until it is looked at and added here with the reason it is safe.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RAW_SQL = /sql\.raw\(|\.unsafe\(|sql\.identifier\(|scriptTransaction\(|\btx\.exec\(/g;

const AUDITED: Record<string, { count: number; why: string }> = {
	'src/lib/server/db/client.ts': {
		count: 4,
		why: 'scriptTransaction runs whole SQL scripts (postgres unsafe().simple(), PGlite exec) for migrations only'
	},
	'src/lib/server/db/migrate.ts': {
		count: 3,
		why: 'the scripts are migration files shipped in the build, a constant lock key, and file names quoted with doubled quotes'
	},
	'src/lib/server/operations/portable.ts': {
		count: 3,
		why: 'identifiers are the constant table list and those tables’ columns from information_schema; rows are one bound JSON parameter'
	}
};

function sources(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : sources(relative);
		return /\.(ts|js|svelte)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [relative] : [];
	});
}

describe('raw SQL', () => {
	it('appears only where it was audited', () => {
		const found: Record<string, number> = {};
		for (const file of sources('src')) {
			const count = readFileSync(path.join(ROOT, file), 'utf8').match(RAW_SQL)?.length ?? 0;
			if (count) found[file.split(path.sep).join('/')] = count;
		}
		expect(found).toEqual(Object.fromEntries(Object.entries(AUDITED).map(([file, { count }]) => [file, count])));
	});
});
