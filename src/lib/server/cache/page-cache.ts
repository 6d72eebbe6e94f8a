// Pages as signed-out readers see them, kept for a moment. A consultation's public pages (the plan,
// a busy section, the theme dashboard, a popular search) are read far more often than anything on
// them changes, and a signed-out reader's page depends only on its address, its language and the
// data. Each instance keeps such a page for PAGE_CACHE_MS (1 s by default, 0 turns it off) and forgets
// every page the moment it handles a write itself. On a PostgreSQL server several instances may share
// the data, so a write also moves a counter in the database (migrations/0010) and a kept page is served
// only while that counter stands where it stood when the page was drawn: every instance shows every
// write at once, for one tiny query per read that readers arriving together share. Signed-in readers'
// pages are kept the same way, drawn once for everyone with the same roles and the same own and
// endorsed comments on the page, with the reader's id, name and form key as placeholders that every
// copy fills in (src/lib/server/cache/reader-pages.ts, placeholders.ts). A write that changes only
// one part of what pages show (an endorsement or a new top-level comment: one section's comments)
// moves that part's own counter (a scope, migrations/0012) instead: the pages that show only another
// section's comments stay.
import { pageCacheMs } from '$lib/server/operations/config';
import * as shared from './shared-counters';
import type { Scope } from './shared-counters';
import { cutAtPlaceholders, escapeHtml, escapeJsString, type PageTokens, type Slot } from './placeholders';

export type { PageTokens } from './placeholders';

const TTL_MS = pageCacheMs();
/** How far past its time a page may still be served while its replacement is being drawn. */
const STALE_FACTOR = 3;
const MAX_ENTRIES = 500;
const MAX_BYTES = 64 * 1024 * 1024;
const NONCE_BYTES = 18;
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The reader a copy is for. */
export interface Reader {
	id: number;
	displayName: string;
}

interface Entry {
	/** The page's bytes, cut at each placeholder (one part when it has none). */
	parts: Buffer<ArrayBuffer>[];
	/** What goes between parts[i] and parts[i + 1]. */
	slots: Slot[];
	size: number;
	status: number;
	headers: [string, string][];
	/** The CSP nonce the page was drawn with; every copy served gets a fresh one in its place. */
	nonce: string | null;
	storedAt: number;
	/** Where the write counters this page depends on stood before it was drawn (`stampOf`). */
	stamp: string;
}

const entries = new Map<string, Entry>();
const pending = new Map<string, Promise<Entry | null>>();
let bytes = 0;
/** Moves on every write this instance handles; a page drawn across a move is not kept. */
let generation = 0;
/** This instance's scope counters, replaced (never changed) on each scoped write so a reading can hold them. */
let localScopes: ReadonlyMap<Scope, number> = new Map();
let localScopesTotal = 0;

export type { Scope } from './shared-counters';

/**
 * One section's comments, as a new top-level comment or an endorsement changes them: shown, of the
 * pages kept per section, by that section's page alone.
 */
export const sectionScope = (slug: string, key: string): Scope => `section ${slug} ${key}`;

export const enabled = () => TTL_MS > 0;

/** Placeholders no page text can contain by chance: random, and of characters no escaping changes. */
export function freshTokens(user: boolean): PageTokens {
	return {
		formKey: crypto.randomUUID(),
		user: user ? { id: 2 ** 52 + Math.floor(Math.random() * 2 ** 51), displayName: `reader${randomLetters(24)}` } : null
	};
}

/**
 * The key of a request that may be answered from the cache, or null. `audience` is 'out' for a
 * request without a session cookie, or what a signed-in reader's page depends on besides the data
 * (roles, and what they own and endorsed on it).
 */
export function keyOf(request: Request, url: URL, locale: string, audience: string): string | null {
	if (!enabled() || request.method !== 'GET') return null;
	if (url.pathname.startsWith('/api/') || url.pathname.endsWith('/__data.json') || url.pathname.startsWith('/_app/')) {
		return null;
	}
	if (request.headers.has('x-sveltekit-action') || request.headers.has('x-sveltekit-invalidated')) return null;
	const html = (request.headers.get('accept') ?? '').includes('text/html') ? 'html' : 'any';
	return `${locale} ${html} ${audience} ${url.pathname}${url.search}`;
}

/**
 * The page for `key`: a copy of the kept one while it is fresh, else drawn by `draw` and kept. While
 * one reader draws a page again, the others get the copy it replaces (if only just out of date) or
 * wait for the drawing, rather than each starting their own. `draw` gets the placeholders to draw
 * with; `reader` is who the copy is for (null signed out); `keepAs` names the key the drawing is kept
 * under, once drawn (what a signed-in page depends on is known only then), or null to keep none.
 */
export async function serve(
	key: string,
	draw: (tokens: PageTokens) => Promise<Response>,
	reader: Reader | null = null,
	keepAs: () => string | null = () => key,
	at?: Generation | null,
	scope: Scope | null = null
): Promise<Response> {
	const reading = at === undefined ? await readGeneration() : at;
	if (reading === null) return drawOnce(draw, reader);
	const stamp = stampOf(reading, scope);
	const startedAt = reading.local;
	const entry = entries.get(key);
	const current = entry && entry.stamp === stamp ? entry : undefined;
	const age = current ? Date.now() - current.storedAt : Infinity;
	if (current && age <= TTL_MS) return copyOf(current, reader);
	const pendingKey = `${stamp} ${key}`;
	const drawing = pending.get(pendingKey);
	if (drawing) {
		if (current && age <= TTL_MS * STALE_FACTOR) return copyOf(current, reader);
		const drawn = await drawing;
		if (drawn) return copyOf(drawn, reader);
		return drawOnce(draw, reader);
	}
	let settle!: (entry: Entry | null) => void;
	pending.set(pendingKey, new Promise((resolve) => (settle = resolve)));
	try {
		const tokens = freshTokens(reader !== null);
		const response = await draw(tokens);
		const kept = await keep(keepAs(), startedAt, stamp, response, tokens);
		settle(kept.entry);
		// The drawing holds placeholders too: the reader who drew it gets a copy like everyone else.
		return kept.copy(reader);
	} catch (error) {
		settle(null);
		throw error;
	} finally {
		pending.delete(pendingKey);
	}
}

/** A page drawn for one reader and kept for none. */
async function drawOnce(draw: (tokens: PageTokens) => Promise<Response>, reader: Reader | null): Promise<Response> {
	const tokens = freshTokens(reader !== null);
	const kept = await keep(null, generation, '', await draw(tokens), tokens);
	return kept.copy(reader);
}

/** Where the write counters stood at one moment: the database's (shared by instances) and this instance's. */
export interface Generation {
	shared: string;
	local: number;
	sharedScopes: shared.SharedScopes;
	localScopes: ReadonlyMap<Scope, number>;
	localScopesTotal: number;
}

/**
 * What a page that shows `scope` (null: every scope) depends on, as it stood at `at`: a page kept
 * with one stamp is served only to readers who find the same.
 */
export function stampOf(at: Generation, scope: Scope | null): string {
	const scoped =
		scope === null
			? `${at.sharedScopes.total}.${at.localScopesTotal}`
			: `${at.sharedScopes.values.get(scope) ?? ''}.${at.localScopes.get(scope) ?? 0}`;
	return `${at.shared}:${at.local}:${scoped}`;
}

/**
 * Where the write counters stand, read after the call (readers arriving together share the read);
 * null when unknown. One request reads it once and hands it to everything it keeps or looks up.
 */
export async function readGeneration(): Promise<Generation | null> {
	// This instance's counters first: a write handled here while the shared ones are read moves them.
	const local = generation;
	const scopes = localScopes;
	const scopesTotal = localScopesTotal;
	const reading = await shared.read();
	return reading === null ? null : { shared: reading.value, local, sharedScopes: reading.scopes, localScopes: scopes, localScopesTotal: scopesTotal };
}

/** The counters every write but a scoped one moves: what sessions and readers' notices depend on. */
export const generationKey = (at: Generation) => `${at.shared}:${at.local}`;

// Kept as bytes: encoding a long page again for every copy cost more than everything else a copy takes.
function copyOf(entry: Entry, reader: Reader | null): Response {
	const headers = new Headers(entry.headers);
	if (entry.slots.length === 0) return new Response(entry.parts[0], { status: entry.status, headers });
	const nonce = entry.nonce ? freshNonce() : '';
	if (entry.nonce) {
		const policy = headers.get('content-security-policy');
		if (policy) headers.set('content-security-policy', policy.replaceAll(entry.nonce, nonce));
	}
	const filled: Record<Slot, Buffer> = {
		nonce: Buffer.from(nonce),
		formKey: Buffer.from(crypto.randomUUID()),
		userId: Buffer.from(String(reader?.id ?? '')),
		nameText: Buffer.from(escapeHtml(reader?.displayName ?? '', false)),
		nameAttr: Buffer.from(escapeHtml(reader?.displayName ?? '', true)),
		nameJs: Buffer.from(escapeJsString(reader?.displayName ?? ''))
	};
	const pieces: Buffer[] = [entry.parts[0]];
	entry.slots.forEach((slot, i) => pieces.push(filled[slot], entry.parts[i + 1]));
	return new Response(Buffer.concat(pieces), { status: entry.status, headers });
}

/**
 * Keeps a freshly drawn page under `key` when it may be kept and nothing was written while it was
 * drawn; either way `copy` gives the page with its placeholders filled in for a reader.
 */
async function keep(
	key: string | null,
	startedAt: number,
	stamp: string,
	response: Response,
	tokens: PageTokens
): Promise<{ entry: Entry | null; copy: (reader: Reader | null) => Response }> {
	const type = response.headers.get('content-type') ?? '';
	// Only a page can hold placeholders: redirects, feeds and files pass as they are.
	if (!type.startsWith('text/html') || response.body === null) return { entry: null, copy: () => response };
	const body = Buffer.from(await response.arrayBuffer());
	const size = body.byteLength;
	const nonce = response.headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1] ?? null;
	const entry: Entry = {
		...cutAtPlaceholders(body.toString('utf8'), nonce, tokens),
		size,
		status: response.status,
		headers: [...response.headers].filter(([name]) => name !== 'etag' && name !== 'content-length'),
		nonce,
		storedAt: Date.now(),
		stamp
	};
	const copy = (reader: Reader | null) => copyOf(entry, reader);
	const cacheControl = response.headers.get('cache-control') ?? '';
	const keepable =
		key !== null &&
		response.status === 200 &&
		!response.headers.has('set-cookie') &&
		!cacheControl.includes('no-store') &&
		startedAt === generation &&
		size <= MAX_BYTES / 8;
	if (!keepable) return { entry: null, copy };
	const previous = entries.get(key);
	if (previous) drop(key, previous);
	while (entries.size >= MAX_ENTRIES || bytes + size > MAX_BYTES) {
		const [oldestKey, oldest] = entries.entries().next().value!;
		drop(oldestKey, oldest);
	}
	entries.set(key, entry);
	bytes += size;
	return { entry, copy };
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
	if (enabled()) await shared.moveCounter();
}

/**
 * A write that changed only `scope` was handled here: retire the pages that show it, here and (like
 * `invalidateEverywhere`, before the writer is answered) on every instance. Sessions and readers'
 * notices stand.
 */
export async function invalidateScopeEverywhere(scope: Scope): Promise<void> {
	const moved = new Map(localScopes);
	moved.set(scope, (moved.get(scope) ?? 0) + 1);
	localScopes = moved;
	localScopesTotal++;
	if (enabled()) await shared.moveScope(scope);
}

export const isWrite = (request: Request) => !SAFE_METHODS.has(request.method);

function drop(key: string, entry: Entry): void {
	entries.delete(key);
	bytes -= entry.size;
}

function freshNonce(): string {
	const random = new Uint8Array(NONCE_BYTES);
	crypto.getRandomValues(random);
	return Buffer.from(random).toString('base64');
}

function randomLetters(count: number): string {
	const random = new Uint8Array(count);
	crypto.getRandomValues(random);
	return [...random].map((n) => 'abcdefghijklmnopqrstuvwxyz'[n % 26]).join('');
}
