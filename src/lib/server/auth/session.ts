// Sessions as in the Lucia guide (lucia-auth.com, "auth_session.ts"): the token is `id.secret`;
// only the SHA-256 of the secret is stored and it is compared in constant time.
import type { Cookies } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { eq, and, ne, not, sql } from 'drizzle-orm';
import { db, preparedQuery } from '$lib/server/db';
import { gathered } from '$lib/server/db/gather';
import { sessions, users } from '$lib/server/db/schema';
import type { Role, StakeholderGroup } from '$lib/roles';

export const SESSION_COOKIE_NAME = 'session';
/** A session unused for this long ends. */
export const INACTIVITY_TIMEOUT_SECONDS = 60 * 60 * 24 * 10;
/** A session ends this long after sign-in however often it is used, so a stolen one cannot live forever. */
export const ABSOLUTE_LIFETIME_SECONDS = 60 * 60 * 24 * 30;
/** How often a used session's last-verified time (and so its expiry) is moved forward. */
export const ACTIVITY_CHECK_INTERVAL_SECONDS = 60 * 60;

const RANDOM_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const RANDOM_STRING_BYTES = 24;

export interface SessionUser {
	id: number;
	email: string;
	displayName: string;
	organisation: string;
	stakeholderGroup: StakeholderGroup;
	roles: Role[];
}

export interface Session {
	id: string;
	userId: number;
	createdAt: Date;
	lastVerifiedAt: Date;
}

/** 24 characters from a 32-letter alphabet: 120 bits of entropy. */
export function generateSecureRandomString(): string {
	const bytes = new Uint8Array(RANDOM_STRING_BYTES);
	crypto.getRandomValues(bytes);
	let id = '';
	for (const byte of bytes) id += RANDOM_ALPHABET[byte >> 3];
	return id;
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

export async function createSession(userId: number): Promise<{ session: Session; token: string }> {
	const id = generateSecureRandomString();
	const secret = generateSecureRandomString();
	const now = new Date();
	await db.insert(sessions).values({
		id,
		secretHash: hashSecret(secret),
		userId,
		createdAt: now,
		lastVerifiedAt: now
	});
	return { session: { id, userId, createdAt: now, lastVerifiedAt: now }, token: `${id}.${secret}` };
}

export type SessionValidation = { session: Session; user: SessionUser; renewed: boolean } | { session: null; user: null; renewed: false };

const NO_SESSION: SessionValidation = { session: null, user: null, renewed: false };

/** Separates the ids of one lookup; never among the letters of an id. */
const ID_SEPARATOR = ' ';
const SESSION_ID_PATTERN = new RegExp(`^[${RANDOM_ALPHABET}]{${RANDOM_STRING_BYTES}}$`);

// Every signed-in request runs this query, so it is built once per database and kept prepared, and
// the lookups that arrive together share one run of it.
const sessionLookup = preparedQuery((database) =>
	database
		.select({
			id: sessions.id,
			secretHash: sessions.secretHash,
			createdAt: sessions.createdAt,
			lastVerifiedAt: sessions.lastVerifiedAt,
			user: {
				id: users.id,
				email: users.email,
				displayName: users.displayName,
				organisation: users.organisation,
				stakeholderGroup: users.stakeholderGroup,
				roles: users.roles
			}
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(sql`${sessions.id} = any(string_to_array(${sql.placeholder('sessionIds')}, ${ID_SEPARATOR}))`)
		.prepare('session_lookup')
);

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionLookup>['execute']>>[number];

const lookUpSession = gathered(async (sessionIds: string[]): Promise<(SessionRow | undefined)[]> => {
	const found = new Map((await sessionLookup().execute({ sessionIds: sessionIds.join(ID_SEPARATOR) })).map((row) => [row.id, row]));
	return sessionIds.map((id) => found.get(id));
});

export async function validateSessionToken(token: string): Promise<SessionValidation> {
	const parts = token.split('.');
	if (parts.length !== 2 || !parts[0] || !parts[1]) return NO_SESSION;
	const [sessionId, secret] = parts;
	if (!SESSION_ID_PATTERN.test(sessionId)) return NO_SESSION;

	const row = await lookUpSession(sessionId);
	if (!row) return NO_SESSION;
	if (!constantTimeEqual(hashSecret(secret), row.secretHash)) return NO_SESSION;

	const now = Date.now();
	const idleMs = now - row.lastVerifiedAt.getTime();
	if (idleMs >= INACTIVITY_TIMEOUT_SECONDS * 1000 || now - row.createdAt.getTime() >= ABSOLUTE_LIFETIME_SECONDS * 1000) {
		await invalidateSession(sessionId);
		return NO_SESSION;
	}
	let lastVerifiedAt = row.lastVerifiedAt;
	let renewed = false;
	if (idleMs >= ACTIVITY_CHECK_INTERVAL_SECONDS * 1000) {
		lastVerifiedAt = new Date(now);
		renewed = true;
		await db.update(sessions).set({ lastVerifiedAt }).where(eq(sessions.id, sessionId));
	}
	return {
		session: { id: row.id, userId: row.user.id, createdAt: row.createdAt, lastVerifiedAt },
		user: row.user as SessionUser,
		renewed
	};
}

export async function invalidateSession(sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but `keepSessionId`; returns how many ended. */
export async function invalidateUserSessions(userId: number, keepSessionId?: string): Promise<number> {
	const ended = await db
		.delete(sessions)
		.where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId))
		.returning({ id: sessions.id });
	return ended.length;
}

const stillLive = () =>
	and(
		sql`${sessions.lastVerifiedAt} >= now() - make_interval(secs => ${INACTIVITY_TIMEOUT_SECONDS})`,
		sql`${sessions.createdAt} >= now() - make_interval(secs => ${ABSOLUTE_LIFETIME_SECONDS})`
	);

/** How many sessions of the user, other than `currentSessionId`, could still be used. */
export async function countOtherSessions(userId: number, currentSessionId: string): Promise<number> {
	const [row] = await db
		.select({ count: sql<number>`count(*)::int` })
		.from(sessions)
		.where(and(eq(sessions.userId, userId), ne(sessions.id, currentSessionId), stillLive()));
	return row.count;
}

export async function deleteExpiredSessions(): Promise<void> {
	await db.delete(sessions).where(not(stillLive()!));
}

/** Secure everywhere but plain-http localhost, where browsers would refuse to send it back. */
export function setSessionCookie(cookies: Cookies, token: string, url: URL): void {
	cookies.set(SESSION_COOKIE_NAME, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: !isLocalHttp(url),
		maxAge: INACTIVITY_TIMEOUT_SECONDS
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE_NAME, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: !isLocalHttp(url)
	});
}

function isLocalHttp(url: URL): boolean {
	return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]');
}
