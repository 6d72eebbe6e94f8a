import { databaseOptions, seedDemoOnStart } from '$lib/server/config';
import { openConnection } from '$lib/server/db/client';
import { connection, hasConnection, rows, useConnection } from '$lib/server/db';
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
	log(
		options.kind === 'postgresql'
			? `database: PostgreSQL server (DATABASE_URL)`
			: `database: embedded PGlite in ${options.dataDir}`
	);
	const applied = await migrate(opened);
	if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
	await warnIfHangulSearchBroken();
	if (seedDemoOnStart() && (await isEmpty())) {
		await seedDemo();
		log('seeded the demo plan and accounts (see README: demo only)');
	}
	process.once('sveltekit:shutdown', () => void stopServer());
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
	const [row] = await rows<{ ctype: string }>(
		sql`select datctype as ctype from pg_database where datname = current_database()`
	);
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
