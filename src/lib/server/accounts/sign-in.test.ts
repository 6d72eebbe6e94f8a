import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '$tests/helpers/database';
import { createUser, TEST_PASSWORD } from '$tests/helpers/factories';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import { addressKey, attemptPasswordChange, attemptSignIn } from './sign-in';

useTestDatabase();

/** The defaults (RATE_LIMIT_SIGN_IN_FAILURES_PER_IP_AND_ACCOUNT, …_PER_ACCOUNT, …_PER_IP). */
const FAILURES_PER_PAIR = 8;
const PAIR_WINDOW_SECONDS = 15 * 60;
const FAILURES_PER_ACCOUNT = 100;
const FAILURES_PER_ADDRESS = 500;
let address = 0;
/** A fresh address (in 10.0.0.0/8) each call, never one another test used. */
const nextAddress = () => `10.${(++address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;

/** Runs the attempts a batch at a time: together enough to be quick, not so many the machine stalls. */
async function inBatches<T>(count: number, attempt: (i: number) => Promise<T>, size = 10): Promise<T[]> {
	const results: T[] = [];
	for (let start = 0; start < count; start += size) {
		results.push(...(await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, j) => attempt(start + j)))));
	}
	return results;
}

const kinds = (outcomes: { kind: string }[]) => outcomes.map((outcome) => outcome.kind);

describe('signing in with a password', () => {
	it('signs in with the right password and fails with a wrong one', async () => {
		const user = await createUser();
		expect(await attemptSignIn(user.email, 'wrong-password', nextAddress())).toEqual({ kind: 'failed' });
		const outcome = await attemptSignIn(` ${user.email.toUpperCase()} `, TEST_PASSWORD, nextAddress());
		expect(outcome.kind).toBe('signedIn');
		if (outcome.kind === 'signedIn') expect(outcome.user.id).toBe(user.id);
	});

	it('refuses guesses from one address after its failures, yet lets the owner in at once from another', async () => {
		const user = await createUser();
		const attacker = nextAddress();
		const guesses = [];
		for (let i = 0; i < 20; i++) guesses.push(await attemptSignIn(user.email, `guess-${i}`, attacker));
		expect(kinds(guesses)).toEqual([...Array(FAILURES_PER_PAIR).fill('failed'), ...Array(20 - FAILURES_PER_PAIR).fill('limited')]);
		const refused = guesses.at(-1)!;
		if (refused.kind === 'limited') {
			expect(refused.retryAfterSeconds).toBeGreaterThan(0);
			expect(refused.retryAfterSeconds).toBeLessThanOrEqual(PAIR_WINDOW_SECONDS);
		}
		// The right password from the guessing address is refused too, so a refusal never says a guess was right.
		expect((await attemptSignIn(user.email, TEST_PASSWORD, attacker)).kind).toBe('limited');
		expect((await attemptSignIn(user.email, TEST_PASSWORD, nextAddress())).kind).toBe('signedIn');
	});

	it('never lets one address reach the account ceiling, however long it keeps guessing', async () => {
		const user = await createUser();
		const attacker = nextAddress();
		const outcomes = await inBatches(FAILURES_PER_ACCOUNT + 50, (i) => attemptSignIn(user.email, `guess-${i}`, attacker), 25);
		expect(outcomes.filter((o) => o.kind === 'failed')).toHaveLength(FAILURES_PER_PAIR);
		expect((await attemptSignIn(user.email, TEST_PASSWORD, nextAddress())).kind).toBe('signedIn');
	});

	it('stops guesses spread over many addresses at the per-account ceiling', async () => {
		const user = await createUser();
		// The owner's own sign-ins first: they take nothing from the ceiling.
		const SUCCESSES = 10;
		for (let i = 0; i < SUCCESSES; i++) expect((await attemptSignIn(user.email, TEST_PASSWORD, nextAddress())).kind).toBe('signedIn');
		const outcomes = await inBatches(FAILURES_PER_ACCOUNT + 5, (i) => attemptSignIn(user.email, `guess-${i}`, nextAddress()));
		expect(outcomes.filter((o) => o.kind === 'failed')).toHaveLength(FAILURES_PER_ACCOUNT);
		expect((await attemptSignIn(user.email.toUpperCase(), TEST_PASSWORD, nextAddress())).kind).toBe('limited');
		expect((await attemptSignIn((await createUser()).email, TEST_PASSWORD, nextAddress())).kind, 'other accounts are not limited').toBe('signedIn');
	});

	it('forgets a pair’s failures after its success, so only failures in a row count', async () => {
		const user = await createUser();
		const from = nextAddress();
		for (let round = 0; round < 3; round++) {
			for (let i = 0; i < FAILURES_PER_PAIR - 1; i++) expect((await attemptSignIn(user.email, 'wrong-password', from)).kind).toBe('failed');
			expect((await attemptSignIn(user.email, TEST_PASSWORD, from)).kind).toBe('signedIn');
		}
	});

	it('lets no more than the limit through when attempts from one address arrive all at once', async () => {
		const user = await createUser();
		const from = nextAddress();
		const outcomes = await Promise.all(Array.from({ length: FAILURES_PER_PAIR + 6 }, () => attemptSignIn(user.email, 'wrong-password', from)));
		expect(outcomes.filter((o) => o.kind === 'failed')).toHaveLength(FAILURES_PER_PAIR);
		expect(outcomes.filter((o) => o.kind === 'limited')).toHaveLength(6);
	});

	it('counts an IPv6 network (/64) as one address', async () => {
		expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:0DB8:0001:0002::9')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
		expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
		expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
		const user = await createUser();
		for (let i = 0; i < FAILURES_PER_PAIR; i++) await attemptSignIn(user.email, 'wrong-password', `2001:db8:77:1::${i + 1}`);
		expect((await attemptSignIn(user.email, 'wrong-password', '2001:db8:77:1:ffff::9')).kind).toBe('limited');
		expect((await attemptSignIn(user.email, TEST_PASSWORD, '2001:db8:77:2::1')).kind).toBe('signedIn');
	});
});

describe('one public address shared by a room', () => {
	it('never counts successes: 40 correct sign-ins from one address, to one account and to many', async () => {
		const room = nextAddress();
		const one = await createUser();
		for (let i = 0; i < 40; i++) expect((await attemptSignIn(one.email, TEST_PASSWORD, room)).kind).toBe('signedIn');
		const many = await inBatches(40, () => createUser());
		expect(kinds(await inBatches(40, (i) => attemptSignIn(many[i].email, TEST_PASSWORD, room)))).toEqual(Array(40).fill('signedIn'));
	});

	it('lets 100 people on one address in, each after a few typos; stops spraying from it at its limit', async () => {
		const room = nextAddress();
		const people = await inBatches(100, () => createUser());
		const TYPOS = 3;
		const typos = await inBatches(100 * TYPOS, (i) => attemptSignIn(people[i % 100].email, `typo-${i}`, room));
		expect(typos.every((o) => o.kind === 'failed')).toBe(true);
		const signedIn = await inBatches(100, (i) => attemptSignIn(people[i].email, TEST_PASSWORD, room));
		expect(kinds(signedIn)).toEqual(Array(100).fill('signedIn'));

		// Spraying many accounts from the same address, with a sign-in to one's own account between:
		// the success does not wipe the address's failures.
		const sprayed = FAILURES_PER_ADDRESS - 100 * TYPOS - 1;
		const spray = await inBatches(sprayed, (i) => attemptSignIn(`nobody-${i}@example.org`, 'password123', room));
		expect(spray.every((o) => o.kind === 'failed')).toBe(true);
		expect((await attemptSignIn(people[0].email, TEST_PASSWORD, room)).kind).toBe('signedIn');
		expect((await attemptSignIn('nobody-last@example.org', 'password123', room)).kind).toBe('failed');
		expect((await attemptSignIn('nobody-more@example.org', 'password123', room)).kind).toBe('limited');
		expect((await attemptSignIn(people[1].email, TEST_PASSWORD, room)).kind, 'the address is refused for every account').toBe('limited');
		expect((await attemptSignIn(people[1].email, TEST_PASSWORD, nextAddress())).kind, 'other addresses are not').toBe('signedIn');
	}, 120_000);
});

describe('the current-password check in password change', () => {
	it('is throttled like a sign-in, sharing its counts, and a change ends the other sessions', async () => {
		const user = await createUser();
		const here = await createSession(user.id);
		const elsewhere = await createSession(user.id);
		const borrowed = nextAddress();
		for (let i = 0; i < FAILURES_PER_PAIR / 2; i++) expect((await attemptSignIn(user.email, `guess-${i}`, borrowed)).kind).toBe('failed');
		const guesses = [];
		for (let i = 0; i < 10; i++) guesses.push(await attemptPasswordChange(user, `guess-${i}`, 'new-password-99', borrowed, here.session.id));
		expect(kinds(guesses)).toEqual([...Array(FAILURES_PER_PAIR / 2).fill('failed'), ...Array(10 - FAILURES_PER_PAIR / 2).fill('limited')]);
		const limited = guesses.at(-1)!;
		if (limited.kind === 'limited') expect(limited.retryAfterSeconds).toBeGreaterThan(0);
		expect((await attemptPasswordChange(user, TEST_PASSWORD, 'new-password-99', borrowed, here.session.id)).kind).toBe('limited');
		expect((await attemptSignIn(user.email, TEST_PASSWORD, borrowed)).kind).toBe('limited');
		expect((await attemptSignIn(user.email, 'new-password-99', nextAddress())).kind, 'nothing was changed').toBe('failed');

		expect((await attemptPasswordChange(user, TEST_PASSWORD, 'new-password-99', nextAddress(), here.session.id)).kind).toBe('changed');
		expect((await validateSessionToken(here.token)).session).not.toBeNull();
		expect((await validateSessionToken(elsewhere.token)).session).toBeNull();
		expect((await attemptSignIn(user.email, 'new-password-99', nextAddress())).kind).toBe('signedIn');
	});

	it('stops guesses at the account ceiling when the session is used from many addresses', async () => {
		const user = await createUser();
		const outcomes = await inBatches(FAILURES_PER_ACCOUNT + 3, (i) => attemptPasswordChange(user, `guess-${i}`, 'new-password-99', nextAddress()));
		expect(outcomes.filter((o) => o.kind === 'failed')).toHaveLength(FAILURES_PER_ACCOUNT);
		expect((await attemptPasswordChange(user, TEST_PASSWORD, 'new-password-99', nextAddress())).kind).toBe('limited');
	});
});
