import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openConnection } from './client';
import { bundledMigrations, migrate, MigrationError, pendingMigrations } from './migrate';
import { databaseKind, createServerDatabase } from '$tests/helpers/database';

async function freshConnection() {
	if (databaseKind === 'postgresql') {
		const { url, drop } = await createServerDatabase('mig');
		const connection = await openConnection({ kind: 'postgresql', url, poolSize: 4 });
		return { connection, dispose: async () => (await connection.close(), await drop()) };
	}
	const connection = await openConnection({ kind: 'pglite', dataDir: null });
	return { connection, dispose: () => connection.close() };
}

describe('migrations', () => {
	it('applies every shipped migration once, and a second run applies none', async () => {
		const { connection, dispose } = await freshConnection();
		try {
			const first = await migrate(connection);
			expect(first).toEqual(bundledMigrations.map((m) => m.name));
			expect(first[0]).toBe('0001_foundation.sql');
			expect(await migrate(connection)).toEqual([]);
			expect(await pendingMigrations(connection)).toEqual([]);
			const extensions = await connection.db.execute(sql`select extname from pg_extension where extname = 'pg_trgm'`);
			const rows = Array.isArray(extensions) ? extensions : (extensions as { rows: unknown[] }).rows;
			expect(rows).toHaveLength(1);
		} finally {
			await dispose();
		}
	});

	it('rolls a failed migration back and names its file', async () => {
		const { connection, dispose } = await freshConnection();
		try {
			const broken = [
				...bundledMigrations,
				{ name: '9999_broken.sql', sql: 'create table half_done (id int);\nselect * from no_such_table;' }
			];
			const error = await migrate(connection, broken).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(MigrationError);
			expect((error as MigrationError).file).toBe('9999_broken.sql');
			expect((error as Error).message).toContain('9999_broken.sql');
			// The statement before the failure was rolled back with it, and the file is still pending.
			const tables = await connection.scriptTransaction((exec) =>
				exec(`select to_regclass('half_done') as found`)
			);
			expect(tables[0].found).toBeNull();
			expect(await pendingMigrations(connection, broken)).toEqual(['9999_broken.sql']);
		} finally {
			await dispose();
		}
	});

	it.runIf(databaseKind === 'postgresql')('lets two instances start at once without applying twice', async () => {
		const { url, drop } = await createServerDatabase('mig2');
		const a = await openConnection({ kind: 'postgresql', url, poolSize: 2 });
		const b = await openConnection({ kind: 'postgresql', url, poolSize: 2 });
		try {
			const [appliedA, appliedB] = await Promise.all([migrate(a), migrate(b)]);
			expect([...appliedA, ...appliedB].sort()).toEqual(bundledMigrations.map((m) => m.name).sort());
		} finally {
			await a.close();
			await b.close();
			await drop();
		}
	});
});
