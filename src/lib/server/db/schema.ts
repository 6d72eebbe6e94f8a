// Mirrors the SQL in migrations/: the migrations are the source of truth, this file types the queries.
import {
	bigint,
	customType,
	date,
	integer,
	jsonb,
	pgTable,
	primaryKey,
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

export const consultationSessions = pgTable('consultation_sessions', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	planId: integer('plan_id')
		.notNull()
		.references(() => plans.id, { onDelete: 'cascade' }),
	versionId: integer('version_id').references(() => planVersions.id, { onDelete: 'set null' }),
	title: text('title').notNull(),
	kind: text('kind').$type<'interim_report' | 'final_report' | 'citizens_forum' | 'workshop'>().notNull(),
	heldOn: date('held_on', { mode: 'string' }).notNull(),
	place: text('place').notNull().default(''),
	attendees: integer('attendees'),
	notes: text('notes').notNull().default(''),
	createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: createdAt()
});

export const speakers = pgTable('speakers', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	name: text('name').notNull(),
	affiliation: text('affiliation').notNull().default(''),
	stakeholderGroup: text('stakeholder_group'),
	createdAt: createdAt()
});

export type CommentKind = 'support' | 'concern' | 'suggestion' | 'question';
export type CommentStatus = 'visible' | 'hidden' | 'deleted';

export const comments = pgTable('comments', {
	id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
	planId: integer('plan_id')
		.notNull()
		.references(() => plans.id, { onDelete: 'cascade' }),
	sectionKey: text('section_key').notNull(),
	versionId: integer('version_id')
		.notNull()
		.references(() => planVersions.id, { onDelete: 'cascade' }),
	parentId: bigint('parent_id', { mode: 'number' }),
	rootId: bigint('root_id', { mode: 'number' }),
	depth: integer('depth').notNull().default(0),
	kind: text('kind').$type<CommentKind>().notNull(),
	body: text('body').notNull(),
	quote: text('quote'),
	quoteStart: integer('quote_start'),
	quoteEnd: integer('quote_end'),
	authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
	speakerId: integer('speaker_id').references(() => speakers.id, { onDelete: 'set null' }),
	sessionId: integer('session_id').references(() => consultationSessions.id, { onDelete: 'cascade' }),
	statementHash: text('statement_hash'),
	status: text('status').$type<CommentStatus>().notNull().default('visible'),
	moderationReason: text('moderation_reason'),
	moderatedBy: integer('moderated_by').references(() => users.id, { onDelete: 'set null' }),
	moderatedAt: timestamp('moderated_at', { withTimezone: true }),
	editedAt: timestamp('edited_at', { withTimezone: true }),
	createdAt: createdAt(),
	idempotencyKey: text('idempotency_key'),
	endorsementCount: integer('endorsement_count').notNull().default(0),
	replyCount: integer('reply_count').notNull().default(0)
	// search_body is generated by the database (migrations/0008) and never written here.
});

export const commentRevisions = pgTable('comment_revisions', {
	id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
	commentId: bigint('comment_id', { mode: 'number' })
		.notNull()
		.references(() => comments.id, { onDelete: 'cascade' }),
	kind: text('kind').$type<CommentKind>().notNull(),
	body: text('body').notNull(),
	replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow()
});

export const endorsements = pgTable(
	'endorsements',
	{
		commentId: bigint('comment_id', { mode: 'number' })
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.commentId, table.userId] })]
);

export const commentFlags = pgTable('comment_flags', {
	id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
	commentId: bigint('comment_id', { mode: 'number' })
		.notNull()
		.references(() => comments.id, { onDelete: 'cascade' }),
	userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
	reason: text('reason').notNull(),
	createdAt: createdAt(),
	resolvedAt: timestamp('resolved_at', { withTimezone: true }),
	resolvedBy: integer('resolved_by').references(() => users.id, { onDelete: 'set null' }),
	resolution: text('resolution').$type<'hidden' | 'dismissed'>()
});

export const commentTags = pgTable(
	'comment_tags',
	{
		commentId: bigint('comment_id', { mode: 'number' })
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		themeId: integer('theme_id')
			.notNull()
			.references(() => themes.id, { onDelete: 'cascade' }),
		taggedBy: integer('tagged_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		taggedAt: timestamp('tagged_at', { withTimezone: true }).notNull().defaultNow(),
		source: text('source').$type<'manual' | 'suggestion'>().notNull().default('manual')
	},
	(table) => [primaryKey({ columns: [table.commentId, table.themeId, table.taggedBy] })]
);

export const codingReviews = pgTable(
	'coding_reviews',
	{
		commentId: bigint('comment_id', { mode: 'number' })
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		reviewedBy: integer('reviewed_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.commentId, table.reviewedBy] })]
);

export const suggestionDecisions = pgTable(
	'suggestion_decisions',
	{
		commentId: bigint('comment_id', { mode: 'number' })
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		themeId: integer('theme_id')
			.notNull()
			.references(() => themes.id, { onDelete: 'cascade' }),
		decision: text('decision').$type<'accepted' | 'rejected'>().notNull(),
		decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.commentId, table.themeId] })]
);

export const themeSyntheses = pgTable(
	'theme_syntheses',
	{
		planId: integer('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		themeId: integer('theme_id')
			.notNull()
			.references(() => themes.id, { onDelete: 'cascade' }),
		body: text('body').notNull().default(''),
		updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.planId, table.themeId] })]
);

export const synthesisQuotes = pgTable('synthesis_quotes', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	planId: integer('plan_id')
		.notNull()
		.references(() => plans.id, { onDelete: 'cascade' }),
	themeId: integer('theme_id')
		.notNull()
		.references(() => themes.id, { onDelete: 'cascade' }),
	commentId: bigint('comment_id', { mode: 'number' })
		.notNull()
		.references(() => comments.id, { onDelete: 'cascade' }),
	excerpt: text('excerpt').notNull(),
	position: integer('position').notNull().default(0),
	createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: createdAt()
});

export type Disposition = 'accepted' | 'partly_accepted' | 'under_review' | 'not_accepted' | 'out_of_scope';

export const commentResponses = pgTable('comment_responses', {
	commentId: bigint('comment_id', { mode: 'number' })
		.primaryKey()
		.references(() => comments.id, { onDelete: 'cascade' }),
	disposition: text('disposition').$type<Disposition>().notNull(),
	body: text('body').notNull(),
	respondedBy: integer('responded_by').references(() => users.id, { onDelete: 'set null' }),
	respondedAt: timestamp('responded_at', { withTimezone: true }).notNull().defaultNow()
});

export const commentResponseHistory = pgTable('comment_response_history', {
	id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
	commentId: bigint('comment_id', { mode: 'number' })
		.notNull()
		.references(() => comments.id, { onDelete: 'cascade' }),
	disposition: text('disposition').$type<Disposition>().notNull(),
	body: text('body').notNull(),
	respondedBy: integer('responded_by').references(() => users.id, { onDelete: 'set null' }),
	respondedAt: timestamp('responded_at', { withTimezone: true }).notNull()
});

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
	(table) => [primaryKey({ columns: [table.versionId, table.sectionKey, table.commentId] })]
);

export const notices = pgTable('notices', {
	id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
	userId: integer('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	kind: text('kind').$type<'comment_answered' | 'comment_replied' | 'version_published'>().notNull(),
	commentId: bigint('comment_id', { mode: 'number' }).references(() => comments.id, { onDelete: 'cascade' }),
	versionId: integer('version_id').references(() => planVersions.id, { onDelete: 'cascade' }),
	createdAt: createdAt(),
	readAt: timestamp('read_at', { withTimezone: true })
});

/** Kept by a trigger on comments (migrations/0007); the app only reads it. */
export const sectionCommentCounts = pgTable(
	'section_comment_counts',
	{
		planId: integer('plan_id').notNull(),
		versionId: integer('version_id').notNull(),
		sectionKey: text('section_key').notNull(),
		/** All but deleted: what a thread shows. */
		comments: integer('comments').notNull(),
		/** Neither hidden nor deleted: what analysis counts. */
		visible: integer('visible').notNull(),
		/** Every comment whatever its status, and the top-level ones: a section page's count and pages (0011). */
		threadsTotal: integer('threads_total').notNull(),
		topLevel: integer('top_level').notNull()
	},
	(table) => [primaryKey({ columns: [table.planId, table.versionId, table.sectionKey] })]
);
