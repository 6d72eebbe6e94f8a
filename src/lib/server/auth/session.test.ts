import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { sessions } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createUser } from '$tests/helpers/factories';
import {
	ABSOLUTE_LIFETIME_SECONDS,
	ACTIVITY_CHECK_INTERVAL_SECONDS,
	INACTIVITY_TIMEOUT_SECONDS,
	countOtherSessions,
	createSession,
	deleteExpiredSessions,
	generateSecureRandomString,
	invalidateSession,
	invalidateUserSessions,
	validateSessionToken
} from './session';

useTestDatabase();

describe('sessions', () => {
	it('makes 24-character ids from the unambiguous alphabet, never the same twice', () => {
		const ids = new Set(Array.from({ length: 1000 }, generateSecureRandomString));
		expect(ids.size).toBe(1000);
		for (const id of ids) expect(id).toMatch(/^[a-km-np-z2-9]{24}$/);
	});

	it('stores only the hash of the secret and validates the whole token', async () => {
		const user = await createUser();
		const { session, token } = await createSession(user.id);
		const [id, secret] = token.split('.');
		expect(id).toBe(session.id);
		const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
		// Computed here with node:crypto, not the module's own hashing, so neither can stand in for the other.
		expect(Buffer.from(row.secretHash).toString('hex')).toBe(createHash('sha256').update(secret, 'utf8').digest('hex'));
		const stored = Object.values(row).map((value) => (value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : String(value)));
		expect(stored.join('\n')).not.toContain(secret);

		const valid = await validateSessionToken(token);
		expect(valid.user?.id).toBe(user.id);
		expect((await validateSessionToken(`${id}.${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`)).session).toBeNull();
		expect((await validateSessionToken(id)).session).toBeNull();
		expect((await validateSessionToken(`${id}.${secret}.extra`)).session).toBeNull();
	});

	it('gives each of the lookups that arrive together its own session, or none', async () => {
		const people = await Promise.all([createUser(), createUser(), createUser()]);
		const tokens = await Promise.all(people.map((person) => createSession(person.id).then((made) => made.token)));
		const [firstId, firstSecret] = tokens[0].split('.');
		const results = await Promise.all([
			...tokens.map((token) => validateSessionToken(token)),
			validateSessionToken(`${firstId}.${firstSecret.slice(0, -1)}${firstSecret.endsWith('x') ? 'y' : 'x'}`),
			validateSessionToken(`${generateSecureRandomString()}.${firstSecret}`),
			validateSessionToken(`${firstId} ${firstId}.${firstSecret}`),
			validateSessionToken(tokens[1])
		]);
		expect(results.map((result) => result.user?.id ?? null)).toEqual([...people.map((person) => person.id), null, null, null, people[1].id]);
	});

	it('ends a session left unused past the inactivity timeout', async () => {
		const user = await createUser();
		const { session, token } = await createSession(user.id);
		await db
			.update(sessions)
			.set({ lastVerifiedAt: new Date(Date.now() - (INACTIVITY_TIMEOUT_SECONDS + 5) * 1000) })
			.where(eq(sessions.id, session.id));
		expect((await validateSessionToken(token)).session).toBeNull();
		expect(await db.select().from(sessions).where(eq(sessions.id, session.id))).toHaveLength(0);
	});

	it('ends a session past its absolute lifetime even when it was used every day', async () => {
		const user = await createUser();
		const young = await createSession(user.id);
		const old = await createSession(user.id);
		const day = 24 * 60 * 60 * 1000;
		await db
			.update(sessions)
			.set({ createdAt: new Date(Date.now() - ABSOLUTE_LIFETIME_SECONDS * 1000 + day), lastVerifiedAt: new Date() })
			.where(eq(sessions.id, young.session.id));
		await db
			.update(sessions)
			.set({ createdAt: new Date(Date.now() - ABSOLUTE_LIFETIME_SECONDS * 1000 - 60_000), lastVerifiedAt: new Date() })
			.where(eq(sessions.id, old.session.id));
		expect((await validateSessionToken(young.token)).session).not.toBeNull();
		// Used a moment ago, yet past the lifetime: refused and gone.
		expect((await validateSessionToken(old.token)).session).toBeNull();
		expect(await db.select().from(sessions).where(eq(sessions.id, old.session.id))).toHaveLength(0);
	});

	it('counts the other sessions still usable, and clears both kinds of expired ones', async () => {
		const user = await createUser();
		const [current, other, idle, aged] = await Promise.all(Array.from({ length: 4 }, () => createSession(user.id)));
		await db
			.update(sessions)
			.set({ lastVerifiedAt: new Date(Date.now() - (INACTIVITY_TIMEOUT_SECONDS + 5) * 1000) })
			.where(eq(sessions.id, idle.session.id));
		await db
			.update(sessions)
			.set({ createdAt: new Date(Date.now() - (ABSOLUTE_LIFETIME_SECONDS + 5) * 1000) })
			.where(eq(sessions.id, aged.session.id));
		expect(await countOtherSessions(user.id, current.session.id)).toBe(1);
		await deleteExpiredSessions();
		const left = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
		expect(left.map((row) => row.id).sort()).toEqual([current.session.id, other.session.id].sort());
	});

	it('slides the expiry forward when a session is used after the check interval', async () => {
		const user = await createUser();
		const { session, token } = await createSession(user.id);
		const fresh = await validateSessionToken(token);
		expect(fresh.renewed).toBe(false);
		const old = new Date(Date.now() - (ACTIVITY_CHECK_INTERVAL_SECONDS + 60) * 1000);
		await db.update(sessions).set({ lastVerifiedAt: old }).where(eq(sessions.id, session.id));
		const renewed = await validateSessionToken(token);
		expect(renewed.renewed).toBe(true);
		const [row] = await db.select().from(sessions).where(eq(sessions.id, session.id));
		expect(row.lastVerifiedAt.getTime()).toBeGreaterThan(old.getTime() + 60_000);
	});

	it('ends one session on sign-out, or all but one of a user', async () => {
		const user = await createUser();
		const a = await createSession(user.id);
		const b = await createSession(user.id);
		const c = await createSession(user.id);
		await invalidateSession(a.session.id);
		expect((await validateSessionToken(a.token)).session).toBeNull();
		expect((await validateSessionToken(b.token)).session).not.toBeNull();
		const other = await createUser();
		const theirs = await createSession(other.id);
		expect(await invalidateUserSessions(user.id, c.session.id)).toBe(1);
		expect((await validateSessionToken(b.token)).session).toBeNull();
		expect((await validateSessionToken(theirs.token)).session, 'another user’s session stays').not.toBeNull();
		expect((await validateSessionToken(c.token)).session).not.toBeNull();
	});
});
