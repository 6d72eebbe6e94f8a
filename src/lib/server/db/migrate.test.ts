import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openConnection } from './client';
import { bundledMigrations, migrate, MigrationError, pendingMigrations } from './migrate';
import { databaseKind, createServerDatabase } from '$tests/helpers/database';
import { statementHash } from '$lib/server/meetings/statements';

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
			const broken = [...bundledMigrations, { name: '9999_broken.sql', sql: 'create table half_done (id int);\nselect * from no_such_table;' }];
			const error = await migrate(connection, broken).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(MigrationError);
			expect((error as MigrationError).file).toBe('9999_broken.sql');
			expect((error as Error).message).toContain('9999_broken.sql');
			// The statement before the failure was rolled back with it, and the file is still pending.
			const tables = await connection.scriptTransaction((exec) => exec(`select to_regclass('half_done') as found`));
			expect(tables[0].found).toBeNull();
			expect(await pendingMigrations(connection, broken)).toEqual(['9999_broken.sql']);
		} finally {
			await dispose();
		}
	});

	it('gives statements imported before 0009 the identity the app computes now', async () => {
		const { connection, dispose } = await freshConnection();
		try {
			const index = bundledMigrations.findIndex((m) => m.name === '0009_statement_identity.sql');
			expect(index).toBeGreaterThan(0);
			await migrate(connection, bundledMigrations.slice(0, index));
			const words = ['  지원센터  인력이\n\t너무 적습니다.  ', '같은 말', '같은 말'];
			await connection.scriptTransaction((exec) =>
				exec(`
					insert into users (email, password_hash, display_name, stakeholder_group) values ('o@example.org', 'x', '담당', 'government');
					insert into plans (slug, title, created_by) values ('plan', '계획', 1);
					insert into plan_versions (plan_id, number, title, status, created_by, published_at) values (1, 1, '제1판', 'published', 1, now());
					insert into consultation_sessions (plan_id, version_id, title, kind, held_on) values (1, 1, '중간보고회', 'interim_report', '2015-03-20');
					insert into comments (plan_id, section_key, version_id, kind, body, session_id, statement_hash) values
						(1, '', 1, 'suggestion', '${words[0]}', 1, 'old-1'),
						(1, '', 1, 'suggestion', '${words[1]}', 1, 'old-2'),
						(1, '', 1, 'suggestion', '${words[2]}', 1, 'old-3');`)
			);
			await migrate(connection);
			const hashes = await connection.scriptTransaction((exec) => exec(`select statement_hash from comments order by id`));
			expect(hashes.map((row) => row.statement_hash)).toEqual([
				statementHash({ text: words[0] }),
				statementHash({ text: words[1] }),
				// The same words twice at one session: the second keeps its old identity.
				'old-3'
			]);
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
