// Demo content for a new user's first start and for `npm run db:seed`. Everything goes through the
// same data functions the app uses, so the demo exercises the real paths.
import { eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { planVersions, plans, themes, users } from '$lib/server/db/schema';
import * as userStore from '$lib/server/users';
import * as planStore from '$lib/server/plans';
import * as versions from '$lib/server/versions';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts-content';
import { DEMO_THEMES } from './themes-content';
import { DEMO_PLAN, interimDraft, REVISION_SUMMARY, revisedDraft } from './plan-content';

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
	interimCommentsClose: new Date('2015-04-30T18:00:00+09:00')
};

export interface DemoSeed {
	accounts: Record<string, number>;
	planId: number;
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

	const plan = await planStore.create(DEMO_PLAN, official);
	await versions.saveDraft(plan.id, { title: '중간보고 초안', sections: interimDraft }, official);
	const first = await versions.publish(
		plan.id,
		{
			changeSummary: '연구진의 중간보고 초안입니다. 중간보고회와 온라인 의견을 받아 수정안을 만듭니다.',
			commentsOpenAt: DEMO_DATES.interimPublished,
			commentsCloseAt: DEMO_DATES.interimCommentsClose
		},
		official
	);
	await db
		.update(planVersions)
		.set({ publishedAt: DEMO_DATES.interimPublished, createdAt: DEMO_DATES.interimPublished })
		.where(eq(planVersions.id, first.id));

	await versions.startDraft(plan.id, official);
	await versions.saveDraft(
		plan.id,
		{ title: '수정안 (중간보고회 의견 반영)', sections: revisedDraft },
		official
	);
	await versions.publish(
		plan.id,
		{
			changeSummary: REVISION_SUMMARY,
			commentsOpenAt: new Date(now.getTime() - DAY_MS),
			commentsCloseAt: new Date(now.getTime() + 30 * DAY_MS)
		},
		official
	);

	return { accounts, planId: plan.id };
}
