import type { Connection } from './client';

export type Migration = { name: string; sql: string };

// Any constant works; it only has to be the same for every instance starting at once.
const MIGRATION_LOCK_KEY = 7_261_015;

const files = import.meta.glob('/migrations/*.sql', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

/** The migrations shipped with this build, in the order they apply. */
export const bundledMigrations: Migration[] = Object.entries(files)
	.map(([file, sql]) => ({ name: file.split('/').pop()!, sql }))
	.sort((a, b) => a.name.localeCompare(b.name, 'en'));

export class MigrationError extends Error {
	constructor(
		readonly file: string,
		readonly cause: unknown
	) {
		super(`Migration ${file} failed and was rolled back: ${(cause as Error)?.message ?? cause}`);
		this.name = 'MigrationError';
	}
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Applies every pending migration, each in its own transaction. Instances starting together take
 * turns on an advisory lock, and each re-reads what is applied once it holds the lock.
 * Returns the names applied by this call.
 */
export async function migrate(connection: Connection, migrations: Migration[] = bundledMigrations): Promise<string[]> {
	const applied: string[] = [];
	// "if not exists" alone races when two instances start at once; the lock serialises them.
	await connection.scriptTransaction(async (exec) => {
		await exec(`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
		return exec(`create table if not exists schema_migrations (
			name text primary key,
			applied_at timestamptz not null default now()
		)`);
	});
	for (const migration of migrations) {
		try {
			const ran = await connection.scriptTransaction(async (exec) => {
				await exec(`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
				const done = await exec(`select 1 from schema_migrations where name = ${quote(migration.name)}`);
				if (done.length > 0) return false;
				await exec(migration.sql);
				await exec(`insert into schema_migrations (name) values (${quote(migration.name)})`);
				return true;
			});
			if (ran) applied.push(migration.name);
		} catch (error) {
			throw new MigrationError(migration.name, error);
		}
	}
	return applied;
}

/** Names of shipped migrations not yet applied to the database (for the health check). */
export async function pendingMigrations(connection: Connection, migrations: Migration[] = bundledMigrations): Promise<string[]> {
	const rows = await connection.scriptTransaction((exec) => exec('select name from schema_migrations'));
	const done = new Set(rows.map((row) => String(row.name)));
	return migrations.map((m) => m.name).filter((name) => !done.has(name));
}
