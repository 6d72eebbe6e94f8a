// Each test file gets a database of its own: an in-memory PGlite by default, or a fresh database on
// the PostgreSQL server named by TEST_DATABASE_URL (created UTF-8, so Hangul trigram search works).
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { openConnection, type Connection } from '$lib/server/db/client';
import { useConnection } from '$lib/server/db';
import { migrate } from '$lib/server/db/migrate';

import { createServerDatabase, serverUrl } from './server-database';
import { PGLITE_SNAPSHOT } from './snapshot-path';

export { createServerDatabase, serverUrl };
export const databaseKind = serverUrl ? 'postgresql' : 'pglite';

/** Opens a new, migrated database (not made the app's current one). */
export async function openTestDatabase(): Promise<{ connection: Connection; dispose: () => Promise<void> }> {
	if (serverUrl) {
		const { url, drop } = await createServerDatabase();
		const connection = await openConnection({ kind: 'postgresql', url, poolSize: 10 });
		await migrate(connection);
		return {
			connection,
			dispose: async () => {
				await connection.close();
				await drop();
			}
		};
	}
	// Started from the global setup's migrated dump when there is one; migrate() then finds nothing to do.
	const startFrom = existsSync(PGLITE_SNAPSHOT) ? new Blob([readFileSync(PGLITE_SNAPSHOT)]) : undefined;
	const connection = await openConnection({ kind: 'pglite', dataDir: null, startFrom });
	await migrate(connection);
	return { connection, dispose: () => connection.close() };
}

/** Gives this test file its own migrated database as the app's current connection. */
export function useTestDatabase(): { connection: () => Connection } {
	let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
	beforeAll(async () => {
		opened = await openTestDatabase();
		useConnection(opened.connection);
	});
	afterAll(async () => {
		useConnection(undefined);
		await opened?.dispose();
	});
	return {
		connection: () => {
			if (!opened) throw new Error('the test database is not open yet');
			return opened.connection;
		}
	};
}
