import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rows, useConnection } from '$lib/server/db';
import { openTestDatabase, useTestDatabase } from '$tests/helpers/database';
import { seedDemo } from '$lib/server/seed';
import * as users from '$lib/server/accounts/users';
import { DERIVED_TABLES, exportData, importData, PORTABLE_TABLES } from './portable';

const source = useTestDatabase();

describe('moving data between databases', () => {
	it('lists every application table', async () => {
		const found = await rows<{ name: string }>(sql`
			select table_name as name from information_schema.tables
			where table_schema = 'public' and table_type = 'BASE TABLE'`);
		expect(found.map((t) => t.name).sort()).toEqual([...PORTABLE_TABLES, ...DERIVED_TABLES].sort());
	});

	it('exports the demo and imports it into an empty database, ids and Hangul intact', async () => {
		await seedDemo();
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'plan-export-')), 'data.json');
		const exported = await exportData(file);
		expect(exported.comments).toBeGreaterThan(30);

		const target = await openTestDatabase();
		try {
			useConnection(target.connection);
			const imported = await importData(file);
			expect(imported).toEqual(exported);
			expect((await users.authenticate('official@example.org', 'demo-password'))?.displayName).toBe('김민정');
			const [{ hangul }] = await rows<{ hangul: number }>(sql`select count(*)::int as hangul from comments where body ~ '[가-힣]'`);
			expect(hangul).toBe(exported.comments);
			// Sequences moved past the imported ids: new rows do not collide.
			const created = await users.create({
				email: 'after-import@example.org',
				password: 'after-import-1',
				displayName: '가져온 뒤',
				organisation: '',
				stakeholderGroup: 'citizen'
			});
			expect(created.id).toBeGreaterThan(exported.users);
			await expect(importData(file)).rejects.toThrow(/already has data/);
		} finally {
			useConnection(source.connection());
			await target.dispose();
		}
	});
});
