import { asc, eq, ilike, or, sql } from 'drizzle-orm';
import { db, isUniqueViolation } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { escapeLike } from '$lib/server/db/like';
import { decoyPasswordHash, hashPassword, verifyPassword } from '$lib/server/auth/password';
import { invalidateUserSessions, type SessionUser } from '$lib/server/auth/session';
import * as audit from '$lib/server/accounts/audit';
import type { Role, StakeholderGroup } from '$lib/roles';
import { nameCollator } from '$lib/format';

export interface NewUser {
	email: string;
	password: string;
	displayName: string;
	organisation: string;
	stakeholderGroup: StakeholderGroup;
	roles?: Role[];
}

export class EmailTakenError extends Error {
	constructor() {
		super('email_taken');
	}
}

const publicColumns = {
	id: users.id,
	email: users.email,
	displayName: users.displayName,
	organisation: users.organisation,
	stakeholderGroup: users.stakeholderGroup,
	roles: users.roles,
	createdAt: users.createdAt
};

/** A user as their session knows them, with when they registered. */
export type UserRecord = SessionUser & { createdAt: Date };

export async function create(input: NewUser): Promise<UserRecord> {
	const passwordHash = await hashPassword(input.password);
	try {
		const [user] = await db
			.insert(users)
			.values({
				email: input.email.trim(),
				passwordHash,
				displayName: input.displayName.trim(),
				organisation: input.organisation.trim(),
				stakeholderGroup: input.stakeholderGroup,
				roles: input.roles ?? []
			})
			.returning(publicColumns);
		return user as UserRecord;
	} catch (error) {
		if (isUniqueViolation(error)) throw new EmailTakenError();
		throw error;
	}
}

export async function findById(id: number): Promise<UserRecord | undefined> {
	const [user] = await db.select(publicColumns).from(users).where(eq(users.id, id));
	return user as UserRecord | undefined;
}

export async function findByEmail(email: string): Promise<UserRecord | undefined> {
	const [user] = await db
		.select(publicColumns)
		.from(users)
		.where(sql`lower(${users.email}) = lower(${email.trim()})`);
	return user as UserRecord | undefined;
}

/**
 * The user whose email and password match, or null. An unknown email costs one password
 * verification too, so timing does not tell whether an account exists.
 */
export async function authenticate(email: string, password: string): Promise<UserRecord | null> {
	const [row] = await db
		.select({ ...publicColumns, passwordHash: users.passwordHash })
		.from(users)
		.where(sql`lower(${users.email}) = lower(${email.trim()})`);
	if (!row) {
		await verifyPassword(await decoyPasswordHash(), password);
		return null;
	}
	const { passwordHash, ...user } = row;
	return (await verifyPassword(passwordHash, password)) ? (user as UserRecord) : null;
}

export async function updateProfile(
	id: number,
	profile: { displayName: string; organisation: string; stakeholderGroup: StakeholderGroup }
): Promise<void> {
	await db
		.update(users)
		.set({
			displayName: profile.displayName.trim(),
			organisation: profile.organisation.trim(),
			stakeholderGroup: profile.stakeholderGroup
		})
		.where(eq(users.id, id));
}

/**
 * Changes the password when the current one is right, and ends every other session of the user.
 * Returns false (and changes nothing) when the current password is wrong.
 */
export async function changePassword(id: number, currentPassword: string, newPassword: string, keepSessionId?: string): Promise<boolean> {
	const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id));
	if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) return false;
	await setPassword(id, newPassword);
	await invalidateUserSessions(id, keepSessionId);
	return true;
}

export async function setPassword(id: number, newPassword: string): Promise<void> {
	await db
		.update(users)
		.set({ passwordHash: await hashPassword(newPassword), passwordChangedAt: new Date() })
		.where(eq(users.id, id));
}

export async function list(search = ''): Promise<UserRecord[]> {
	const term = search.trim();
	const query = db.select(publicColumns).from(users);
	const filtered = term
		? query.where(
				or(
					ilike(users.displayName, `%${escapeLike(term)}%`),
					ilike(users.email, `%${escapeLike(term)}%`),
					ilike(users.organisation, `%${escapeLike(term)}%`)
				)
			)
		: query;
	const found = (await filtered.orderBy(asc(users.displayName), asc(users.id)).limit(500)) as UserRecord[];
	// The database's collation may be bytewise (C): 가나다 order, then Latin letters in any case.
	return found.sort((a, b) => nameCollator.compare(a.displayName, b.displayName) || a.id - b.id);
}

/** Grants or revokes roles; admins cannot remove their own admin role (someone must remain). */
export async function setRoles(actorId: number, userId: number, roles: Role[]): Promise<void> {
	const unique = [...new Set(roles)].sort();
	await db.transaction(async (tx) => {
		const [before] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, userId)).for('update');
		if (!before) return;
		await tx.update(users).set({ roles: unique }).where(eq(users.id, userId));
		await audit.record(
			{
				actorId,
				action: 'user.roles',
				targetType: 'user',
				targetId: userId,
				detail: { before: before.roles, after: unique }
			},
			tx
		);
	});
}
