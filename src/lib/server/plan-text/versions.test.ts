import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser, sampleSections } from '$tests/helpers/factories';
import { db, isUniqueViolation } from '$lib/server/db';
import { auditLog, planVersions } from '$lib/server/db/schema';
import * as plans from '$lib/server/plan-text/plans';
import * as versions from '$lib/server/plan-text/versions';

useTestDatabase();

const publishing = { changeSummary: '의견 반영', commentsOpenAt: null, commentsCloseAt: null };

async function publishedRows(planId: number) {
	return db
		.select({ number: planVersions.number })
		.from(planVersions)
		.where(and(eq(planVersions.planId, planId), eq(planVersions.status, 'published')));
}

/** A plan with version 1 published and version 2 as an open draft. */
async function planWithDraft() {
	const { plan, official } = await createPublishedPlan();
	const draft = await versions.startDraft(plan.id, official.id);
	return { plan, official, draft };
}

describe('drafts', () => {
	it('starts the next draft as a copy of the current version, sections and all', async () => {
		const { plan, draft } = await planWithDraft();
		expect(draft.number).toBe(2);
		expect(draft.status).toBe('draft');
		const copied = await plans.sectionsOf(draft.id);
		expect(copied.map((s) => [s.key, s.heading, s.parentKey, s.body])).toEqual(sampleSections.map((s) => [s.key, s.heading, s.parentKey, s.body]));
		await expect(versions.startDraft(plan.id, draft.createdBy!)).rejects.toBeInstanceOf(versions.DraftExistsError);
	});

	it('saves title and sections in the given order, and refuses a save to a draft that is gone', async () => {
		const { plan, official, draft } = await planWithDraft();
		await versions.saveDraft(
			plan.id,
			{
				title: '수정안',
				sections: [
					{ key: 'support-centre', heading: '지원센터', parentKey: null, body: '전담 인력은 5명입니다.' },
					{ key: 'vision', heading: '비전', parentKey: null, body: '서로 돕는 경제.' }
				]
			},
			official.id,
			{ draftId: draft.id }
		);
		const saved = await plans.sectionsOf(draft.id);
		expect(saved.map((s) => [s.key, s.position])).toEqual([
			['support-centre', 1],
			['vision', 2]
		]);
		expect((await plans.draftOf(plan.id))?.title).toBe('수정안');

		await versions.discardDraft(plan.id, official.id, { draftId: draft.id });
		const next = await versions.startDraft(plan.id, official.id);
		// A late save from an editor opened on the discarded draft must not land in the new one.
		await expect(versions.saveDraft(plan.id, { title: '늦은 저장', sections: [] }, official.id, { draftId: draft.id })).rejects.toBeInstanceOf(
			versions.StaleDraftError
		);
		expect((await plans.sectionsOf(next.id)).length).toBe(sampleSections.length);
	});

	it('publishes the editor content in the same transaction and supersedes the previous version', async () => {
		const { plan, official, draft } = await planWithDraft();
		const published = await versions.publish(
			plan.id,
			{
				...publishing,
				draftId: draft.id,
				content: { title: '수정안', sections: [{ key: 'vision', heading: '비전', parentKey: null, body: '새 비전' }] }
			},
			official.id
		);
		expect(published).toMatchObject({ number: 2, status: 'published', title: '수정안', publishedBy: official.id });
		expect((await plans.versionByNumber(plan.id, 1))?.status).toBe('superseded');
		expect((await plans.sectionsOf(published.id)).map((s) => s.body)).toEqual(['새 비전']);
		expect(await publishedRows(plan.id)).toEqual([{ number: 2 }]);
	});

	it('refuses to publish a draft without sections', async () => {
		const official = await createUser({ roles: ['official'] });
		const plan = await plans.create({ slug: `empty-${Date.now()}`, title: '빈 계획', summary: '', organisation: '' }, official.id);
		await expect(versions.publish(plan.id, publishing, official.id)).rejects.toBeInstanceOf(versions.EmptyDraftError);
		expect((await plans.draftOf(plan.id))?.status).toBe('draft');
	});
});

describe('publishing under concurrency', () => {
	it('lets exactly one of two simultaneous publishes through; the other fails cleanly', async () => {
		const { plan, official, draft } = await planWithDraft();
		const other = await createUser({ roles: ['official'] });
		const results = await Promise.allSettled([
			versions.publish(plan.id, { ...publishing, draftId: draft.id, changeSummary: '첫째' }, official.id),
			versions.publish(plan.id, { ...publishing, draftId: draft.id, changeSummary: '둘째' }, other.id)
		]);
		const fulfilled = results.filter((r) => r.status === 'fulfilled');
		const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
		expect(fulfilled).toHaveLength(1);
		expect(rejected).toHaveLength(1);
		expect(rejected[0].reason).toBeInstanceOf(versions.StaleDraftError);

		expect(await publishedRows(plan.id)).toEqual([{ number: 2 }]);
		const all = await db.select().from(planVersions).where(eq(planVersions.planId, plan.id));
		expect(all.map((v) => [v.number, v.status]).sort()).toEqual([
			[1, 'superseded'],
			[2, 'published']
		]);
		// The loser changed nothing: one publish in the audit log, with the winner's summary.
		const publishes = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'version.publish'), eq(auditLog.targetId, String(plan.id))));
		expect(publishes.filter((entry) => entry.detail.number === 2)).toHaveLength(1);
		const winner = (fulfilled[0] as PromiseFulfilledResult<plans.PlanVersion>).value;
		expect((await plans.currentVersion(plan.id))?.changeSummary).toBe(winner.changeSummary);
	});

	it('keeps one current version when many officials publish at once', async () => {
		const { plan, official } = await planWithDraft();
		const results = await Promise.allSettled(
			Array.from({ length: 6 }, (_, i) => versions.publish(plan.id, { ...publishing, changeSummary: `시도 ${i}` }, official.id))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const result of results) {
			if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(versions.NoDraftError);
		}
		expect(await publishedRows(plan.id)).toHaveLength(1);
	});

	it(`has the database itself refuse a second published version (${databaseKind})`, async () => {
		const { plan, draft } = await planWithDraft();
		// Straight to SQL, past the application's lock and its superseding step.
		const attempt = db.execute(sql`update plan_versions set status = 'published', published_at = now() where id = ${draft.id}`);
		const failure = await attempt.then(
			() => null,
			(error: unknown) => error
		);
		expect(failure).not.toBeNull();
		expect(isUniqueViolation(failure)).toBe(true);
		expect(await publishedRows(plan.id)).toEqual([{ number: 1 }]);
	});

	it('also refuses two drafts of one plan in the database', async () => {
		const { plan, draft } = await planWithDraft();
		const failure = await db
			.insert(planVersions)
			.values({ planId: plan.id, number: draft.number + 1, title: '둘째 초안', status: 'draft' })
			.then(
				() => null,
				(error: unknown) => error
			);
		expect(isUniqueViolation(failure)).toBe(true);
	});
});

describe('comment periods of the current version', () => {
	const DAY = 24 * 60 * 60 * 1000;

	it('closes an open period now and opens it again until the usual length', async () => {
		const { plan, official } = await createPublishedPlan({ open: true });
		const now = new Date();
		const closed = await versions.changeCommentPeriod(plan.id, { action: 'close' }, official.id, now);
		expect(closed.commentsCloseAt?.getTime()).toBe(now.getTime());
		expect(versions.periodState(closed, new Date(now.getTime() + 1))).toBe('closed');
		await expect(versions.changeCommentPeriod(plan.id, { action: 'close' }, official.id, new Date(now.getTime() + 1000))).rejects.toBeInstanceOf(
			versions.PeriodNotOpenError
		);

		const later = new Date(now.getTime() + 60_000);
		const reopened = await versions.changeCommentPeriod(plan.id, { action: 'open' }, official.id, later);
		expect(reopened.commentsOpenAt?.getTime()).toBe(later.getTime());
		expect(reopened.commentsCloseAt?.getTime()).toBe(later.getTime() + versions.DEFAULT_PERIOD_DAYS * DAY);
	});

	it('keeps a closing date still ahead when opening now', async () => {
		const { plan, official } = await createPublishedPlan({ open: true });
		const { commentsCloseAt } = (await plans.currentVersion(plan.id))!;
		const opened = await versions.changeCommentPeriod(plan.id, { action: 'open' }, official.id);
		expect(opened.commentsCloseAt?.getTime()).toBe(commentsCloseAt!.getTime());
	});

	it('sets or clears both dates, and only on the current version', async () => {
		const { plan, official } = await createPublishedPlan();
		const opensAt = new Date('2030-03-02T09:00:00+09:00');
		const closesAt = new Date('2030-04-30T18:00:00+09:00');
		const set = await versions.changeCommentPeriod(plan.id, { action: 'set', opensAt, closesAt }, official.id);
		expect([set.commentsOpenAt?.toISOString(), set.commentsCloseAt?.toISOString()]).toEqual([opensAt.toISOString(), closesAt.toISOString()]);
		const cleared = await versions.changeCommentPeriod(plan.id, { action: 'set', opensAt: null, closesAt: null }, official.id);
		expect(versions.periodState(cleared)).toBe('none');

		const unpublished = await plans.create({ slug: `draft-only-${Date.now()}`, title: '초안뿐', summary: '', organisation: '' }, official.id);
		await expect(versions.changeCommentPeriod(unpublished.id, { action: 'open' }, official.id)).rejects.toBeInstanceOf(
			versions.NoCurrentVersionError
		);
	});
});

describe('history', () => {
	it('lists published versions newest first with who published them, never the draft', async () => {
		const official = await createUser({ roles: ['official'], displayName: '김담당' });
		const { plan } = await createPublishedPlan({ official });
		await versions.startDraft(plan.id, official.id);
		await versions.publish(plan.id, { ...publishing, changeSummary: '지원센터 인력 확충' }, official.id);
		await versions.startDraft(plan.id, official.id);
		const entries = await plans.history(plan.id);
		expect(entries.map((e) => [e.number, e.status, e.changeSummary, e.publishedByName])).toEqual([
			[2, 'published', '지원센터 인력 확충', '김담당'],
			[1, 'superseded', '첫 공개', '김담당']
		]);
		expect(entries[0].sectionCount).toBe(sampleSections.length);
	});
});
