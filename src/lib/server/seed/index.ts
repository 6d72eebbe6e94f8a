// Demo content for a new user's first start and for `npm run db:seed`. Everything goes through the
// same data functions the app uses, so the demo exercises the real paths.
import { eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { planVersions, plans, themes, users } from '$lib/server/db/schema';
import * as userStore from '$lib/server/accounts/users';
import * as planStore from '$lib/server/plan-text/plans';
import * as versions from '$lib/server/plan-text/versions';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts-content';
import { DEMO_THEMES } from './themes-content';
import { DEMO_PLAN, interimDraft } from './plan-content';
import { REVISION_SUMMARY, revisedDraft } from './plan-revision-content';
import { seedCoding } from './coding-content';
import { DEMO_COMMENTERS, INTERIM_COMMENTS, REVISION_COMMENTS, type DemoComment } from './comments-content';
import * as commentStore from '$lib/server/commentary/write';
import * as commentViews from '$lib/server/commentary/views';
import { comments as commentsTable, endorsements } from '$lib/server/db/schema';
import { generateSecureRandomString } from '$lib/server/auth/session';
import * as sessionStore from '$lib/server/meetings/meetings';
import { importStatements } from '$lib/server/meetings/statements';
import { parseTranscript } from '$lib/transcripts/parse';
import { rowsFromStatements, validateRows } from '$lib/server/pages/transcript-preview';
import { FORUM_ROUTING, FORUM_SESSION, FORUM_TRANSCRIPT, INTERIM_ROUTING, INTERIM_SESSION, INTERIM_TRANSCRIPT } from './sessions-content';
import { ANSWERS_BY_REF, ANSWERS_BY_SPEAKER, ANSWERS_ON_REVISION, type DemoAnswer } from './responses-content';
import * as responseStore from '$lib/server/outcome/responses';
import { commentResponses } from '$lib/server/db/schema';

export class DatabaseNotEmptyError extends Error {
	constructor() {
		super('The database already has data; the demo is only seeded into an empty database.');
	}
}

/** True when the database holds no accounts and no plans. */
export async function isEmpty(): Promise<boolean> {
	const [row] = await db
		.select({
			users: sql<number>`(select count(*)::int from ${users})`,
			plans: sql<number>`(select count(*)::int from ${plans})`
		})
		.from(sql`(select 1) as one`);
	return row.users === 0 && row.plans === 0;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Historical dates of the demo's first round; the revision is dated at seed time and open now. */
export const DEMO_DATES = {
	interimPublished: new Date('2015-03-02T09:00:00+09:00'),
	interimCommentsClose: new Date('2015-04-30T18:00:00+09:00'),
	interimAnswered: new Date('2015-05-20T10:00:00+09:00')
};

export interface DemoSeed {
	accounts: Record<string, number>;
	planId: number;
	sessions: number[];
	/** Comment ids by their reference in comments-content.ts. */
	comments: Record<string, number>;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Answers every demo comment the way officials would (dispositions, responses, notices) and links
 * the revision's changed sections to the comments behind them.
 */
async function answerCommentary(
	commentIds: Record<string, number>,
	sessionIds: number[],
	revisionId: number,
	officialId: number,
	answeredAt: Date
): Promise<void> {
	const answers: { id: number; answer: DemoAnswer }[] = [];
	for (const [ref, answer] of Object.entries({ ...ANSWERS_BY_REF, ...ANSWERS_ON_REVISION })) {
		answers.push({ id: commentIds[ref], answer });
	}
	for (const sessionId of sessionIds) {
		for (const statement of await commentViews.listByIds(await sessionStore.statementIds(sessionId), null)) {
			const answer = ANSWERS_BY_SPEAKER[statement.author?.name ?? ''];
			if (!answer) throw new Error(`no demo answer for ${statement.author?.name}`);
			answers.push({ id: statement.id, answer });
		}
	}
	const links = new Map<string, number[]>();
	for (const { id, answer } of answers) {
		await responseStore.respond(id, officialId, { disposition: answer.disposition, body: answer.body });
		for (const key of answer.reflectedIn ?? []) links.set(key, [...(links.get(key) ?? []), id]);
	}
	const revisionRefs = new Set(Object.keys(ANSWERS_ON_REVISION).map((ref) => commentIds[ref]));
	for (const { id } of answers) {
		if (!revisionRefs.has(id)) {
			await db.update(commentResponses).set({ respondedAt: answeredAt }).where(eq(commentResponses.commentId, id));
		}
	}
	await responseStore.setRevisionLinks(
		revisionId,
		[...links].map(([sectionKey, ids]) => ({ sectionKey, commentIds: ids })),
		officialId
	);
}

/** Records a session and imports its transcript the way an official would, through the preview. */
async function seedSession(
	planId: number,
	session: Omit<sessionStore.SessionInput, 'versionNumber'>,
	transcript: string,
	routing: { section: string; kind: DemoComment['kind'] }[],
	officialId: number
): Promise<number> {
	const id = await sessionStore.create(planId, { ...session, versionNumber: 1 }, officialId);
	const rows = rowsFromStatements(parseTranscript(transcript)).map((row, i) => ({
		...row,
		section: routing[i]?.section ?? '',
		kind: routing[i]?.kind ?? row.kind
	}));
	const checked = validateRows(rows, new Set(interimDraft.map((s) => s.key)));
	if (!checked.ok) throw new Error(`demo transcript does not import: ${JSON.stringify(checked.errors)}`);
	await importStatements(id, checked.statements, officialId);
	return id;
}

/**
 * Writes demo comments through the app's own comment functions (so they obey the same rules),
 * then dates them `day` days after `publishedAt`.
 */
async function writeComments(
	planId: number,
	list: DemoComment[],
	people: Record<string, number>,
	publishedAt: Date,
	ids: Record<string, number>
): Promise<void> {
	for (const [index, item] of list.entries()) {
		const { id } = await commentStore.create({
			planId,
			sectionKey: item.section,
			kind: item.kind,
			body: item.body,
			quote: item.quote,
			parentId: item.replyTo ? ids[item.replyTo] : undefined,
			authorId: people[item.by],
			idempotencyKey: `demo-${item.ref}`
		});
		ids[item.ref] = id;
		for (const fan of item.endorsedBy ?? []) await commentStore.endorse(id, people[fan]);
		const at = new Date(publishedAt.getTime() + item.day * DAY_MS + (9 + (index % 8)) * HOUR_MS);
		await db.update(commentsTable).set({ createdAt: at }).where(eq(commentsTable.id, id));
		await db
			.update(endorsements)
			.set({ createdAt: new Date(at.getTime() + 2 * HOUR_MS) })
			.where(eq(endorsements.commentId, id));
	}
}

export async function seedDemo(now = new Date()): Promise<DemoSeed> {
	if (!(await isEmpty())) throw new DatabaseNotEmptyError();

	const accounts: Record<string, number> = {};
	for (const account of DEMO_ACCOUNTS) {
		const user = await userStore.create({ ...account, password: DEMO_PASSWORD });
		accounts[account.email] = user.id;
	}
	const official = accounts['official@example.org'];

	await db.insert(themes).values(DEMO_THEMES.map((theme, index) => ({ ...theme, keywords: [...theme.keywords], position: index + 1 })));

	const people: Record<string, number> = {};
	for (const commenter of DEMO_COMMENTERS) {
		const user = await userStore.create({
			email: `${commenter.ref}@demo.example.org`,
			password: generateSecureRandomString(),
			displayName: commenter.displayName,
			organisation: commenter.organisation,
			stakeholderGroup: commenter.stakeholderGroup
		});
		people[commenter.ref] = user.id;
	}

	const plan = await planStore.create(DEMO_PLAN, official);
	await versions.saveDraft(plan.id, { title: '중간보고 초안', sections: interimDraft }, official);
	// Opened now so the demo commentary goes through the normal rules, then dated back to 2015.
	const first = await versions.publish(
		plan.id,
		{
			changeSummary: '연구진의 중간보고 초안입니다. 중간보고회와 온라인 의견을 받아 수정안을 만듭니다.',
			commentsOpenAt: new Date(now.getTime() - DAY_MS),
			commentsCloseAt: new Date(now.getTime() + DAY_MS)
		},
		official
	);
	const commentIds: Record<string, number> = {};
	await writeComments(plan.id, INTERIM_COMMENTS, people, DEMO_DATES.interimPublished, commentIds);
	const sessionIds = [
		await seedSession(plan.id, INTERIM_SESSION, INTERIM_TRANSCRIPT, INTERIM_ROUTING, official),
		await seedSession(plan.id, FORUM_SESSION, FORUM_TRANSCRIPT, FORUM_ROUTING, official)
	];
	await db
		.update(planVersions)
		.set({
			publishedAt: DEMO_DATES.interimPublished,
			createdAt: DEMO_DATES.interimPublished,
			commentsOpenAt: DEMO_DATES.interimPublished,
			commentsCloseAt: DEMO_DATES.interimCommentsClose
		})
		.where(eq(planVersions.id, first.id));

	await versions.startDraft(plan.id, official);
	await versions.saveDraft(plan.id, { title: '수정안 (중간보고회 의견 반영)', sections: revisedDraft }, official);
	const second = await versions.publish(
		plan.id,
		{
			changeSummary: REVISION_SUMMARY,
			commentsOpenAt: new Date(now.getTime() - DAY_MS),
			commentsCloseAt: new Date(now.getTime() + 30 * DAY_MS)
		},
		official
	);
	await writeComments(plan.id, REVISION_COMMENTS, people, new Date(second.publishedAt!.getTime() - 12 * HOUR_MS), commentIds);
	await answerCommentary(commentIds, sessionIds, second.id, official, DEMO_DATES.interimAnswered);
	await responseStore.notifyVersionPublished(plan.id, second.id);

	await seedCoding(accounts, commentIds);
	return { accounts, planId: plan.id, sessions: sessionIds, comments: commentIds };
}
