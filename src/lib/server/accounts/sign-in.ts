// Password guesses are throttled as OWASP's Authentication Cheat Sheet suggests, by three counts
// of failures (limits in src/lib/server/limits/rate-limit.ts):
// - per (address, account): stops one address guessing one account, even with the right password,
//   so a guesser cannot tell when a guess was right;
// - per address, across accounts: stops one address spraying many accounts;
// - per account, from everywhere: a ceiling for guesses spread over many addresses, set far above
//   what one address can spend, so a guesser can never lock the owner out from elsewhere.
// Signing in and the current-password check in password change share these counts: both are
// guesses at the same password. Successes count against nothing.
import * as users from '$lib/server/accounts/users';
import * as limits from '$lib/server/limits/rate-limit';

export type Limited = { kind: 'limited'; retryAfterSeconds: number };

export type SignInOutcome = { kind: 'signedIn'; user: users.UserRecord } | Limited | { kind: 'failed' };

export type PasswordChangeOutcome = { kind: 'changed' } | Limited | { kind: 'failed' };

/** Where the address part of an IPv6 address ends: a subscriber is handed a whole /64. */
const IPV6_NETWORK_GROUPS = 4;
const IPV6_GROUPS = 8;

/** The address the limits count: an IPv4 address, or the /64 network of an IPv6 one. */
export function addressKey(address: string): string {
	const plain = address.trim().toLowerCase().replace(/%.*$/, '');
	if (!plain.includes(':')) return plain;
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
	if (mapped) return mapped[1];
	const [head, tail] = plain.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const zeros = tail === undefined ? [] : Array(Math.max(0, IPV6_GROUPS - left.length - right.length)).fill('0');
	const groups = [...left, ...zeros, ...right].slice(0, IPV6_NETWORK_GROUPS);
	return `${groups.map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

const accountKey = (email: string) => email.trim().toLowerCase();

/**
 * Runs `check` (null when the password was wrong) only while the limits allow. Points are counted
 * before the check, so attempts sent all at once cannot pass a limit together; the account's point
 * is taken only once the others allow the attempt, so refused attempts never reach its ceiling.
 */
async function throttled<T>(
	email: string,
	clientAddress: string,
	check: () => Promise<T | null>
): Promise<Limited | { kind: 'failed' } | { kind: 'passed'; value: T }> {
	const account = accountKey(email);
	const address = addressKey(clientAddress);
	const pair = `${address} ${account}`;
	const [byPair, byAddress] = await Promise.all([limits.consume('signInPair', pair), limits.consume('signInAddress', address)]);
	if (!byPair.allowed || !byAddress.allowed) {
		if (byPair.allowed) await limits.refund('signInPair', pair);
		if (byAddress.allowed) await limits.refund('signInAddress', address);
		return limited(byPair, byAddress);
	}
	const byAccount = await limits.consume('signInAccount', account);
	if (!byAccount.allowed) {
		await Promise.all([limits.refund('signInPair', pair), limits.refund('signInAddress', address)]);
		return limited(byAccount);
	}
	const value = await check();
	if (value === null) return { kind: 'failed' };
	// A success clears this pair's failures; the address's and the account's stay, so signing in to
	// one's own account cannot wipe out failures spent on others.
	await Promise.all([limits.reset('signInPair', pair), limits.refund('signInAddress', address), limits.refund('signInAccount', account)]);
	return { kind: 'passed', value };
}

function limited(...results: limits.LimitResult[]): Limited {
	const waits = results.map((result) => (result.allowed ? 0 : result.retryAfterSeconds));
	return { kind: 'limited', retryAfterSeconds: Math.max(...waits) };
}

export async function attemptSignIn(email: string, password: string, clientAddress: string): Promise<SignInOutcome> {
	const outcome = await throttled(email, clientAddress, () => users.authenticate(email, password));
	return outcome.kind === 'passed' ? { kind: 'signedIn', user: outcome.value } : outcome;
}

/** Changes the password (ending the user's other sessions) when the current one is right. */
export async function attemptPasswordChange(
	user: { id: number; email: string },
	currentPassword: string,
	newPassword: string,
	clientAddress: string,
	keepSessionId?: string
): Promise<PasswordChangeOutcome> {
	const outcome = await throttled(
		user.email,
		clientAddress,
		async () => (await users.changePassword(user.id, currentPassword, newPassword, keepSessionId)) || null
	);
	return outcome.kind === 'passed' ? { kind: 'changed' } : outcome;
}
