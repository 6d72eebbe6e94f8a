import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { commentTags, comments as commentsTable, consultationSessions, speakers, themes, users } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser, sampleSections } from '$tests/helpers/factories';
import * as comments from '$lib/server/commentary/write';
import * as versions from '$lib/server/plan-text/versions';
import { dashboard } from './theme-stats';

useTestDatabase();

const DAY = 24 * 60 * 60 * 1000;
let n = 0;
const key = () => `stats-${n++}-${Math.random().toString(36).slice(2)}`;

/**
 * A hand-counted fixture. Comments (c1 … c10), the section, author group, version, session and tags:
 *   c1  vision          cooperative   v1 online  gov (r1 and r2: counted once)
 *   c2  governance      civil_society v1 online  gov (r1), cent (r2)
 *   c3  support-centre  citizen       v1 online  cent (r1)
 *   c4  support-centre  cooperative   v1 online  cent (r1), old (archived: not counted)
 *   c5  support-centre  civil_society v1 online  gov (r1), then hidden: not counted
 *   c6  vision          citizen       v1 online  no tags
 *   c7  support-centre  cooperative   v2 online  cent (r2)
 *   c8  reply to c7     civil_society v2 online  gov (r1)
 *   c9  governance      intermediary  v2 session gov (r1)   (a speaker)
 *   c10 vision          (no group)    v2 session cent (r2)  (a speaker without a group)
 */
async function fixture() {
	const { plan, official } = await createPublishedPlan();
	const a = await createUser({ group: 'cooperative', displayName: '김협동' });
	const b = await createUser({ group: 'civil_society', displayName: '이시민' });
	const c = await createUser({ group: 'citizen', displayName: '박주민' });
	const r1 = await createUser({ roles: ['researcher'] });
	const r2 = await createUser({ roles: ['researcher'] });
	const [gov, cent, old] = await db
		.insert(themes)
		.values([
			{ slug: `gov-${key()}`, labelKo: '거버넌스', labelEn: 'Governance', position: 1 },
			{ slug: `cent-${key()}`, labelKo: '중간지원조직', labelEn: 'Support centre', position: 2 },
			{ slug: `old-${key()}`, labelKo: '옛 주제', labelEn: 'Old', position: 3, archivedAt: new Date() }
		])
		.returning();
	const write = async (authorId: number, sectionKey: string, parentId?: number) =>
		(
			await comments.create({
				planId: plan.id,
				sectionKey,
				kind: 'concern',
				body: `의견 ${key()}`,
				authorId,
				parentId,
				idempotencyKey: key()
			})
		).id;
	const tag = (commentId: number, themeId: number, by: number) => db.insert(commentTags).values({ commentId, themeId, taggedBy: by });

	const c1 = await write(a.id, 'vision');
	const c2 = await write(b.id, 'governance');
	const c3 = await write(c.id, 'support-centre');
	const c4 = await write(a.id, 'support-centre');
	const c5 = await write(b.id, 'support-centre');
	const c6 = await write(c.id, 'vision');

	await versions.startDraft(plan.id, official.id);
	await versions.saveDraft(plan.id, { title: '수정안', sections: sampleSections }, official.id);
	const v2 = await versions.publish(
		plan.id,
		{ changeSummary: '수정', commentsOpenAt: new Date(Date.now() - DAY), commentsCloseAt: new Date(Date.now() + DAY) },
		official.id
	);
	const c7 = await write(a.id, 'support-centre');
	const c8 = await write(b.id, 'support-centre', c7);

	const [session] = await db
		.insert(consultationSessions)
		.values({ planId: plan.id, versionId: v2.id, title: '중간보고회', kind: 'interim_report', heldOn: '2015-03-20' })
		.returning();
	const [s1, s2] = await db
		.insert(speakers)
		.values([
			{ name: `발언자 ${key()}`, affiliation: '지원센터', stakeholderGroup: 'intermediary' },
			{ name: `발언자 ${key()}`, affiliation: '', stakeholderGroup: null }
		])
		.returning();
	const spoken = async (speakerId: number, sectionKey: string) => {
		const [row] = await db
			.insert(commentsTable)
			.values({ planId: plan.id, sectionKey, versionId: v2.id, kind: 'suggestion', body: `발언 ${key()}`, speakerId, sessionId: session.id })
			.returning({ id: commentsTable.id });
		return row.id;
	};
	const c9 = await spoken(s1.id, 'governance');
	const c10 = await spoken(s2.id, 'vision');

	await tag(c1, gov.id, r1.id);
	await tag(c1, gov.id, r2.id);
	await tag(c2, gov.id, r1.id);
	await tag(c2, cent.id, r2.id);
	await tag(c3, cent.id, r1.id);
	await tag(c4, cent.id, r1.id);
	await tag(c4, old.id, r1.id);
	await tag(c5, gov.id, r1.id);
	await tag(c7, cent.id, r2.id);
	await tag(c8, gov.id, r1.id);
	await tag(c9, gov.id, r1.id);
	await tag(c10, cent.id, r2.id);
	await db.update(commentsTable).set({ status: 'hidden' }).where(eq(commentsTable.id, c5));

	return { plan, gov, cent, old, a, r1, session, ids: { c1, c2, c3, c4, c5, c6, c7, c8, c9, c10 } };
}

describe('theme dashboard', () => {
	let f: Awaited<ReturnType<typeof fixture>>;
	beforeAll(async () => {
		f = await fixture();
	});

	it('counts visible comments per active theme, once per comment whoever tagged it', async () => {
		const stats = await dashboard(f.plan.id);
		expect(stats.totals).toEqual({ comments: 9, tagged: 8 });
		expect(stats.themes.map((t) => [t.slug, t.count])).toEqual([
			[f.gov.slug, 4],
			[f.cent.slug, 5]
		]);
	});

	it('spreads the counts over sections, stakeholder groups, versions and sessions', async () => {
		const stats = await dashboard(f.plan.id);
		expect(stats.bySection).toEqual({
			[f.gov.slug]: { vision: 1, governance: 2, 'support-centre': 1 },
			[f.cent.slug]: { governance: 1, 'support-centre': 3, vision: 1 }
		});
		expect(stats.byGroup).toEqual({
			[f.gov.slug]: { cooperative: 1, civil_society: 2, intermediary: 1 },
			[f.cent.slug]: { civil_society: 1, citizen: 1, cooperative: 2, unknown: 1 }
		});
		expect(stats.byVersion).toEqual({
			[f.gov.slug]: { '1': 2, '2': 2 },
			[f.cent.slug]: { '1': 3, '2': 2 }
		});
		expect(stats.bySession).toEqual({
			[f.gov.slug]: { online: 3, [String(f.session.id)]: 1 },
			[f.cent.slug]: { online: 4, [String(f.session.id)]: 1 }
		});
	});

	it('names the columns: numbered current sections, every group (and "unknown" when present), versions, sessions', async () => {
		const stats = await dashboard(f.plan.id);
		expect(stats.sections.map((s) => `${s.number} ${s.key}`)).toEqual(['1 vision', '2 strategy', '2.1 governance', '3 support-centre']);
		expect(stats.groups).toContain('unknown');
		expect(stats.groups.slice(0, 2)).toEqual(['government', 'social_economy_enterprise']);
		expect(stats.versions).toEqual([1, 2]);
		expect(stats.sessions).toEqual([
			{ key: 'online', title: null, heldOn: null },
			{ key: String(f.session.id), title: '중간보고회', heldOn: '2015-03-20' }
		]);
	});

	it('reuses the counts while nothing they depend on changed', async () => {
		await dashboard(f.plan.id);
		// The app never moves a comment to another section; doing it behind its back shows the cache.
		await db.update(commentsTable).set({ sectionKey: 'strategy' }).where(eq(commentsTable.id, f.ids.c1));
		expect((await dashboard(f.plan.id)).bySection[f.gov.slug]).toEqual({ vision: 1, governance: 2, 'support-centre': 1 });
		await db.update(commentsTable).set({ sectionKey: 'vision' }).where(eq(commentsTable.id, f.ids.c1));
	});

	it('is current again after a tag, a hidden comment, a changed group or an archived theme', async () => {
		await db.insert(commentTags).values({ commentId: f.ids.c6, themeId: f.cent.id, taggedBy: f.r1.id });
		let stats = await dashboard(f.plan.id);
		expect(stats.totals).toEqual({ comments: 9, tagged: 9 });
		expect(stats.bySection[f.cent.slug].vision).toBe(2);

		await db.update(commentsTable).set({ status: 'hidden' }).where(eq(commentsTable.id, f.ids.c2));
		stats = await dashboard(f.plan.id);
		expect(stats.totals).toEqual({ comments: 8, tagged: 8 });
		expect(stats.themes.map((t) => t.count)).toEqual([3, 5]);

		await db.update(users).set({ stakeholderGroup: 'research' }).where(eq(users.id, f.a.id));
		stats = await dashboard(f.plan.id);
		expect(stats.byGroup[f.gov.slug]).toEqual({ research: 1, civil_society: 1, intermediary: 1 });
		expect(stats.byGroup[f.cent.slug]).toEqual({ research: 2, citizen: 2, unknown: 1 });

		await db.update(themes).set({ archivedAt: new Date() }).where(eq(themes.id, f.cent.id));
		stats = await dashboard(f.plan.id);
		expect(stats.themes.map((t) => t.slug)).toEqual([f.gov.slug]);
		expect(stats.totals.tagged).toBe(3);
		expect(stats.bySection[f.cent.slug]).toBeUndefined();
	});

	it('counts nothing for a plan without tags', async () => {
		const { plan } = await createPublishedPlan();
		const stats = await dashboard(plan.id);
		expect(stats.totals).toEqual({ comments: 0, tagged: 0 });
		expect(stats.bySection).toEqual({});
		expect(stats.themes.every((t) => t.count === 0)).toBe(true);
	});
});
