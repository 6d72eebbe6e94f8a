// Coding comments by theme: themes, tags, reviews, suggestion decisions, syntheses and the dashboard revision.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { bigOwnerRef, clearedRef, createdAt, ownerRef } from './columns';
import { users } from './accounts';
import { plans } from './plan-text';
import { comments } from './commentary';

export const themes = pgTable(
	'themes',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		slug: text('slug').notNull().unique('themes_slug_key'),
		labelKo: text('label_ko').notNull(),
		labelEn: text('label_en').notNull(),
		description: text('description').notNull().default(''),
		color: text('color').notNull().default('#64748b'),
		keywords: text('keywords').array().notNull().default([]),
		position: integer('position').notNull().default(0),
		archivedAt: timestamp('archived_at', { withTimezone: true }),
		mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => themes.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [
		check('themes_slug_check', sql`${table.slug} ~ '^[a-z0-9][a-z0-9-]{0,59}$'`),
		check('themes_color_check', sql`${table.color} ~ '^#[0-9a-f]{6}$'`)
	]
);

export const commentTags = pgTable(
	'comment_tags',
	{
		commentId: bigOwnerRef('comment_id', () => comments.id),
		themeId: ownerRef('theme_id', () => themes.id),
		taggedBy: ownerRef('tagged_by', () => users.id),
		taggedAt: timestamp('tagged_at', { withTimezone: true }).notNull().defaultNow(),
		source: text('source').$type<'manual' | 'suggestion'>().notNull().default('manual')
	},
	(table) => [
		primaryKey({ name: 'comment_tags_pkey', columns: [table.commentId, table.themeId, table.taggedBy] }),
		check('comment_tags_source_check', sql`${table.source} in ('manual', 'suggestion')`),
		index('comment_tags_theme_idx').on(table.themeId, table.commentId),
		index('comment_tags_user_idx').on(table.taggedBy)
	]
);

export const codingReviews = pgTable(
	'coding_reviews',
	{
		commentId: bigOwnerRef('comment_id', () => comments.id),
		reviewedBy: ownerRef('reviewed_by', () => users.id),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ name: 'coding_reviews_pkey', columns: [table.commentId, table.reviewedBy] })]
);

export const suggestionDecisions = pgTable(
	'suggestion_decisions',
	{
		commentId: bigOwnerRef('comment_id', () => comments.id),
		themeId: ownerRef('theme_id', () => themes.id),
		decision: text('decision').$type<'accepted' | 'rejected'>().notNull(),
		decidedBy: clearedRef('decided_by', () => users.id),
		decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		primaryKey({ name: 'suggestion_decisions_pkey', columns: [table.commentId, table.themeId] }),
		check('suggestion_decisions_decision_check', sql`${table.decision} in ('accepted', 'rejected')`)
	]
);

export const themeSyntheses = pgTable(
	'theme_syntheses',
	{
		planId: ownerRef('plan_id', () => plans.id),
		themeId: ownerRef('theme_id', () => themes.id),
		body: text('body').notNull().default(''),
		updatedBy: clearedRef('updated_by', () => users.id),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ name: 'theme_syntheses_pkey', columns: [table.planId, table.themeId] })]
);

export const synthesisQuotes = pgTable(
	'synthesis_quotes',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		planId: ownerRef('plan_id', () => plans.id),
		themeId: ownerRef('theme_id', () => themes.id),
		commentId: bigOwnerRef('comment_id', () => comments.id),
		excerpt: text('excerpt').notNull(),
		position: integer('position').notNull().default(0),
		createdBy: clearedRef('created_by', () => users.id),
		createdAt: createdAt()
	},
	(table) => [index('synthesis_quotes_theme_idx').on(table.planId, table.themeId, table.position)]
);

/**
 * One row, raised by triggers (migrations/0006, 0008) in the transaction of any change the theme
 * dashboard counts; the app only reads it.
 */
export const analysisRevision = pgTable(
	'analysis_revision',
	{
		id: boolean('id').primaryKey().default(true),
		revision: bigint('revision', { mode: 'number' }).notNull().default(0)
	},
	(table) => [check('analysis_revision_single', sql`${table.id}`)]
);
