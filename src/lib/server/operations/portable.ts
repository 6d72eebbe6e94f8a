// Moves every row between databases (the embedded PGlite and a PostgreSQL server) as one JSON
// file: `npm run db:export -- file.json`, then `DATABASE_URL=… npm run db:import -- file.json`.
import { readFile, writeFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { db, rows } from '$lib/server/db';

/** Tables that hold no data of their own: migration bookkeeping, derived counters and the page cache's. */
export const DERIVED_TABLES = ['schema_migrations', 'analysis_revision', 'section_comment_counts', 'page_cache_scopes'] as const;

/** Every application table, parents before children. A test checks none is missing. */
export const PORTABLE_TABLES = [
	'users',
	'sessions',
	'rate_limits',
	'audit_log',
	'plans',
	'plan_versions',
	'plan_sections',
	'themes',
	'consultation_sessions',
	'speakers',
	'comments',
	'comment_revisions',
	'endorsements',
	'comment_flags',
	'comment_tags',
	'coding_reviews',
	'suggestion_decisions',
	'theme_syntheses',
	'synthesis_quotes',
	'comment_responses',
	'comment_response_history',
	'revision_links',
	'notices'
] as const;

/** Columns the database computes itself (like comments.body_grams): never exported or written. */
async function generatedColumns(tx: Pick<typeof db, 'execute'>, table: string): Promise<Set<string>> {
	const result = (await tx.execute(sql`
		select column_name as name from information_schema.columns
		where table_schema = 'public' and table_name = ${table} and is_generated = 'ALWAYS'`)) as unknown as
		{ name: string }[] | { rows: { name: string }[] };
	return new Set((Array.isArray(result) ? result : result.rows).map((row) => row.name));
}

async function writableColumns(tx: Pick<typeof db, 'execute'>, table: string): Promise<string[]> {
	const result = (await tx.execute(sql`
		select column_name as name from information_schema.columns
		where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
		order by ordinal_position`)) as unknown as { name: string }[] | { rows: { name: string }[] };
	return (Array.isArray(result) ? result : result.rows).map((row) => row.name);
}

const FORMAT = 'plan-consultation-export';
const FORMAT_VERSION = 1;

interface ExportFile {
	format: typeof FORMAT;
	version: number;
	exportedAt: string;
	tables: Record<string, unknown[]>;
}

export async function exportData(file: string): Promise<Record<string, number>> {
	const tables: Record<string, unknown[]> = {};
	const counts: Record<string, number> = {};
	await db.transaction(async (tx) => {
		for (const table of PORTABLE_TABLES) {
			// json_agg keeps every type exact (bytea as hex, timestamps with zone, arrays, jsonb).
			const result = (await tx.execute(sql`select coalesce(json_agg(t), '[]'::json) as rows from ${sql.identifier(table)} t`)) as unknown as
				{ rows: { rows: unknown[] }[] } | { rows: unknown[] }[];
			const first = Array.isArray(result) ? result[0] : result.rows[0];
			const skip = await generatedColumns(tx, table);
			tables[table] = (first.rows as Record<string, unknown>[]).map((row) =>
				Object.fromEntries(Object.entries(row).filter(([column]) => !skip.has(column)))
			);
			counts[table] = first.rows.length;
		}
	});
	const payload: ExportFile = { format: FORMAT, version: FORMAT_VERSION, exportedAt: new Date().toISOString(), tables };
	await writeFile(file, JSON.stringify(payload));
	return counts;
}

/** Loads an export into an empty database (after migrations), keeping ids and advancing sequences. */
export async function importData(file: string): Promise<Record<string, number>> {
	const payload = JSON.parse(await readFile(file, 'utf8')) as ExportFile;
	if (payload.format !== FORMAT || payload.version !== FORMAT_VERSION) {
		throw new Error(`${file} is not an export of this application (format ${FORMAT} v${FORMAT_VERSION})`);
	}
	const [{ taken }] = await rows<{ taken: number }>(sql`select (select count(*) from users)::int + (select count(*) from plans)::int as taken`);
	if (taken > 0) throw new Error('the target database already has data; import into an empty database');
	const counts: Record<string, number> = {};
	await db.transaction(async (tx) => {
		for (const table of PORTABLE_TABLES) {
			const tableRows = payload.tables[table] ?? [];
			counts[table] = tableRows.length;
			if (tableRows.length === 0) continue;
			const name = sql.identifier(table);
			const writable = await writableColumns(tx, table);
			const columns = sql.join(
				writable.map((column) => sql.identifier(column)),
				sql`, `
			);
			await tx.execute(sql`
				insert into ${name} (${columns}) overriding system value
				select ${columns} from json_populate_recordset(null::${name}, ${JSON.stringify(tableRows)}::json)`);
			if (writable.includes('id')) {
				await tx.execute(sql`
					select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${name}), 1))
					where pg_get_serial_sequence(${table}, 'id') is not null`);
			}
		}
	});
	return counts;
}
