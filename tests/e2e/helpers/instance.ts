// An app instance of its own for a test file: a fresh database of the kind this run tests (a PGlite
// folder, or a new database on the server at TEST_DATABASE_URL) with the demo seeded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServerDatabase } from '../../helpers/server-database';
import { startApp, type AppInstance } from './server';

export const onServer = !!process.env.TEST_DATABASE_URL;

export interface FreshDatabase {
	env: Record<string, string>;
	dispose: () => Promise<void>;
}

export async function freshDatabase(prefix: string): Promise<FreshDatabase> {
	if (onServer) {
		const { url, drop } = await createServerDatabase(prefix);
		return { env: { DATABASE_URL: url }, dispose: drop };
	}
	const dir = mkdtempSync(path.join(tmpdir(), `plan-${prefix}-`));
	return { env: { PGLITE_DIR: dir }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface OwnApp {
	app: AppInstance;
	close: () => Promise<void>;
}

/** Starts an instance on a fresh database; `close` stops it and removes the database. */
export async function ownApp(prefix: string, env: Record<string, string> = {}, options: { unset?: string[] } = {}): Promise<OwnApp> {
	const database = await freshDatabase(prefix);
	try {
		const app = await startApp({ ...database.env, ...env }, options);
		return {
			app,
			close: async () => {
				await app.stop();
				await database.dispose();
			}
		};
	} catch (error) {
		await database.dispose();
		throw error;
	}
}
