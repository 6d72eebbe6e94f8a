// Pages as signed-out readers see them, kept for a moment. A consultation's public pages (the plan,
// a busy section, the theme dashboard, a popular search) are read far more often than anything on
// them changes, and a signed-out reader's page depends only on its address, its language and the
// data. Each instance keeps such a page for PAGE_CACHE_MS (1 s by default, 0 turns it off) and forgets
// every page the moment it handles a write itself. On a PostgreSQL server several instances may share
// the data, so a write also moves a counter in the database (migrations/0010) and a kept page is served
// only while that counter stands where it stood when the page was drawn: every instance shows every
// write at once, for one tiny query per read that readers arriving together share. Signed-in readers
// never come here.
import { sql } from 'drizzle-orm';
import { pageCacheMs } from '$lib/server/config';
import { connection, hasConnection, preparedStatement } from '$lib/server/db';

const TTL_MS = pageCacheMs();
/** How far past its time a page may still be served while its replacement is being drawn. */
const STALE_FACTOR = 3;
const MAX_ENTRIES = 500;
const MAX_BYTES = 64 * 1024 * 1024;
const NONCE_BYTES = 18;
const SAFE_METHODS = new Set(['GET', 'HEAD']);

interface Entry {
	/** The page's bytes, cut where the nonce stood (one part when it has none). */
	parts: Buffer<ArrayBuffer>[];
	size: number;
	status: number;
	headers: [string, string][];
	/** The CSP nonce the page was drawn with; every copy served gets a fresh one in its place. */
	nonce: string | null;
	storedAt: number;
	/** Where the database's write counter stood before the page was drawn ('' on the embedded database). */
	shared: string;
}

const entries = new Map<string, Entry>();
const pending = new Map<string, Promise<Entry | null>>();
let bytes = 0;
/** Moves on every write this instance handles; a page drawn across a move is not kept. */
let generation = 0;

export const enabled = () => TTL_MS > 0;

/**
 * The key of a request that may be answered from the cache, or null. `signedOut` says the request
 * carries no session cookie: whatever else it carries does not change the page.
 */
export function keyOf(request: Request, url: URL, locale: string, signedOut: boolean): string | null {
	if (!enabled() || request.method !== 'GET' || !signedOut) return null;
	if (url.pathname.startsWith('/api/') || url.pathname.endsWith('/__data.json') || url.pathname.startsWith('/_app/')) {
		return null;
	}
	if (request.headers.has('x-sveltekit-action') || request.headers.has('x-sveltekit-invalidated')) return null;
	const html = (request.headers.get('accept') ?? '').includes('text/html') ? 'html' : 'any';
	return `${locale} ${html} ${url.pathname}${url.search}`;
}

/**
 * The page for `key`: a copy of the kept one while it is fresh, else drawn by `draw` and kept. While
 * one reader draws a page again, the others get the copy it replaces (if only just out of date) or
 * wait for the drawing, rather than each starting their own.
 */
export async function serve(key: string, draw: () => Promise<Response>): Promise<Response> {
	const startedAt = generation;
	const shared = await sharedGeneration();
	if (shared === null) return draw();
	const entry = entries.get(key);
	const current = entry && entry.shared === shared ? entry : undefined;
	const age = current ? Date.now() - current.storedAt : Infinity;
	if (current && age <= TTL_MS) return copyOf(current);
	const pendingKey = `${shared} ${key}`;
	const drawing = pending.get(pendingKey);
	if (drawing) {
		if (current && age <= TTL_MS * STALE_FACTOR) return copyOf(current);
		const drawn = await drawing;
		if (drawn) return copyOf(drawn);
		return draw();
	}
	let settle!: (entry: Entry | null) => void;
	pending.set(pendingKey, new Promise((resolve) => (settle = resolve)));
	try {
		const response = await draw();
		const kept = await keep(key, startedAt, shared, response);
		settle(kept.entry);
		return kept.response;
	} catch (error) {
		settle(null);
		throw error;
	} finally {
		pending.delete(pendingKey);
	}
}

// Kept as bytes: encoding a long page again for every copy cost more than everything else a copy takes.
function copyOf(entry: Entry): Response {
	const headers = new Headers(entry.headers);
	if (!entry.nonce) return new Response(entry.parts[0], { status: entry.status, headers });
	const nonce = freshNonce();
	const policy = headers.get('content-security-policy');
	if (policy) headers.set('content-security-policy', policy.replaceAll(entry.nonce, nonce));
	const nonceBytes = Buffer.from(nonce);
	const pieces: Buffer[] = [];
	entry.parts.forEach((part, i) => {
		if (i > 0) pieces.push(nonceBytes);
		pieces.push(part);
	});
	return new Response(Buffer.concat(pieces), { status: entry.status, headers });
}

/** Keeps a freshly drawn page when it may be kept and nothing was written while it was drawn. */
async function keep(key: string, startedAt: number, shared: string, response: Response): Promise<{ response: Response; entry: Entry | null }> {
	const type = response.headers.get('content-type') ?? '';
	const cacheControl = response.headers.get('cache-control') ?? '';
	if (response.status !== 200 || !type.startsWith('text/html') || response.headers.has('set-cookie') || cacheControl.includes('no-store')) {
		return { response, entry: null };
	}
	const body = Buffer.from(await response.arrayBuffer());
	const rebuilt = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
	const size = body.byteLength;
	if (startedAt !== generation || size > MAX_BYTES / 8) return { response: rebuilt, entry: null };
	const nonce = response.headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1] ?? null;
	const previous = entries.get(key);
	if (previous) drop(key, previous);
	while (entries.size >= MAX_ENTRIES || bytes + size > MAX_BYTES) {
		const [oldestKey, oldest] = entries.entries().next().value!;
		drop(oldestKey, oldest);
	}
	const entry: Entry = {
		parts: nonce ? split(body, Buffer.from(nonce)) : [body],
		size,
		status: response.status,
		headers: [...response.headers].filter(([name]) => name !== 'etag' && name !== 'content-length'),
		nonce,
		storedAt: Date.now(),
		shared
	};
	entries.set(key, entry);
	bytes += size;
	return { response: rebuilt, entry };
}

/** A write is about to be handled here: forget every page, and keep none drawn meanwhile. */
export function invalidate(): void {
	generation++;
	entries.clear();
	bytes = 0;
}

/**
 * A write was handled here (its transaction is over): forget every page, and on a server move the
 * shared counter so the other instances do too. Awaited before the writer is answered, so whatever
 * the writer reads next, on any instance, is drawn after the write.
 */
export async function invalidateEverywhere(): Promise<void> {
	invalidate();
	if (enabled() && onServer()) await moveShared();
}

const onServer = () => hasConnection() && connection().kind === 'postgresql';
const readStatement = preparedStatement<{ value: string }>('page_cache_read', sql`select last_value::text as value from page_cache_generation`);
const moveStatement = preparedStatement('page_cache_move', sql`select nextval('page_cache_generation')`);

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

/** Where the database's write counter stands, read after the call; null when it cannot be read. */
const readShared = sharedFromNow(() =>
	readStatement({}).then(
		([row]) => row?.value ?? null,
		() => null
	)
);

/** Moves the counter, after the call. */
const moveShared = sharedFromNow(() =>
	moveStatement({}).then(
		() => undefined,
		// The database is unreachable, so no other instance draws pages from it either; the pages
		// they keep run out within STALE_FACTOR × PAGE_CACHE_MS.
		() => undefined
	)
);

const sharedGeneration = (): Promise<string | null> => (onServer() ? readShared() : Promise.resolve(''));

export const isWrite = (request: Request) => !SAFE_METHODS.has(request.method);

function drop(key: string, entry: Entry): void {
	entries.delete(key);
	bytes -= entry.size;
}

function split(body: Buffer<ArrayBuffer>, separator: Buffer): Buffer<ArrayBuffer>[] {
	const parts: Buffer<ArrayBuffer>[] = [];
	let at = 0;
	for (let found = body.indexOf(separator); found !== -1; found = body.indexOf(separator, at)) {
		parts.push(body.subarray(at, found));
		at = found + separator.length;
	}
	parts.push(body.subarray(at));
	return parts;
}

function freshNonce(): string {
	const random = new Uint8Array(NONCE_BYTES);
	crypto.getRandomValues(random);
	return Buffer.from(random).toString('base64');
}
