import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '$lib/server/db';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import * as comments from './write';
import * as commentThreads from './threads';
import * as moderation from './moderation';

useTestDatabase();

const key = () => `key-${Math.random().toString(36).slice(2)}`;

/** What the section page shows as counts, and what counting every comment gives. */
async function countsOf(planId: number, sectionKey: string) {
	const page = await commentThreads.sectionThreads({ planId, sectionKey, upToVersion: 1, sort: 'oldest', page: 1, viewer: null });
	const [counted] = await rows<{ total: number; top: number }>(sql`
		select count(*)::int as total, (count(*) filter (where parent_id is null))::int as top
		from comments where plan_id = ${planId} and section_key = ${sectionKey}`);
	return { shown: { total: page.total, top: page.topLevelTotal }, counted };
}

describe('the counts a section page shows', () => {
	it('are kept as comments are written, replied to, deleted and hidden, and match a count of every comment', async () => {
		const { plan } = await createPublishedPlan();
		const [alice, bob, moderator] = await Promise.all([createUser(), createUser(), createUser({ roles: ['moderator'] })]);
		const write = (authorId: number, body: string, parentId?: number) =>
			comments.create({ planId: plan.id, sectionKey: 'support-centre', kind: 'concern', body, authorId, idempotencyKey: key(), parentId });
		expect((await countsOf(plan.id, 'support-centre')).shown).toEqual({ total: 0, top: 0 });

		const first = await write(alice.id, '센터에 사람이 더 필요합니다.');
		const second = await write(bob.id, '민간위탁이 답입니다.');
		const reply = await write(bob.id, '동의합니다.', first.id);
		await write(alice.id, '고맙습니다.', reply.id);
		let counts = await countsOf(plan.id, 'support-centre');
		expect(counts.shown).toEqual({ total: 4, top: 2 });
		expect(counts.shown).toEqual(counts.counted);

		// Deleted and hidden comments still stand in their threads, so they still count.
		await comments.remove(second.id, bob.id);
		await moderation.hide(first.id, moderator.id, '시험용 숨김');
		counts = await countsOf(plan.id, 'support-centre');
		expect(counts.shown).toEqual({ total: 4, top: 2 });
		expect(counts.shown).toEqual(counts.counted);

		// Another section's comments are its own.
		await comments.create({ planId: plan.id, sectionKey: 'vision', kind: 'support', body: '좋습니다.', authorId: alice.id, idempotencyKey: key() });
		expect((await countsOf(plan.id, 'vision')).shown).toEqual({ total: 1, top: 1 });
		expect((await countsOf(plan.id, 'support-centre')).shown).toEqual({ total: 4, top: 2 });

		// A comment removed from the database (as when its plan is deleted) leaves the count.
		await rows(sql`delete from comments where parent_id = ${reply.id}`);
		counts = await countsOf(plan.id, 'support-centre');
		expect(counts.shown).toEqual({ total: 3, top: 2 });
		expect(counts.shown).toEqual(counts.counted);
	});
});
