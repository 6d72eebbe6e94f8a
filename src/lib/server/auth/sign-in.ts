// Signing in with a password, behind its two limits: attempts per client address, and failures
// per account (which also stops one account being guessed from many addresses).
import * as users from '$lib/server/users';
import * as limits from '$lib/server/rate-limit';

export type SignInOutcome =
	| { kind: 'signedIn'; user: users.UserRecord }
	| { kind: 'limited'; retryAfterSeconds: number }
	| { kind: 'failed' };

export async function attemptSignIn(email: string, password: string, clientAddress: string): Promise<SignInOutcome> {
	const byAddress = await limits.consume('signInIp', clientAddress);
	if (!byAddress.allowed) return { kind: 'limited', retryAfterSeconds: byAddress.retryAfterSeconds };
	// Counted before the password is checked, so attempts sent all at once cannot pass the limit
	// together; a success clears the count, so what it counts is failures.
	const accountKey = email.trim().toLowerCase();
	const byAccount = await limits.consume('signInAccount', accountKey);
	if (!byAccount.allowed) return { kind: 'limited', retryAfterSeconds: byAccount.retryAfterSeconds };
	const user = await users.authenticate(email, password);
	if (!user) return { kind: 'failed' };
	await limits.reset('signInAccount', accountKey);
	return { kind: 'signedIn', user };
}
