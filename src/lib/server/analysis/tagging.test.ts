import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { codingReviews, suggestionDecisions } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createUser } from '$tests/helpers/factories';
import * as comments from '$lib/server/commentary/write';
import * as commentViews from '$lib/server/commentary/views';
import * as tagging from './tagging';
import * as suggestions from './suggestions';
import * as codingQueue from './coding-queue';
import * as agreementReport from './agreement';
import { expectForbidden, filters, setup, tagRows, useDemoThemes } from './coding-test-setup';

useTestDatabase();
useDemoThemes();

describe('tagging', () => {
	it("keeps each researcher's tag with who and when, and untagging removes only one's own", async () => {
		const { lead, second, write } = await setup();
		const id = await write('위원회가 자문만 하면 거버넌스가 아닙니다.');
		const before = Date.now();
		expect(await tagging.tag(id, 'governance', lead)).toBe(true);
		expect(await tagging.tag(id, 'governance', lead)).toBe(false);
		await tagging.tag(id, 'governance', second);

		const rows = await tagRows(id);
		expect(rows.map((row) => row.taggedBy).sort()).toEqual([lead.id, second.id].sort());
		for (const row of rows) {
			expect(row.source).toBe('manual');
			expect(row.taggedAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
		}
		expect((await commentViews.byId(id, null))!.tags).toEqual([
			expect.objectContaining({ slug: 'governance', taggedBy: [lead.id, second.id].sort((a, b) => a - b) })
		]);
		// Tagging marks the comment reviewed by each researcher.
		const reviews = await db.select().from(codingReviews).where(eq(codingReviews.commentId, id));
		expect(reviews.map((r) => r.reviewedBy).sort()).toEqual([lead.id, second.id].sort());

		expect(await tagging.untag(id, 'governance', lead)).toBe(true);
		expect(await tagging.untag(id, 'governance', lead)).toBe(false);
		expect((await tagRows(id)).map((row) => row.taggedBy)).toEqual([second.id]);
	});

	it('refuses every coding act to anyone but a researcher, writing nothing', async () => {
		const { plan, citizen, write } = await setup();
		const official = await createUser({ roles: ['official'] });
		const moderator = await createUser({ roles: ['moderator'] });
		const admin = await createUser({ roles: ['admin'] });
		const id = await write('미니 클러스터에 입주하고 싶습니다.');
		for (const user of [citizen, official, moderator, admin]) {
			await expectForbidden(tagging.tag(id, 'mini-clusters', user));
			await expectForbidden(tagging.untag(id, 'mini-clusters', user));
			await expectForbidden(tagging.acceptSuggestion(id, 'mini-clusters', user));
			await expectForbidden(tagging.rejectSuggestion(id, 'mini-clusters', user));
			await expectForbidden(tagging.markReviewed(id, user));
			await expectForbidden(tagging.decideMany([{ commentId: id, theme: 'mini-clusters' }], 'accepted', user));
			await expectForbidden(codingQueue.queue(plan.id, filters(), user));
			await expectForbidden(agreementReport.agreement(plan.id, {}, user));
			await expectForbidden(suggestions.panelFor([id], user));
		}
		expect(await tagRows(id)).toEqual([]);
		expect(await db.select().from(codingReviews).where(eq(codingReviews.commentId, id))).toEqual([]);
		expect(await db.select().from(suggestionDecisions).where(eq(suggestionDecisions.commentId, id))).toEqual([]);
		// Coding controls are simply absent for them in threads.
		expect(await suggestions.panelForThreads([], citizen)).toBeNull();
		expect(await suggestions.panelForThreads([], null)).toBeNull();
	});

	it('does not tag deleted comments or unknown themes', async () => {
		const { lead, citizen, write } = await setup();
		const gone = await write('곧 지울 의견입니다.');
		await comments.remove(gone, citizen.id);
		await expect(tagging.tag(gone, 'governance', lead)).rejects.toMatchObject({ code: 'comment_not_found' });
		const id = await write('남는 의견입니다.');
		await expect(tagging.tag(id, 'no-such-theme', lead)).rejects.toMatchObject({ code: 'theme_not_found' });
	});
});
