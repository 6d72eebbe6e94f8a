// `npm run check:schema`: fails when src/lib/server/db/schema/ (read through its index.ts, which
// re-exports every area file) and migrations/ describe different databases. Both are built in
// embedded databases (every migration in one, drizzle-kit's DDL for the schema in the other) and
// compared object by object (scripts/schema-drift.js).
import { exitWithVite } from './with-vite.js';
import { schemaDrift } from './schema-drift.js';

await exitWithVite(async (vite) => {
	const schema = await vite.ssrLoadModule('/src/lib/server/db/schema/index.ts');
	const { openConnection } = await vite.ssrLoadModule('/src/lib/server/db/client.ts');
	const { migrate } = await vite.ssrLoadModule('/src/lib/server/db/migrate.ts');
	const migrated = await openConnection({ kind: 'pglite', dataDir: null });
	const blank = await openConnection({ kind: 'pglite', dataDir: null });
	try {
		await migrate(migrated);
		/** @param {{ scriptTransaction: (work: (exec: (sqlText: string) => Promise<Record<string, unknown>[]>) => Promise<Record<string, unknown>[]>) => Promise<Record<string, unknown>[]> }} connection */
		const execOf = (connection) => (/** @type {string} */ sqlText) => connection.scriptTransaction((exec) => exec(sqlText));
		const drift = await schemaDrift({ schema, migrated: execOf(migrated), blank: execOf(blank) });
		if (drift.length === 0) {
			console.log('schema/ and migrations/ agree');
			return 0;
		}
		console.error(`schema/ and migrations/ disagree (${drift.length}):\n${drift.map((line) => `  ${line}`).join('\n')}`);
		console.error(
			'Declare in schema/ (the area file, re-exported by schema/index.ts) what a migration made, add a migration for what schema/ declares, or allow it in scripts/schema-drift.js with a reason.'
		);
		return 1;
	} finally {
		await migrated.close();
		await blank.close();
	}
});
