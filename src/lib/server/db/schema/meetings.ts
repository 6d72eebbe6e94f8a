// Consultation meetings and the speakers whose statements are recorded as comments.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { clearedRef, createdAt, ownerRef, stakeholderGroups } from './columns';
import { users } from './accounts';
import { plans, planVersions } from './plan-text';

export const consultationSessions = pgTable(
	'consultation_sessions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		planId: ownerRef('plan_id', () => plans.id),
		versionId: clearedRef('version_id', () => planVersions.id),
		title: text('title').notNull(),
		kind: text('kind').$type<'interim_report' | 'final_report' | 'citizens_forum' | 'workshop'>().notNull(),
		heldOn: date('held_on', { mode: 'string' }).notNull(),
		place: text('place').notNull().default(''),
		attendees: integer('attendees'),
		notes: text('notes').notNull().default(''),
		createdBy: clearedRef('created_by', () => users.id),
		createdAt: createdAt()
	},
	(table) => [
		check('consultation_sessions_kind_check', sql`${table.kind} in ('interim_report', 'final_report', 'citizens_forum', 'workshop')`),
		check('consultation_sessions_attendees_check', sql`${table.attendees} is null or ${table.attendees} >= 0`),
		index('consultation_sessions_plan_idx').on(table.planId, table.heldOn)
	]
);

export const speakers = pgTable(
	'speakers',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		name: text('name').notNull(),
		affiliation: text('affiliation').notNull().default(''),
		stakeholderGroup: text('stakeholder_group'),
		createdAt: createdAt()
	},
	(table) => [
		unique('speakers_identity_key').on(table.name, table.affiliation),
		check('speakers_stakeholder_group_check', sql`${table.stakeholderGroup} is null or ${table.stakeholderGroup} in ${stakeholderGroups}`)
	]
);
