// Vitest's global setup: one migrated embedded database, dumped to a file that every test file's
// in-memory database starts from (tests/helpers/database.ts). Creating a PGlite database costs about
// two seconds of initdb; starting from the dump, half a second.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openConnection } from '$lib/server/db/client';
import { migrate } from '$lib/server/db/migrate';
import { PGLITE_SNAPSHOT } from './snapshot-path';

export async function setup(): Promise<void> {
	rmSync(PGLITE_SNAPSHOT, { force: true });
	if (process.env.TEST_DATABASE_URL) return;
	const dir = path.join(tmpdir(), `plan-test-snapshot-${process.pid}`);
	try {
		const connection = await openConnection({ kind: 'pglite', dataDir: dir });
		await migrate(connection);
		await connection.close();
		const { PGlite } = await import('@electric-sql/pglite');
		const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
		const client = await PGlite.create({ dataDir: path.join(dir, 'pgdata'), extensions: { pg_trgm } });
		const dump = await client.dumpDataDir('none');
		await client.close();
		mkdirSync(path.dirname(PGLITE_SNAPSHOT), { recursive: true });
		writeFileSync(PGLITE_SNAPSHOT, Buffer.from(await dump.arrayBuffer()));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export function teardown(): void {
	rmSync(PGLITE_SNAPSHOT, { force: true });
}
