// What came of the comments: responses, their history, and the revised sections that cite them.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { planVersions } from './plan-text';
import { comments } from './commentary';

export type Disposition = 'accepted' | 'partly_accepted' | 'under_review' | 'not_accepted' | 'out_of_scope';

export const commentResponses = pgTable(
	'comment_responses',
	{
		commentId: bigint('comment_id', { mode: 'number' })
			.primaryKey()
			.references(() => comments.id, { onDelete: 'cascade' }),
		disposition: text('disposition').$type<Disposition>().notNull(),
		body: text('body').notNull(),
		respondedBy: integer('responded_by').references(() => users.id, { onDelete: 'set null' }),
		respondedAt: timestamp('responded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		check(
			'comment_responses_disposition_check',
			sql`${table.disposition} in ('accepted', 'partly_accepted', 'under_review', 'not_accepted', 'out_of_scope')`
		),
		index('comment_responses_disposition_idx').on(table.disposition)
	]
);

export const commentResponseHistory = pgTable(
	'comment_response_history',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		commentId: bigint('comment_id', { mode: 'number' })
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		disposition: text('disposition').$type<Disposition>().notNull(),
		body: text('body').notNull(),
		respondedBy: integer('responded_by').references(() => users.id, { onDelete: 'set null' }),
		respondedAt: timestamp('responded_at', { withTimezone: true }).notNull()
	},
	(table) => [index('comment_response_history_comment_idx').on(table.commentId, table.id)]
);

export const revisionLinks = pgTable(
	'revision_links',
	{
		versionId: integer('version_id')
			.notNull()
			.references(() => planVersions.id, { onDelete: 'cascade' }),
		sectionKey: text('section_key').notNull(),
		commentId: bigint('comment_id', { mode: 'number' })
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		linkedBy: integer('linked_by').references(() => users.id, { onDelete: 'set null' }),
		linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		primaryKey({ name: 'revision_links_pkey', columns: [table.versionId, table.sectionKey, table.commentId] }),
		index('revision_links_comment_idx').on(table.commentId)
	]
);
