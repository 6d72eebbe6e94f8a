import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '$tests/helpers/database';
import { createUser, TEST_PASSWORD } from '$tests/helpers/factories';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import * as audit from '$lib/server/accounts/audit';
import * as users from './users';

useTestDatabase();

describe('accounts', () => {
	it('refuses a second account for the same email, whatever its case', async () => {
		const user = await createUser();
		await expect(
			users.create({
				email: user.email.toUpperCase(),
				password: TEST_PASSWORD,
				displayName: '다른 사람',
				organisation: '',
				stakeholderGroup: 'citizen'
			})
		).rejects.toBeInstanceOf(users.EmailTakenError);
	});

	it('signs in with the right password only, and tells nothing about unknown emails', async () => {
		const user = await createUser();
		expect((await users.authenticate(user.email, TEST_PASSWORD))?.id).toBe(user.id);
		expect(await users.authenticate(` ${user.email.toUpperCase()} `, TEST_PASSWORD)).not.toBeNull();
		expect(await users.authenticate(user.email, 'wrong-password')).toBeNull();
		expect(await users.authenticate('nobody@example.org', TEST_PASSWORD)).toBeNull();
	});

	it('changing the password ends every other session and keeps the current one', async () => {
		const user = await createUser();
		const current = await createSession(user.id);
		const other = await createSession(user.id);
		expect(await users.changePassword(user.id, 'not-the-password', 'new-password-99', current.session.id)).toBe(false);
		expect((await validateSessionToken(other.token)).session).not.toBeNull();

		expect(await users.changePassword(user.id, TEST_PASSWORD, 'new-password-99', current.session.id)).toBe(true);
		expect((await validateSessionToken(other.token)).session).toBeNull();
		expect((await validateSessionToken(current.token)).session).not.toBeNull();
		expect(await users.authenticate(user.email, 'new-password-99')).not.toBeNull();
		expect(await users.authenticate(user.email, TEST_PASSWORD)).toBeNull();
	});

	it('records role changes in the audit log', async () => {
		const admin = await createUser({ roles: ['admin'] });
		const user = await createUser();
		await users.setRoles(admin.id, user.id, ['researcher', 'official', 'researcher']);
		expect((await users.findById(user.id))?.roles).toEqual(['official', 'researcher']);
		const [entry] = await audit.recent(1);
		expect(entry).toMatchObject({ action: 'user.roles', targetId: String(user.id) });
		expect(entry.detail).toEqual({ before: [], after: ['official', 'researcher'] });
	});

	it('lists users in Korean order and finds them by a Hangul fragment', async () => {
		await createUser({ displayName: '하민수' });
		await createUser({ displayName: '가나다' });
		await createUser({ displayName: '나은희', organisation: '광명YMCA' });
		const names = (await users.list()).map((u) => u.displayName).filter((n) => ['하민수', '가나다', '나은희'].includes(n));
		expect(names).toEqual(['가나다', '나은희', '하민수']);
		expect((await users.list('YMCA')).map((u) => u.displayName)).toContain('나은희');
		expect((await users.list('은희')).map((u) => u.displayName)).toEqual(['나은희']);
		expect(await users.list('100%_')).toEqual([]);
	});
});
