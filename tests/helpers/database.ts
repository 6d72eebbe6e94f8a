// Each test file gets a database of its own: an in-memory PGlite by default, or a fresh database on
// the PostgreSQL server named by TEST_DATABASE_URL (created UTF-8, so Hangul trigram search works).
import { afterAll, beforeAll } from 'vitest';
import postgres from 'postgres';
import { openConnection, type Connection } from '$lib/server/db/client';
import { useConnection } from '$lib/server/db';
import { migrate } from '$lib/server/db/migrate';

export const serverUrl = process.env.TEST_DATABASE_URL;
export const databaseKind = serverUrl ? 'postgresql' : 'pglite';

/** Creates an empty UTF-8 database on the test server and returns its URL and a drop function. */
export async function createServerDatabase(prefix = 't'): Promise<{ url: string; drop: () => Promise<void> }> {
	if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
	const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(
			`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`
		);
	} finally {
		await admin.end();
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.href,
		drop: async () => {
			const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
			try {
				await dropper.unsafe(`drop database if exists "${name}" with (force)`);
			} finally {
				await dropper.end();
			}
		}
	};
}

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
	const connection = await openConnection({ kind: 'pglite', dataDir: null });
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
