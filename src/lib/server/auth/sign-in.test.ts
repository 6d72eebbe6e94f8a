import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '$tests/helpers/database';
import { createUser, TEST_PASSWORD } from '$tests/helpers/factories';
import { attemptSignIn } from './sign-in';

useTestDatabase();

/** The defaults (RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT, RATE_LIMIT_SIGN_IN_PER_IP). */
const FAILURES_PER_ACCOUNT = 8;
const ATTEMPTS_PER_ADDRESS = 30;
let address = 0;
const nextAddress = () => `192.0.2.${++address}`;

describe('signing in with a password', () => {
	it('signs in with the right password and fails with a wrong one', async () => {
		const user = await createUser();
		expect(await attemptSignIn(user.email, 'wrong-password', nextAddress())).toEqual({ kind: 'failed' });
		const outcome = await attemptSignIn(` ${user.email.toUpperCase()} `, TEST_PASSWORD, nextAddress());
		expect(outcome.kind).toBe('signedIn');
		if (outcome.kind === 'signedIn') expect(outcome.user.id).toBe(user.id);
	});

	it('locks an account after its failures from any address, even for the right password', async () => {
		const user = await createUser();
		for (let i = 0; i < FAILURES_PER_ACCOUNT; i++) {
			expect((await attemptSignIn(user.email, 'wrong-password', nextAddress())).kind).toBe('failed');
		}
		const locked = await attemptSignIn(user.email.toUpperCase(), TEST_PASSWORD, nextAddress());
		expect(locked.kind).toBe('limited');
		if (locked.kind === 'limited') expect(locked.retryAfterSeconds).toBeGreaterThan(0);
		expect((await attemptSignIn((await createUser()).email, TEST_PASSWORD, nextAddress())).kind).toBe('signedIn');
	});

	it('forgets failures after a success, so only failures in a row count', async () => {
		const user = await createUser();
		for (let round = 0; round < 3; round++) {
			for (let i = 0; i < FAILURES_PER_ACCOUNT - 1; i++) await attemptSignIn(user.email, 'wrong-password', nextAddress());
			expect((await attemptSignIn(user.email, TEST_PASSWORD, nextAddress())).kind).toBe('signedIn');
		}
	});

	it('lets no more than the limit through when attempts arrive all at once', async () => {
		const user = await createUser();
		const outcomes = await Promise.all(
			Array.from({ length: FAILURES_PER_ACCOUNT + 6 }, () => attemptSignIn(user.email, 'wrong-password', nextAddress()))
		);
		expect(outcomes.filter((o) => o.kind === 'failed')).toHaveLength(FAILURES_PER_ACCOUNT);
		expect(outcomes.filter((o) => o.kind === 'limited')).toHaveLength(6);
	});

	it('limits attempts per client address, whatever the account', async () => {
		const from = nextAddress();
		for (let i = 0; i < ATTEMPTS_PER_ADDRESS; i++) await attemptSignIn(`nobody-${i}@example.org`, 'wrong-password', from);
		const user = await createUser();
		expect((await attemptSignIn(user.email, TEST_PASSWORD, from)).kind).toBe('limited');
		expect((await attemptSignIn(user.email, TEST_PASSWORD, nextAddress())).kind).toBe('signedIn');
	});
});
