// The drift check behind `npm run check:schema` (scripts/schema-drift.js), on the database these
// tests run on: it passes on this code and fails, naming the difference, on altered copies.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import * as schema from '$lib/server/db/schema';
import { openConnection, type Connection } from '$lib/server/db/client';
import { createServerDatabase, openTestDatabase, serverUrl } from '$tests/helpers/database';
import { ALLOWED, schemaDrift } from '../../scripts/schema-drift.js';

const execOf = (connection: Connection) => (sqlText: string) => connection.scriptTransaction((exec) => exec(sqlText));

async function openBlank() {
	if (serverUrl) {
		const { url, drop } = await createServerDatabase('drift');
		const connection = await openConnection({ kind: 'postgresql', url, poolSize: 1 });
		return { connection, dispose: async () => (await connection.close(), await drop()) };
	}
	const connection = await openConnection({ kind: 'pglite', dataDir: null });
	return { connection, dispose: () => connection.close() };
}

/** The drift between the migrations (plus `laterSql`, run after them) and `declared`. */
async function driftOf(options: { declared?: Record<string, unknown>; laterSql?: string; allowed?: typeof ALLOWED }) {
	const migrated = await openTestDatabase();
	const blank = await openBlank();
	try {
		if (options.laterSql) await execOf(migrated.connection)(options.laterSql);
		return await schemaDrift({
			schema: options.declared ?? schema,
			migrated: execOf(migrated.connection),
			blank: execOf(blank.connection),
			allowed: options.allowed
		});
	} finally {
		await migrated.dispose();
		await blank.dispose();
	}
}

describe('schema drift check', { timeout: 90_000 }, () => {
	it('finds none between schema/ and the migrations', async () => {
		expect(await driftOf({})).toEqual([]);
	});

	it('names what a migration changed and schema/ does not say', async () => {
		const drift = await driftOf({
			laterSql: `alter table users alter column organisation drop not null;
				create index users_display_name_idx on users (display_name);
				alter table plans drop constraint plans_slug_check;
				alter table sessions drop constraint sessions_user_id_fkey,
					add foreign key (user_id) references users (id) on delete set null;`
		});
		expect(drift).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^differs: column users\.organisation\n.*text default ''::text\n.*text not null default ''::text$/),
				expect.stringMatching(/^only in migrations\/: index users_display_name_idx /),
				expect.stringMatching(/^only in schema\/: constraint plans\.plans_slug_check /),
				'only in migrations/: foreign key sessions: FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL',
				'only in schema/: foreign key sessions: FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE'
			])
		);
		expect(drift).toHaveLength(5);
	});

	it('names what schema/ declares and no migration made', async () => {
		const drift = await driftOf({
			declared: {
				...schema,
				rateLimits: pgTable('rate_limits', {
					key: text('key').primaryKey(),
					points: integer('points').notNull(),
					expire: timestamp('expire', { withTimezone: true }).notNull()
				}),
				probe: pgTable('drift_probe', { id: integer('id').primaryKey() })
			}
		});
		expect(drift).toEqual([
			'differs: column rate_limits.expire\n    migrations/: timestamp with time zone\n    schema/:     timestamp with time zone not null',
			'only in schema/: table drift_probe',
			'only in schema/: column drift_probe.id (integer not null)',
			'only in schema/: constraint drift_probe.drift_probe_pkey (PRIMARY KEY (id))'
		]);
	});

	it('reads the area files through index.ts: an altered area file and an area left out are named', async () => {
		// A copy of src/lib/server/db/schema/ beside the tests, with accounts.ts altered and outcome.ts
		// dropped from index.ts: what `npm run check:schema` would load had someone made those edits.
		const source = path.resolve(import.meta.dirname, '../../src/lib/server/db/schema');
		const artifacts = path.resolve(import.meta.dirname, '../.artifacts');
		await mkdir(artifacts, { recursive: true });
		const copy = await mkdtemp(path.join(artifacts, 'schema-'));
		try {
			await cp(source, copy, { recursive: true });
			const edit = async (file: string, from: string, to: string) => {
				const text = await readFile(path.join(copy, file), 'utf8');
				expect(text).toContain(from);
				await writeFile(path.join(copy, file), text.replace(from, to));
			};
			await edit(
				'accounts.ts',
				"expire: timestamp('expire', { withTimezone: true })",
				"expire: timestamp('expire', { withTimezone: true }).notNull()"
			);
			await edit('index.ts', "export * from './outcome';", '');
			const declared: Record<string, unknown> = await import(/* @vite-ignore */ path.join(copy, 'index.ts'));
			const drift = await driftOf({ declared });
			expect(drift).toEqual(
				expect.arrayContaining([
					'only in migrations/: table comment_responses',
					'only in migrations/: table comment_response_history',
					'only in migrations/: table revision_links'
				])
			);
			// Besides the altered column, every line is a column, constraint, key or index of those three tables.
			const others = drift.filter((line) => !/^only in migrations\/: .*\b(comment_responses?|comment_response_history|revision_links)\b/.test(line));
			expect(others).toEqual([
				'differs: column rate_limits.expire\n    migrations/: timestamp with time zone\n    schema/:     timestamp with time zone not null'
			]);
		} finally {
			await rm(copy, { recursive: true, force: true });
		}
	});

	it('holds the allow-list to what the migrations make', async () => {
		const drift = await driftOf({
			allowed: [
				...ALLOWED.filter((entry) => !entry.names.includes('trigger comments_count_sections on comments')),
				{ names: ['function gone()'], reason: 'no longer made by any migration' }
			]
		});
		expect(drift).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^only in migrations\/: trigger comments_count_sections on comments /),
				'allowed in scripts/schema-drift.js but in neither: function gone()'
			])
		);
		expect(drift).toHaveLength(8);
	});
});
