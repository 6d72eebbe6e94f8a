// What came of the comments: responses, their history, and the revised sections that cite them.
import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { bigOwnerRef, clearedRef, ownerRef } from './columns';
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
		respondedBy: clearedRef('responded_by', () => users.id),
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
		commentId: bigOwnerRef('comment_id', () => comments.id),
		disposition: text('disposition').$type<Disposition>().notNull(),
		body: text('body').notNull(),
		respondedBy: clearedRef('responded_by', () => users.id),
		respondedAt: timestamp('responded_at', { withTimezone: true }).notNull()
	},
	(table) => [index('comment_response_history_comment_idx').on(table.commentId, table.id)]
);

export const revisionLinks = pgTable(
	'revision_links',
	{
		versionId: ownerRef('version_id', () => planVersions.id),
		sectionKey: text('section_key').notNull(),
		commentId: bigOwnerRef('comment_id', () => comments.id),
		linkedBy: clearedRef('linked_by', () => users.id),
		linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		primaryKey({ name: 'revision_links_pkey', columns: [table.versionId, table.sectionKey, table.commentId] }),
		index('revision_links_comment_idx').on(table.commentId)
	]
);
