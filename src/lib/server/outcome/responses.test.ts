import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '$lib/server/db';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser, sampleSections } from '$tests/helpers/factories';
import * as comments from '../commentary/write';
import * as commentViews from '../commentary/views';
import * as versions from '../plan-text/versions';
import * as responses from './responses';
import * as outcome from './report';

useTestDatabase();

async function setup() {
	const { plan, official } = await createPublishedPlan();
	const people = await Promise.all([
		createUser({ group: 'cooperative' }),
		createUser({ group: 'civil_society' }),
		createUser({ group: 'cooperative' })
	]);
	const write = (i: number, sectionKey: string, body: string) =>
		comments.create({ planId: plan.id, sectionKey, kind: 'concern', body, authorId: people[i].id, idempotencyKey: `${body}-${i}-${Math.random()}` });
	return { plan, official, people, write };
}

describe('official answers', () => {
	it('keeps every earlier answer and notifies the commenter once per change', async () => {
		const { official, people, write } = await setup();
		const { id } = await write(0, 'support-centre', '인력을 늘려 주세요');
		await responses.respond(id, official.id, { disposition: 'under_review', body: '검토하겠습니다.' });
		await responses.respond(id, official.id, { disposition: 'under_review', body: '검토하겠습니다.' });
		await responses.respond(id, official.id, { disposition: 'accepted', body: '5명으로 늘립니다.' });
		expect(await responses.current(id)).toMatchObject({ disposition: 'accepted', body: '5명으로 늘립니다.' });
		expect((await responses.history(id)).map((h) => [h.disposition, h.body])).toEqual([['under_review', '검토하겠습니다.']]);
		const notices = await responses.noticesFor(people[0].id);
		expect(notices.filter((n) => n.kind === 'comment_answered')).toHaveLength(2);
		expect(await responses.unreadNoticeCount(people[0].id)).toBe(2);
		await responses.markNoticesRead(people[0].id);
		expect(await responses.unreadNoticeCount(people[0].id)).toBe(0);
		const view = await commentViews.byId(id, null);
		expect(view?.response?.disposition).toBe('accepted');
	});

	it('lists unanswered comments with filters, and counts them', async () => {
		const { plan, official, write } = await setup();
		const a = await write(0, 'support-centre', '첫째');
		const b = await write(1, 'vision', '둘째');
		await write(2, 'vision', '셋째');
		await responses.respond(a.id, official.id, { disposition: 'accepted', body: '반영' });
		expect(await responses.unansweredCount(plan.id)).toEqual({ unanswered: 2, voices: 0 });
		expect((await responses.queue(plan.id, {}, 1)).total).toBe(2);
		expect((await responses.queue(plan.id, { sectionKey: 'vision', group: 'civil_society' }, 1)).ids).toEqual([b.id]);
		expect((await responses.queue(plan.id, { answered: 'yes' }, 1)).ids).toEqual([a.id]);
	});
});

describe('the outcome report', () => {
	it('tallies dispositions by group exactly as the database holds them, and links the revision', async () => {
		const { plan, official, write } = await setup();
		const a = await write(0, 'support-centre', '센터 인력');
		const b = await write(1, 'support-centre', '민간위탁');
		const c = await write(2, 'vision', '비전 문구');
		await write(0, 'governance', '답이 아직 없는 의견');
		await responses.respond(a.id, official.id, { disposition: 'accepted', body: '반영했습니다.' });
		await responses.respond(b.id, official.id, { disposition: 'partly_accepted', body: '일부 반영' });
		await responses.respond(c.id, official.id, { disposition: 'not_accepted', body: '원안 유지' });

		await versions.startDraft(plan.id, official.id);
		const revised = sampleSections.map((s) => (s.key === 'support-centre' ? { ...s, body: '전담 인력을 5명으로 늘립니다.' } : s));
		await versions.saveDraft(plan.id, { title: '수정안', sections: revised }, official.id);
		const second = await versions.publish(plan.id, { changeSummary: '인력 확충', commentsOpenAt: null, commentsCloseAt: null }, official.id);
		await responses.setRevisionLinks(second.id, [{ sectionKey: 'support-centre', commentIds: [a.id, b.id] }], official.id);

		const report = (await outcome.report(plan.id, 1))!;
		const [db] = await rows<{ total: number; accepted: number; partly: number; none: number; coop: number }>(sql`
			select count(*)::int as total,
				count(*) filter (where r.disposition = 'accepted')::int as accepted,
				count(*) filter (where r.disposition = 'partly_accepted')::int as partly,
				count(*) filter (where r.comment_id is null)::int as none,
				count(*) filter (where u.stakeholder_group = 'cooperative')::int as coop
			from comments c left join comment_responses r on r.comment_id = c.id left join users u on u.id = c.author_id
			where c.plan_id = ${plan.id} and c.status = 'visible'`);
		expect(report.total).toBe(db.total);
		expect(report.byDisposition.accepted).toBe(db.accepted);
		expect(report.byDisposition.partly_accepted).toBe(db.partly);
		expect(report.byDisposition.none).toBe(db.none);
		expect(report.byGroup.find((g) => g.group === 'cooperative')?.total).toBe(db.coop);
		expect(report.byGroup.reduce((sum, g) => sum + g.total, 0)).toBe(report.total);

		const centre = report.sections.find((s) => s.key === 'support-centre')!;
		expect(centre.change).toBe('changed');
		expect(centre.comments.find((c) => c.id === a.id)?.reflectedIn).toEqual([
			{ versionNumber: 2, sectionKey: 'support-centre', heading: '지원센터' }
		]);
		expect(report.next?.number).toBe(2);
	});

	it('links only comments written on earlier versions of the same plan', async () => {
		const { plan, official, write } = await setup();
		const other = await createPublishedPlan();
		const stranger = await comments.create({
			planId: other.plan.id,
			sectionKey: 'vision',
			kind: 'support',
			body: '다른 계획',
			authorId: official.id,
			idempotencyKey: 'stranger'
		});
		const mine = await write(0, 'vision', '이 계획');
		const current = await (await import('../plan-text/plans')).currentVersion(plan.id);
		await responses.setRevisionLinks(current!.id, [{ sectionKey: 'vision', commentIds: [mine.id, stranger.id] }], official.id);
		expect(await responses.revisionLinksOf(current!.id)).toEqual({});
	});
});
