// The plans under consultation, their numbered versions and the sections of each version.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { clearedRef, createdAt, ownerRef } from './columns';
import { users } from './accounts';

export const plans = pgTable(
	'plans',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		slug: text('slug').notNull().unique('plans_slug_key'),
		title: text('title').notNull(),
		summary: text('summary').notNull().default(''),
		organisation: text('organisation').notNull().default(''),
		createdBy: clearedRef('created_by', () => users.id),
		createdAt: createdAt()
	},
	(table) => [check('plans_slug_check', sql`${table.slug} ~ '^[a-z0-9][a-z0-9-]{1,79}$'`)]
);

export const planVersions = pgTable(
	'plan_versions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		planId: ownerRef('plan_id', () => plans.id),
		number: integer('number').notNull(),
		title: text('title').notNull(),
		changeSummary: text('change_summary').notNull().default(''),
		status: text('status').$type<'draft' | 'published' | 'superseded'>().notNull().default('draft'),
		createdBy: clearedRef('created_by', () => users.id),
		createdAt: createdAt(),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		publishedBy: clearedRef('published_by', () => users.id),
		commentsOpenAt: timestamp('comments_open_at', { withTimezone: true }),
		commentsCloseAt: timestamp('comments_close_at', { withTimezone: true })
	},
	(table) => [
		unique('plan_versions_number_key').on(table.planId, table.number),
		check('plan_versions_status_check', sql`${table.status} in ('draft', 'published', 'superseded')`),
		check('plan_versions_published_check', sql`${table.status} = 'draft' or ${table.publishedAt} is not null`),
		check(
			'plan_versions_period_check',
			sql`${table.commentsOpenAt} is null or ${table.commentsCloseAt} is null or ${table.commentsOpenAt} < ${table.commentsCloseAt}`
		),
		uniqueIndex('plan_versions_one_current')
			.on(table.planId)
			.where(sql`${table.status} = 'published'`),
		uniqueIndex('plan_versions_one_draft')
			.on(table.planId)
			.where(sql`${table.status} = 'draft'`)
	]
);

export const planSections = pgTable(
	'plan_sections',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		versionId: ownerRef('version_id', () => planVersions.id),
		key: text('key').notNull(),
		heading: text('heading').notNull(),
		body: text('body').notNull().default(''),
		position: integer('position').notNull(),
		parentKey: text('parent_key')
	},
	(table) => [
		unique('plan_sections_key_key').on(table.versionId, table.key),
		check('plan_sections_key_check', sql`${table.key} ~ '^[a-z0-9][a-z0-9-]{0,79}$'`),
		index('plan_sections_body_trgm').using('gin', table.body.op('gin_trgm_ops'))
	]
);
