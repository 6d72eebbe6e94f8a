// Rate limits on password guesses (per address and account, per address, per account: sign-in and
// the current-password check on /me), registration, comments and flags:
// each refuses with a clear message once its limit is used up (and the JSON API says when to retry).
// An instance of its own with low limits, behind a pretend proxy that names the client address.
import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD } from './helpers/accounts';
import { ownApp, type OwnApp } from './helpers/instance';
import { sessionCookie } from './helpers/server';

test.describe.configure({ mode: 'serial' });

const SLUG = 'gwangmyeong-social-economy';
const SECTION = `/plans/${SLUG}/sections/support-centre`;
const LIMIT = { failuresPerPair: 3, failuresPerAddress: 4, failuresPerAccount: 6, registrations: 2, comments: 3, flags: 2 };
const TOO_MANY_KO = /시도가 너무 많습니다\. (\d+)분 뒤에 다시 시도해 주세요\./;
const TOO_MANY_EN = /Too many attempts\. Please try again in (\d+) minutes\./;

let own: OwnApp;
let base = '';
let address = 0;
/** A client address of its own (TEST-NET-3), as the proxy would name it. */
const nextAddress = () => `203.0.113.${++address}`;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	own = await ownApp('limits', {
		RATE_LIMIT_SIGN_IN_FAILURES_PER_IP_AND_ACCOUNT: String(LIMIT.failuresPerPair),
		RATE_LIMIT_SIGN_IN_FAILURES_PER_IP: String(LIMIT.failuresPerAddress),
		RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT: String(LIMIT.failuresPerAccount),
		RATE_LIMIT_REGISTRATIONS_PER_IP: String(LIMIT.registrations),
		RATE_LIMIT_COMMENTS_PER_USER: String(LIMIT.comments),
		RATE_LIMIT_FLAGS_PER_USER: String(LIMIT.flags),
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1'
	});
	base = own.app.url;
});

test.afterAll(async () => {
	await own?.close();
});

function post(path: string, fields: Record<string, string>, headers: Record<string, string>): Promise<Response> {
	return fetch(`${base}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, accept: 'text/html', ...headers },
		body: new URLSearchParams(fields)
	});
}

const signIn = (email: string, password: string, from: string, language = 'ko') =>
	post('/login?/signIn', { email, password, redirectTo: '/' }, { 'x-forwarded-for': from, 'accept-language': language });

async function expectRefused(response: Response, pattern = TOO_MANY_KO): Promise<void> {
	expect(response.status).toBe(429);
	const minutes = Number(pattern.exec(await response.text())?.[1]);
	expect(minutes, 'the message says how long to wait').toBeGreaterThanOrEqual(1);
}

test('sign-in: successes never count; failures per client address, across accounts, then refused with a message', async () => {
	const from = nextAddress();
	for (let i = 0; i < LIMIT.failuresPerAddress + 3; i++) {
		expect((await signIn(DEMO.participant, DEMO_PASSWORD, from)).status, `sign-in ${i + 1}`).toBe(303);
	}
	for (let i = 0; i < LIMIT.failuresPerAddress; i++) {
		expect((await signIn(`nobody-${i}@example.org`, 'wrong-password', from)).status).toBe(400);
	}
	await expectRefused(await signIn(DEMO.participant, DEMO_PASSWORD, from));
	await expectRefused(await signIn(DEMO.participant, DEMO_PASSWORD, from, 'en'), TOO_MANY_EN);
	// An address put in front by the client is not trusted: the proxy's own entry (XFF_DEPTH=1) counts.
	await expectRefused(await signIn(DEMO.participant, DEMO_PASSWORD, `198.51.100.9, ${from}`));
	expect((await signIn(DEMO.participant, DEMO_PASSWORD, nextAddress())).status, 'another address is not limited').toBe(303);
});

test('sign-in: guesses at one account from one address are refused there, the owner signs in elsewhere at once', async () => {
	const attacker = nextAddress();
	for (let i = 0; i < LIMIT.failuresPerPair; i++) {
		expect((await signIn(DEMO.researcher, `guess-${i}`, attacker)).status).toBe(400);
	}
	await expectRefused(await signIn(DEMO.researcher, 'guess-more', attacker));
	// Refused even with the right password, so a refusal never tells the guesser a guess was right.
	await expectRefused(await signIn(DEMO.researcher, DEMO_PASSWORD, attacker));
	// The section page's "sign in again" form keeps the same limits.
	await expectRefused(
		await post(
			`${SECTION}?/signInToComment`,
			{ email: DEMO.researcher, password: DEMO_PASSWORD, 'draft.body': '초안' },
			{ 'x-forwarded-for': attacker }
		)
	);
	expect((await signIn(DEMO.researcher, DEMO_PASSWORD, nextAddress())).status, 'the owner elsewhere').toBe(303);
});

test('sign-in: guesses spread over many addresses, sent all at once, stop at the account ceiling', async () => {
	const attempts = await Promise.all(
		Array.from({ length: LIMIT.failuresPerAccount + 6 }, (_, i) => signIn(DEMO.moderator, `guess-${i}`, nextAddress()))
	);
	const statuses = attempts.map((response) => response.status).sort();
	expect(statuses.filter((s) => s === 400).length, statuses.join(' ')).toBe(LIMIT.failuresPerAccount);
	expect(statuses.filter((s) => s !== 400 && s !== 429)).toEqual([]);
	await expectRefused(await signIn(DEMO.moderator, DEMO_PASSWORD, nextAddress()));
	await expectRefused(
		await post(
			`${SECTION}?/signInToComment`,
			{ email: DEMO.moderator, password: DEMO_PASSWORD, 'draft.body': '초안' },
			{ 'x-forwarded-for': nextAddress() }
		)
	);
	expect((await signIn(DEMO.official, DEMO_PASSWORD, nextAddress())).status, 'other accounts are not limited').toBe(303);
});

test('password change: guesses at the current password are refused like sign-in guesses', async () => {
	const from = nextAddress();
	const cookie = sessionCookie(await signIn(DEMO.participant, DEMO_PASSWORD, from));
	const change = (currentPassword: string, language = 'ko') =>
		post(
			'/me?/changePassword',
			{ currentPassword, newPassword: 'limit-password-2', confirmPassword: 'limit-password-2' },
			{ cookie, 'x-forwarded-for': from, 'accept-language': language }
		);
	for (let i = 0; i < LIMIT.failuresPerPair; i++) {
		const wrong = await change(`guess-${i}`);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('현재 비밀번호가 맞지 않습니다.');
	}
	await expectRefused(await change('guess-more'));
	await expectRefused(await change(DEMO_PASSWORD, 'en'), TOO_MANY_EN);
	await expectRefused(await signIn(DEMO.participant, DEMO_PASSWORD, from));
	expect((await signIn(DEMO.participant, 'limit-password-2', nextAddress())).status, 'nothing was changed').toBe(400);
});

test('registration: per client address, then refused with a message', async () => {
	const from = nextAddress();
	const register = (i: number, at: string) =>
		post(
			'/register?/register',
			{
				email: `limit-${Date.now().toString(36)}-${i}@example.org`,
				displayName: `가입 ${i}`,
				organisation: '',
				stakeholderGroup: 'citizen',
				password: 'limit-password-1',
				confirmPassword: 'limit-password-1'
			},
			{ 'x-forwarded-for': at }
		);
	for (let i = 0; i < LIMIT.registrations; i++) expect((await register(i, from)).status).toBe(303);
	await expectRefused(await register(LIMIT.registrations, from));
	expect((await register(99, nextAddress())).status).toBe(303);
});

test('comments: per person, on the form and the JSON API (with Retry-After)', async () => {
	const cookie = sessionCookie(await signIn(DEMO.participant, DEMO_PASSWORD, nextAddress()));
	const comment = (i: number) =>
		post(SECTION + '?/createComment', { kind: 'support', body: `속도 제한 ${i}`, idempotencyKey: `limit-comment-${Date.now()}-${i}` }, { cookie });
	for (let i = 0; i < LIMIT.comments; i++) expect((await comment(i)).status).toBe(303);
	await expectRefused(await comment(LIMIT.comments));

	const api = await fetch(`${base}/api/v1/plans/${SLUG}/comments`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: base, cookie, 'accept-language': 'en' },
		body: JSON.stringify({ section_key: 'support-centre', kind: 'support', body: '속도 제한 API', idempotency_key: `limit-api-${Date.now()}` })
	});
	expect(api.status).toBe(429);
	const retryAfter = Number(api.headers.get('retry-after'));
	expect(retryAfter).toBeGreaterThan(0);
	expect(retryAfter).toBeLessThanOrEqual(60);
	const body = await api.json();
	expect(body.code).toBe('rate_limited');
	expect(body.message).toMatch(TOO_MANY_EN);

	const other = sessionCookie(await signIn(DEMO.official, DEMO_PASSWORD, nextAddress()));
	expect(
		(await post(SECTION + '?/createComment', { kind: 'support', body: '다른 사람', idempotencyKey: `limit-other-${Date.now()}` }, { cookie: other }))
			.status
	).toBe(303);
});

test('flags: per person, then refused with a message', async () => {
	const cookie = sessionCookie(await signIn(DEMO.admin, DEMO_PASSWORD, nextAddress()));
	const flag = (commentId: number) => post(SECTION + '?/flagComment', { commentId: String(commentId), reason: '광고입니다' }, { cookie });
	for (let id = 1; id <= LIMIT.flags; id++) expect((await flag(id)).status).toBe(200);
	await expectRefused(await flag(LIMIT.flags + 1));
});
