// The write counters in the database that every instance reads (migrations/0010, 0012): what makes a
// page kept on one instance go the moment another instance handles a write. On the embedded database
// one process is the only instance, and these read as unchanging.
import { sql } from 'drizzle-orm';
import { connection, hasConnection, preparedStatement } from '$lib/server/db';

/**
 * A part of the data that only some pages show, whose writes retire only those pages (and every page
 * that shows all such parts, the scope `null` of a page).
 */
export type Scope = string;

/** The database's scope counters, and their sum (which moves with any of them). */
export interface SharedScopes {
	values: ReadonlyMap<Scope, string>;
	total: string;
}

const NO_SHARED_SCOPES: SharedScopes = { values: new Map(), total: '' };

const onServer = () => hasConnection() && connection().kind === 'postgresql';
const readStatement = preparedStatement<{ value: string; total: string; scopes: string }>(
	'page_cache_read',
	sql`select last_value::text as value,
		(select coalesce(sum(generation), 0)::text from page_cache_scopes) as total,
		(select coalesce(json_object_agg(scope, generation::text), '{}')::text from page_cache_scopes) as scopes
	from page_cache_generation`
);
const moveStatement = preparedStatement('page_cache_move', sql`select nextval('page_cache_generation')`);
const moveScopeStatement = preparedStatement(
	'page_cache_move_scope',
	sql`insert into page_cache_scopes (scope, generation) values (${sql.placeholder('scope')}, 1)
		on conflict (scope) do update set generation = page_cache_scopes.generation + 1`
);
/** One shared move per scope written to (a plan's sections at most). */
const scopeMoves = new Map<Scope, () => Promise<void>>();
// The database is unreachable, so no other instance draws pages from it either; the pages they keep
// run out within a few times PAGE_CACHE_MS (page-cache.ts).
const ignore = () => undefined;

/**
 * `run`, shared by the calls made while one is under way: they wait for the next run, which starts
 * after all of them. A call never shares a run that began before it, which could miss a write its
 * caller has already seen committed (or, for a writer, come before its own commit).
 */
function sharedFromNow<T>(run: () => Promise<T>): () => Promise<T> {
	let running: Promise<T> | null = null;
	let next: Promise<T> | null = null;
	const start = () => {
		const started = run();
		running = started;
		void started.then(() => {
			if (running === started) running = null;
		});
		return started;
	};
	return () => {
		if (!running) return start();
		const restart = () => {
			next = null;
			return start();
		};
		next ??= running.then(restart, restart);
		return next;
	};
}

export interface SharedReading {
	value: string;
	scopes: SharedScopes;
}

/** The last scope counters read, parsed once for every reading that finds them unchanged. */
let lastScopes: { text: string; total: string; parsed: SharedScopes } | null = null;

function sharedScopesOf(text: string, total: string): SharedScopes {
	if (lastScopes?.text !== text || lastScopes.total !== total) {
		lastScopes = { text, total, parsed: { values: new Map(Object.entries(JSON.parse(text) as Record<string, string>)), total } };
	}
	return lastScopes.parsed;
}

/** Where the database's write counters stand, read after the call; null when they cannot be read. */
const readShared = sharedFromNow(() =>
	readStatement({}).then(
		([row]): SharedReading | null => (row ? { value: row.value, scopes: sharedScopesOf(row.scopes, row.total) } : null),
		() => null
	)
);

const moveShared = sharedFromNow(() => moveStatement({}).then(ignore, ignore));

const ON_ONE_INSTANCE: SharedReading = { value: '', scopes: NO_SHARED_SCOPES };

/** Where the counters stand, read after the call (readers arriving together share the read); null when unknown. */
export const read = (): Promise<SharedReading | null> => (onServer() ? readShared() : Promise.resolve(ON_ONE_INSTANCE));

/** Moves the counter every write but a scoped one moves, after the call (writers finishing together share a move). */
export async function moveCounter(): Promise<void> {
	if (onServer()) await moveShared();
}

/** Moves `scope`'s counter, after the call. */
export async function moveScope(scope: Scope): Promise<void> {
	if (!onServer()) return;
	let move = scopeMoves.get(scope);
	if (!move) {
		move = sharedFromNow(() => moveScopeStatement({ scope }).then(ignore, ignore));
		scopeMoves.set(scope, move);
	}
	await move();
}
