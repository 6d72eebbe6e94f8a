// Who takes part and what they did: accounts, sign-in sessions, rate limits and the audit log.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea, clearedRef, createdAt, ownerRef, stakeholderGroups } from './columns';

export const users = pgTable(
	'users',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		email: text('email').notNull(),
		passwordHash: text('password_hash').notNull(),
		displayName: text('display_name').notNull(),
		organisation: text('organisation').notNull().default(''),
		stakeholderGroup: text('stakeholder_group').notNull(),
		roles: text('roles').array().notNull().default([]),
		createdAt: createdAt(),
		passwordChangedAt: timestamp('password_changed_at', { withTimezone: true })
	},
	(table) => [
		uniqueIndex('users_email_key').on(sql`lower(${table.email})`),
		check('users_stakeholder_group_check', sql`${table.stakeholderGroup} in ${stakeholderGroups}`),
		check('users_roles_check', sql`${table.roles} <@ array['researcher', 'official', 'moderator', 'admin']::text[]`)
	]
);

export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		secretHash: bytea('secret_hash').notNull(),
		userId: ownerRef('user_id', () => users.id),
		createdAt: createdAt(),
		lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('sessions_user_id_idx').on(table.userId)]
);

export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	points: integer('points').notNull(),
	expire: timestamp('expire', { withTimezone: true })
});

export const auditLog = pgTable(
	'audit_log',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		actorId: clearedRef('actor_id', () => users.id),
		action: text('action').notNull(),
		targetType: text('target_type').notNull(),
		targetId: text('target_id').notNull(),
		detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
		createdAt: createdAt()
	},
	// nullsFirst() as in SQL's plain DESC: drizzle-kit writes DESC NULLS LAST without it, an order ORDER BY … DESC cannot use.
	(table) => [index('audit_log_created_at_idx').on(table.createdAt.desc().nullsFirst())]
);
