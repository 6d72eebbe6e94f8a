import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './lock';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseKind = 'pglite' | 'postgresql';

export type ScriptExec = (sqlText: string) => Promise<Record<string, unknown>[]>;

/** One open database, whichever engine is behind it. */
export interface Connection {
	kind: DatabaseKind;
	db: Database;
	/**
	 * Runs `work` in one transaction whose `exec` takes SQL text of several statements (migrations)
	 * and returns the rows of the last one.
	 */
	scriptTransaction<T>(work: (exec: ScriptExec) => Promise<T>): Promise<T>;
	/** Delivers `payload` to every listener of `channel`, in every app instance sharing this database. */
	notify(channel: string, payload: string): Promise<void>;
	listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

export type OpenOptions =
	| { kind: 'postgresql'; url: string; poolSize?: number }
	/** `startFrom`: an in-memory database begins as this dump of another (PGlite's dumpDataDir). */
	| { kind: 'pglite'; dataDir: string | null; startFrom?: Blob };

const POSTGRES_CONNECT_TIMEOUT_SECONDS = 5;
const POSTGRES_IDLE_TIMEOUT_SECONDS = 60;
/**
 * The longest wait before a connection tries the server again. postgres.js's own backoff triples
 * with every failure its connections share, up to 20 s: after an outage of a few seconds, requests
 * queued on a connection still waiting out its delay failed or hung long after the server was back.
 */
const POSTGRES_RECONNECT_MAX_SECONDS = 1;
const POSTGRES_RECONNECT_FIRST_SECONDS = 0.05;

/** Doubles from the first delay up to the longest, with jitter so instances do not retry in step. */
const reconnectDelaySeconds = (retries: number) =>
	(0.5 + Math.random() / 2) * Math.min(POSTGRES_RECONNECT_FIRST_SECONDS * 2 ** retries, POSTGRES_RECONNECT_MAX_SECONDS);

export async function openConnection(options: OpenOptions): Promise<Connection> {
	return options.kind === 'postgresql' ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir, options.startFrom);
}

async function openPostgres(url: string, poolSize: number): Promise<Connection> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const client = postgres(url, {
		max: poolSize,
		connect_timeout: POSTGRES_CONNECT_TIMEOUT_SECONDS,
		idle_timeout: POSTGRES_IDLE_TIMEOUT_SECONDS,
		backoff: reconnectDelaySeconds,
		onnotice: () => {}
	});
	const db = drizzle({ client, schema }) as unknown as Database;
	return {
		kind: 'postgresql',
		db,
		async scriptTransaction(work) {
			const result = await client.begin((tx) =>
				work(async (sqlText) => {
					const rows = await tx.unsafe(sqlText).simple();
					// Several statements give one result per statement; keep the last.
					const last = Array.isArray(rows[0]) ? rows.at(-1) : rows;
					return [...(last as Iterable<Record<string, unknown>>)];
				})
			);
			return result as Awaited<ReturnType<typeof work>>;
		},
		async notify(channel, payload) {
			await client.notify(channel, payload);
		},
		async listen(channel, onPayload) {
			const subscription = await client.listen(channel, onPayload);
			return () => subscription.unlisten();
		},
		async close() {
			await client.end({ timeout: 5 });
		}
	};
}

async function openPglite(dataDir: string | null, startFrom?: Blob): Promise<Connection> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
	const { drizzle } = await import('drizzle-orm/pglite');

	let lock: DataDirLock | null = null;
	let pgDataDir: string | undefined;
	if (dataDir) {
		mkdirSync(dataDir, { recursive: true });
		lock = acquireDataDirLock(dataDir);
		pgDataDir = path.join(dataDir, 'pgdata');
	}
	let client;
	try {
		client = await PGlite.create({ dataDir: pgDataDir, loadDataDir: startFrom, extensions: { pg_trgm } });
	} catch (error) {
		lock?.release();
		throw error;
	}
	const db = drizzle({ client, schema }) as unknown as Database;
	// PGlite lives in this process only, so an in-process channel reaches every listener there is.
	const channels = new EventEmitter();
	channels.setMaxListeners(0);
	return {
		kind: 'pglite',
		db,
		async scriptTransaction(work) {
			return client.transaction((tx) =>
				work(async (sqlText) => {
					const results = await tx.exec(sqlText);
					return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
				})
			);
		},
		async notify(channel, payload) {
			channels.emit(channel, payload);
		},
		async listen(channel, onPayload) {
			channels.on(channel, onPayload);
			return async () => {
				channels.off(channel, onPayload);
			};
		},
		async close() {
			try {
				if (!client.closed) await client.close();
			} finally {
				lock?.release();
			}
		}
	};
}
