import { describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { db, rows } from '$lib/server/db';
import { comments as commentsTable } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import * as comments from './write';
import { expectCode, key, setup } from './test-setup';

useTestDatabase();

/** How many transactions wrote these rows: rows written by one statement share its xmin. */
async function transactionsThatWrote(ids: number[]): Promise<number> {
	const [{ count }] = await rows<{ count: number }>(
		sql`select count(distinct xmin::text)::int as count from ${commentsTable} where ${inArray(commentsTable.id, ids)}`
	);
	return Number(count);
}

describe('comments sent at the same moment', () => {
	it('are written in one statement and one commit, each refused or stored on its own', async () => {
		const { plan, alice, bob } = await setup();
		const closed = await createPublishedPlan({ open: false });
		const base = { sectionKey: 'vision', kind: 'suggestion' as const };
		const people = await Promise.all(Array.from({ length: 20 }, () => createUser()));
		// All sent in one turn of the event loop, so they share one batch.
		const sent = [
			...people.map((person, i) =>
				comments.create({ ...base, planId: plan.id, body: `동시에 보낸 의견 ${i}`, authorId: person.id, idempotencyKey: key() })
			),
			comments.create({ ...base, planId: closed.plan.id, body: '닫힌 기간', authorId: alice.id, idempotencyKey: key() }),
			comments.create({ ...base, planId: plan.id, sectionKey: 'no-such-section', body: '없는 장', authorId: bob.id, idempotencyKey: key() })
		];
		const settled = await Promise.allSettled(sent);
		const stored = settled.slice(0, 20).map((result) => (result as PromiseFulfilledResult<{ id: number; created: boolean }>).value);
		expect(stored.every((result) => result.created)).toBe(true);
		expect(new Set(stored.map((result) => result.id)).size).toBe(20);
		await expectCode(Promise.reject((settled[20] as PromiseRejectedResult).reason), 'period_closed');
		await expectCode(Promise.reject((settled[21] as PromiseRejectedResult).reason), 'section_not_found');
		const written = await db.select().from(commentsTable).where(eq(commentsTable.planId, plan.id));
		for (const [i, result] of stored.entries()) {
			expect(written.find((row) => row.id === result.id)).toMatchObject({ body: `동시에 보낸 의견 ${i}`, authorId: people[i].id, depth: 0 });
		}
		// Twenty writes one at a time (or a batch that failed and was retried one by one) would be 20.
		expect(await transactionsThatWrote(stored.map((result) => result.id))).toBe(1);
	});
});
