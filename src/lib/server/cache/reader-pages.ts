// Signed-in readers' pages, drawn once and shared. A participant's page differs from another's only
// in their name and id (placeholders every copy fills in, see page-cache.ts), their unread notices,
// and which comments on it are their own or endorsed by them. So a page is kept per roles and per
// those few facts: readers who own and endorsed nothing on it (most of them) share one drawing, and
// finding out which drawing is theirs costs one small query per reader and write-counter generation.
import { sql } from 'drizzle-orm';
import {
	ABSOLUTE_LIFETIME_SECONDS,
	ACTIVITY_CHECK_INTERVAL_SECONDS,
	validateSessionToken,
	type SessionUser,
	type SessionValidation
} from '$lib/server/auth/session';
import { preparedStatement } from '$lib/server/db';
import * as pageCache from '$lib/server/cache/page-cache';

/**
 * Pages whose data depends on the reader only through their roles and what the record below
 * holds. Any other page is drawn for each request as before.
 */
const SHARED_ROUTES = new Set([
	'/',
	'/plans/[slug]',
	'/plans/[slug]/v/[n]',
	'/plans/[slug]/sections/[key]',
	'/plans/[slug]/v/[n]/sections/[key]',
	'/plans/[slug]/themes',
	'/plans/[slug]/search'
]);

/** Roles whose pages are shared; staff see per-person tools (coding, answers) and are drawn per request. */
const SHARED_ROLES = new Set(['participant']);

/** Readers' sessions and facts, and pages' comment lists, kept per write-counter generation at most; beyond it the oldest go. */
const MAX_KEPT = 20_000;

/** What a drawing found about its reader, filled in by the page's loads. */
export interface PageRecord {
	/** Every comment the page shows. */
	commentIds: number[];
	/** Those written by the reader, and those the reader endorsed. */
	mine: number[];
	endorsed: number[];
	unreadNotices: number;
	/** The unread notices were looked up with the reader's facts, so the drawing need not count them. */
	unreadKnown: boolean;
}

export const newRecord = (): PageRecord => ({ commentIds: [], mine: [], endorsed: [], unreadNotices: 0, unreadKnown: false });

export function isShared(routeId: string | null, user: SessionUser): boolean {
	return routeId !== null && SHARED_ROUTES.has(routeId) && user.roles.every((role) => SHARED_ROLES.has(role));
}

interface ReaderFacts {
	mine: number[];
	endorsed: number[];
	unreadNotices: number;
}

const signature = (facts: ReaderFacts) =>
	`u${facts.unreadNotices} m${[...facts.mine].sort((a, b) => a - b).join(',')} e${[...facts.endorsed].sort((a, b) => a - b).join(',')}`;

/** The comments each page showed when last drawn in this generation. */
const pageComments = new Map<string, number[]>();
/** Each reader's facts about a page, in this generation. */
const readerFacts = new Map<string, Promise<ReaderFacts>>();
/** Sessions found valid in this generation, by token: every way a session ends or changes is a write. */
const validSessions = new Map<string, Promise<SessionValidation>>();
/** First drawings under way, which readers of the same page wait for before choosing theirs. */
const firstDrawings = new Map<string, Promise<unknown>>();
let factsGeneration = '';

const factsStatement = preparedStatement<{ unread: number; mine: string; endorsed: string }>(
	'reader_facts',
	sql`select
		(select count(*)::int from notices where user_id = ${sql.placeholder('user')} and read_at is null) as unread,
		coalesce((select string_agg(id::text, ',') from comments
			where id = any(string_to_array(${sql.placeholder('ids')}, ',')::bigint[]) and author_id = ${sql.placeholder('user')}), '') as mine,
		coalesce((select string_agg(comment_id::text, ',') from endorsements
			where comment_id = any(string_to_array(${sql.placeholder('ids')}, ',')::bigint[]) and user_id = ${sql.placeholder('user')}), '') as endorsed`
);

const numbers = (list: string) => (list === '' ? [] : list.split(',').map(Number));

function factsOf(userId: number, base: string, ids: number[]): Promise<ReaderFacts> {
	// Pages that show no comments depend only on the unread notices: one lookup serves them all.
	const key = ids.length > 0 ? `${userId} ${base}` : `${userId}`;
	let found = readerFacts.get(key);
	if (!found) {
		found = factsStatement({ user: userId, ids: ids.join(',') }).then(([row]) => ({
			unreadNotices: Number(row.unread),
			mine: numbers(row.mine),
			endorsed: numbers(row.endorsed)
		}));
		// A failed lookup is not kept: the next reader asks again.
		found.catch(() => readerFacts.delete(key));
		if (readerFacts.size >= MAX_KEPT) readerFacts.delete(readerFacts.keys().next().value!);
		readerFacts.set(key, found);
	}
	return found;
}

function forgetOlder(generation: string): void {
	if (generation === factsGeneration) return;
	factsGeneration = generation;
	pageComments.clear();
	readerFacts.clear();
	validSessions.clear();
}

/**
 * The session of a signed-in reader's token, looked up once per write-counter generation: signing
 * out, a password or role change and an ended session elsewhere are all writes, which move it. What
 * time alone ends or renews is checked on every use; a session that is due for renewal, or not valid,
 * is looked up each time (so made-up tokens never fill the map).
 */
export async function validatedSession(token: string, at: pageCache.Generation | null): Promise<SessionValidation> {
	if (at === null) return validateSessionToken(token);
	forgetOlder(pageCache.generationKey(at));
	const kept = validSessions.get(token);
	if (kept) {
		const validation = await kept;
		if (validation.session && stillFresh(validation.session)) return validation;
		validSessions.delete(token);
	}
	const found = validateSessionToken(token);
	const validation = await found;
	if (validation.session && !validation.renewed && stillFresh(validation.session)) {
		if (validSessions.size >= MAX_KEPT) validSessions.delete(validSessions.keys().next().value!);
		validSessions.set(token, found);
	}
	return validation;
}

/** Neither due for renewal (and so, well before, for the inactivity timeout) nor at its absolute lifetime. */
function stillFresh(session: { createdAt: Date; lastVerifiedAt: Date }): boolean {
	const now = Date.now();
	return (
		now - session.lastVerifiedAt.getTime() < ACTIVITY_CHECK_INTERVAL_SECONDS * 1000 &&
		now - session.createdAt.getTime() < ABSOLUTE_LIFETIME_SECONDS * 1000
	);
}

/**
 * A signed-in reader's page: a copy of the drawing kept for readers with the same facts, else drawn
 * (by `draw`, which fills `record`) and kept. `base` is the page's key without the reader's facts;
 * `scope` the part of the data it shows, if only one (page-cache.ts).
 */
export async function serve(
	base: string,
	user: SessionUser,
	draw: (tokens: pageCache.PageTokens, record: PageRecord) => Promise<Response>,
	at: pageCache.Generation | null,
	scope: pageCache.Scope | null = null
): Promise<Response> {
	const reader = { id: user.id, displayName: user.displayName };
	if (at === null)
		return pageCache.serve(
			base,
			(tokens) => draw(tokens, newRecord()),
			reader,
			() => null,
			null
		);
	const generation = pageCache.generationKey(at);
	forgetOlder(generation);
	// A scoped write (an endorsement, a new top-level comment) keeps sessions and notices but changes
	// the page's comments, their counts and who wrote or endorsed them: what a reader's facts and the
	// page's comments were found to be is kept per the page's stamp.
	const page = `${base} @${pageCache.stampOf(at, scope)}`;
	let ids = pageComments.get(page);
	if (!ids) {
		const first = firstDrawings.get(page);
		if (!first) {
			// Which comments the page shows is learnt from drawing it: this reader's drawing is kept
			// under the facts it found.
			const record = newRecord();
			const drawing = pageCache.serve(
				`${base} first ${crypto.randomUUID()}`,
				(tokens) => draw(tokens, record),
				reader,
				() => learnt(base, page, generation, record),
				at,
				scope
			);
			firstDrawings.set(page, drawing);
			try {
				return await drawing;
			} finally {
				firstDrawings.delete(page);
			}
		}
		await first.catch(() => undefined);
		ids = pageComments.get(page);
		if (!ids)
			return pageCache.serve(
				base,
				(tokens) => draw(tokens, newRecord()),
				reader,
				() => null,
				at,
				scope
			);
	}
	const facts = await factsOf(user.id, page, ids);
	const record = { ...newRecord(), unreadNotices: facts.unreadNotices, unreadKnown: true };
	return pageCache.serve(
		`${base} ${signature(facts)}`,
		(tokens) => draw(tokens, record),
		reader,
		() => learnt(base, page, generation, record),
		at,
		scope
	);
}

/** The key a drawing is kept under, from what it found; it also tells later readers of `page` its comments. */
function learnt(base: string, page: string, generation: string, record: PageRecord): string {
	if (generation === factsGeneration) {
		if (pageComments.size >= MAX_KEPT) pageComments.delete(pageComments.keys().next().value!);
		pageComments.set(page, record.commentIds);
	}
	return `${base} ${signature(record)}`;
}
