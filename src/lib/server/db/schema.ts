// Mirrors the SQL in migrations/: the migrations are the source of truth, this file types the queries.
import {
	bigint,
	customType,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | Buffer }>({
	dataType: () => 'bytea',
	fromDriver: (value) => new Uint8Array(value)
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	email: text('email').notNull(),
	passwordHash: text('password_hash').notNull(),
	displayName: text('display_name').notNull(),
	organisation: text('organisation').notNull().default(''),
	stakeholderGroup: text('stakeholder_group').notNull(),
	roles: text('roles').array().notNull().default([]),
	createdAt: createdAt(),
	passwordChangedAt: timestamp('password_changed_at', { withTimezone: true })
});

export const sessions = pgTable('sessions', {
	id: text('id').primaryKey(),
	secretHash: bytea('secret_hash').notNull(),
	userId: integer('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	createdAt: createdAt(),
	lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }).notNull().defaultNow()
});

export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	points: integer('points').notNull(),
	expire: timestamp('expire', { withTimezone: true })
});

export const auditLog = pgTable('audit_log', {
	id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
	actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
	action: text('action').notNull(),
	targetType: text('target_type').notNull(),
	targetId: text('target_id').notNull(),
	detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
	createdAt: createdAt()
});

export const plans = pgTable('plans', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	slug: text('slug').notNull().unique(),
	title: text('title').notNull(),
	summary: text('summary').notNull().default(''),
	organisation: text('organisation').notNull().default(''),
	createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: createdAt()
});

export const planVersions = pgTable('plan_versions', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	planId: integer('plan_id')
		.notNull()
		.references(() => plans.id, { onDelete: 'cascade' }),
	number: integer('number').notNull(),
	title: text('title').notNull(),
	changeSummary: text('change_summary').notNull().default(''),
	status: text('status').$type<'draft' | 'published' | 'superseded'>().notNull().default('draft'),
	createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: createdAt(),
	publishedAt: timestamp('published_at', { withTimezone: true }),
	publishedBy: integer('published_by').references(() => users.id, { onDelete: 'set null' }),
	commentsOpenAt: timestamp('comments_open_at', { withTimezone: true }),
	commentsCloseAt: timestamp('comments_close_at', { withTimezone: true })
});

export const planSections = pgTable('plan_sections', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	versionId: integer('version_id')
		.notNull()
		.references(() => planVersions.id, { onDelete: 'cascade' }),
	key: text('key').notNull(),
	heading: text('heading').notNull(),
	body: text('body').notNull().default(''),
	position: integer('position').notNull(),
	parentKey: text('parent_key')
});

export const themes = pgTable('themes', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	slug: text('slug').notNull().unique(),
	labelKo: text('label_ko').notNull(),
	labelEn: text('label_en').notNull(),
	description: text('description').notNull().default(''),
	color: text('color').notNull().default('#64748b'),
	keywords: text('keywords').array().notNull().default([]),
	position: integer('position').notNull().default(0),
	archivedAt: timestamp('archived_at', { withTimezone: true }),
	mergedIntoId: integer('merged_into_id'),
	createdAt: createdAt()
});
