import { databaseOptions, databaseWaitSeconds, seedDemoOnStart } from '$lib/server/operations/config';
import { openConnection, type Connection } from '$lib/server/db/client';
import { connection, errorCode, hasConnection, isDatabaseUnavailable, rows, useConnection } from '$lib/server/db';
import { migrate } from '$lib/server/db/migrate';
import { sql } from 'drizzle-orm';
import { isEmpty, seedDemo } from '$lib/server/seed';

export const log = (message: string) => console.log(`[plan-consultation] ${message}`);

/**
 * Opens the database named by the environment, applies pending migrations and seeds the demo
 * into an empty database. Errors propagate: the caller stops the process with their message.
 */
export async function startServer(): Promise<void> {
	if (hasConnection()) return;
	const options = databaseOptions();
	const opened = await openConnection(options);
	useConnection(opened);
	try {
		await prepare(opened, options.kind === 'postgresql' ? 'PostgreSQL server (DATABASE_URL)' : `embedded PGlite in ${options.dataDir}`);
	} catch (error) {
		useConnection(undefined);
		await opened.close().catch(() => {});
		throw error;
	}
	process.once('sveltekit:shutdown', () => void stopServer());
}

async function prepare(opened: Connection, described: string): Promise<void> {
	const applied = await migrate(opened);
	if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
	await warnIfHangulSearchBroken();
	if (seedDemoOnStart() && (await isEmpty())) {
		await seedDemo();
		log('seeded the demo plan and accounts (see README: demo only)');
	}
	log(`database: ${described}`);
}

const WAIT_FIRST_MS = 250;
const WAIT_MAX_MS = 5_000;
let ready = false;
let stopping = false;

/** Whether the database is open with every migration applied: until then requests are answered 503. */
export const isReady = () => ready;

/**
 * startServer, tried again with growing pauses while the database server cannot be reached (the
 * app started before it), for DATABASE_WAIT_SECONDS. Any other failure, or the wait running out,
 * is thrown for the caller to stop the process with.
 */
export async function startWhenDatabaseAnswers(waitSeconds = databaseWaitSeconds()): Promise<void> {
	const deadline = Date.now() + waitSeconds * 1000;
	process.once('sveltekit:shutdown', () => (stopping = true));
	for (let attempt = 1; !stopping; attempt++) {
		try {
			await startServer();
			ready = true;
			if (stopping) await stopServer();
			return;
		} catch (error) {
			if (!isDatabaseUnavailable(error)) throw error;
			const left = deadline - Date.now();
			if (left <= 0) {
				throw new Error(`the database did not answer within ${waitSeconds} s (DATABASE_WAIT_SECONDS), last: ${errorCode(error)}`, { cause: error });
			}
			const pause = Math.min(WAIT_FIRST_MS * 2 ** (attempt - 1), WAIT_MAX_MS, left);
			log(
				`waiting for the database (try ${attempt}: ${errorCode(error)}); next try in ${(pause / 1000).toFixed(1)} s, giving up in ${Math.ceil(left / 1000)} s`
			);
			await new Promise((resolve) => setTimeout(resolve, pause));
		}
	}
}

/** How long a stopping server waits for the requests it is still answering before closing the database. */
const DRAIN_TIMEOUT_MS = 10_000;
const DRAIN_POLL_MS = 20;
let inFlight = 0;

/**
 * Counts a request in while it is answered. adapter-node reports shutdown once its connections are
 * closed, which can be before the requests on them have finished (a client that hung up); those
 * still get their database.
 */
export async function answering<T>(work: () => Promise<T>): Promise<T> {
	inFlight++;
	try {
		return await work();
	} finally {
		inFlight--;
	}
}

export async function stopServer(): Promise<void> {
	if (!hasConnection()) return;
	const deadline = Date.now() + DRAIN_TIMEOUT_MS;
	while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
	const current = connection();
	useConnection(undefined);
	await current.close();
}

/** pg_trgm extracts no trigrams from Hangul when the database's ctype is not UTF-8 aware. */
export async function warnIfHangulSearchBroken(): Promise<boolean> {
	const [row] = await rows<{ ctype: string }>(sql`select datctype as ctype from pg_database where datname = current_database()`);
	const ctype = row?.ctype ?? '';
	const fine = /utf-?8/i.test(ctype);
	if (!fine) {
		console.warn(
			`[plan-consultation] WARNING: this database's ctype is "${ctype}"; trigram search will ignore Hangul. ` +
				`Create the database with LC_CTYPE 'C.UTF-8' (TEMPLATE template0), see README.`
		);
	}
	return fine;
}
