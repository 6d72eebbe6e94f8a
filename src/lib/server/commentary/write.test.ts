import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { comments as commentsTable } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser, sampleSections } from '$tests/helpers/factories';
import * as comments from './write';
import * as commentThreads from './threads';
import * as commentViews from './views';
import { sectionText } from './quotes';
import { expectCode, key, setup } from './test-setup';

useTestDatabase();

describe('writing comments', () => {
	it('threads replies to any depth, recorded with their root and depth', async () => {
		const { plan, alice, bob, write } = await setup();
		const top = await write(alice.id, '지원센터 인력이 1명뿐입니다.');
		const r1 = await write(bob.id, '동의합니다.', { parentId: top.id, kind: 'support' });
		const r2 = await write(alice.id, '민간위탁은 어떨까요?', { parentId: r1.id, kind: 'suggestion' });
		const r3 = await write(bob.id, '예산은 누가 정하나요?', { parentId: r2.id, kind: 'question' });
		const r4 = await write(alice.id, '시의회가 정합니다.', { parentId: r3.id });
		const r5 = await write(bob.id, '다섯 번째 단계', { parentId: r4.id });

		const [row] = await db.select().from(commentsTable).where(eq(commentsTable.id, r5.id));
		expect(row).toMatchObject({ depth: 5, rootId: top.id, parentId: r4.id });
		expect(await commentThreads.descendants([top.id])).toEqual([r1.id, r2.id, r3.id, r4.id, r5.id]);

		const { threads, total, topLevelTotal } = await commentThreads.sectionThreads({
			planId: plan.id,
			sectionKey: 'support-centre',
			upToVersion: 1,
			sort: 'oldest',
			page: 1,
			viewer: null
		});
		expect(total).toBe(6);
		expect(topLevelTotal).toBe(1);
		let node = threads[0];
		const chain = [node.id];
		while (node.replies.length) {
			node = node.replies[0];
			chain.push(node.id);
		}
		expect(chain).toEqual([top.id, r1.id, r2.id, r3.id, r4.id, r5.id]);
		expect(threads[0].replyCount).toBe(1);
	});

	it('refuses a comment when the period is closed, on a missing section or a foreign parent', async () => {
		const closed = await createPublishedPlan({ open: false });
		const user = await createUser();
		const base = { sectionKey: 'vision', kind: 'support' as const, body: '좋습니다', authorId: user.id };
		await expectCode(comments.create({ ...base, planId: closed.plan.id, idempotencyKey: key() }), 'period_closed');

		const { plan, alice, write } = await setup();
		await expectCode(comments.create({ ...base, planId: plan.id, sectionKey: 'no-such-section', idempotencyKey: key() }), 'section_not_found');
		const other = await write(alice.id, '다른 장의 의견');
		await expectCode(comments.create({ ...base, planId: plan.id, parentId: other.id, idempotencyKey: key() }), 'parent_not_found');
		await expectCode(comments.create({ ...base, planId: plan.id, parentId: 999_999, idempotencyKey: key() }), 'parent_not_found');
	});

	it('creates one comment for a repeated or concurrent submission with the same key', async () => {
		const { plan, alice } = await setup();
		const idempotencyKey = key();
		const submit = () =>
			comments.create({
				planId: plan.id,
				sectionKey: 'vision',
				kind: 'support',
				body: '두 번 눌러도 하나만',
				authorId: alice.id,
				idempotencyKey
			});
		const results = await Promise.all(Array.from({ length: 8 }, submit));
		const ids = new Set(results.map((r) => r.id));
		expect(ids.size).toBe(1);
		expect(results.filter((r) => r.created)).toHaveLength(1);
		const again = await submit();
		expect(again).toEqual({ id: [...ids][0], created: false });
		const stored = await db.select().from(commentsTable).where(eq(commentsTable.idempotencyKey, idempotencyKey));
		expect(stored).toHaveLength(1);
	});

	it('refuses different text under a key already used, on the batched and the careful path, and stores nothing', async () => {
		const { plan, alice, write } = await setup();
		const top = key();
		const first = await write(alice.id, '처음 보낸 글', { idempotencyKey: top });
		await expectCode(write(alice.id, '고쳐서 다시 보낸 글', { idempotencyKey: top }), 'key_reused');
		await expectCode(write(alice.id, '처음 보낸 글', { idempotencyKey: top, kind: 'support' }), 'key_reused');
		await expectCode(write(alice.id, '처음 보낸 글', { idempotencyKey: top, parentId: first.id }), 'key_reused');
		await expectCode(write(alice.id, '처음 보낸 글', { idempotencyKey: top, quote: '전담 인력은 1명' }), 'key_reused');
		expect(await write(alice.id, '처음 보낸 글', { idempotencyKey: top })).toEqual({ id: first.id, created: false });

		const reply = key();
		const answered = await write(alice.id, '답글', { idempotencyKey: reply, parentId: first.id });
		await expectCode(write(alice.id, '다른 답글', { idempotencyKey: reply, parentId: first.id }), 'key_reused');
		expect(await write(alice.id, '답글', { idempotencyKey: reply, parentId: first.id })).toEqual({ id: answered.id, created: false });

		const quoted = key();
		const withQuote = await write(alice.id, '인용한 글', { idempotencyKey: quoted, quote: '전담  인력은 1명' });
		expect(await write(alice.id, '인용한 글', { idempotencyKey: quoted, quote: '전담 인력은 1명' })).toEqual({ id: withQuote.id, created: false });
		await expectCode(write(alice.id, '인용한 글', { idempotencyKey: quoted }), 'key_reused');

		// An edit since does not make the first submission, sent again, a different one.
		await comments.edit(first.id, alice.id, { kind: 'concern', body: '나중에 고친 글' });
		expect(await write(alice.id, '처음 보낸 글', { idempotencyKey: top })).toEqual({ id: first.id, created: false });

		const stored = await db.select().from(commentsTable).where(eq(commentsTable.planId, plan.id));
		expect(stored.map((c) => c.body).sort()).toEqual(['나중에 고친 글', '답글', '인용한 글'].sort());
	});

	it('stores a quoted passage with its place in the section text, or refuses one not there', async () => {
		const { alice, write } = await setup();
		const quoted = await write(alice.id, '이 문장이 문제입니다.', { quote: '전담  인력은 1명' });
		const [row] = await db.select().from(commentsTable).where(eq(commentsTable.id, quoted.id));
		const text = sectionText(sampleSections.find((s) => s.key === 'support-centre')!.body);
		expect(row.quote).toBe('전담 인력은 1명');
		expect(text.slice(row.quoteStart!, row.quoteEnd!)).toBe('전담 인력은 1명');
		await expectCode(write(alice.id, '없는 문장', { quote: '이 계획에 없는 문장' }), 'quote_not_found');
	});
});

describe('editing, deleting and endorsing', () => {
	it('lets only the author edit, keeping every earlier text', async () => {
		const { alice, bob, write } = await setup();
		const { id } = await write(alice.id, '첫 번째 글');
		await expectCode(comments.edit(id, bob.id, { kind: 'concern', body: '남의 글 고치기' }), 'not_author');
		await comments.edit(id, alice.id, { kind: 'suggestion', body: '두 번째 글' });
		await comments.edit(id, alice.id, { kind: 'suggestion', body: '세 번째 글' });
		const history = await commentViews.revisions(id);
		expect(history.map((r) => [r.kind, r.body])).toEqual([
			['concern', '첫 번째 글'],
			['suggestion', '두 번째 글']
		]);
		const view = await commentViews.byId(id, { id: alice.id, canModerate: false });
		expect(view?.editedAt).not.toBeNull();
		expect(view?.body).toBe('세 번째 글');
		expect((await commentViews.byId(id, { id: bob.id, canModerate: false }))?.body).toBeNull();
	});

	it('soft-deletes: only the author, and the thread keeps its shape', async () => {
		const { plan, alice, bob, write } = await setup();
		const top = await write(alice.id, '지울 의견');
		const reply = await write(bob.id, '답글은 남습니다', { parentId: top.id });
		await expectCode(comments.remove(top.id, bob.id), 'not_author');
		await comments.remove(top.id, alice.id);
		await expectCode(comments.edit(top.id, alice.id, { kind: 'concern', body: '되살리기' }), 'not_editable');

		const { threads } = await commentThreads.sectionThreads({
			planId: plan.id,
			sectionKey: 'support-centre',
			upToVersion: 1,
			sort: 'oldest',
			page: 1,
			viewer: { id: alice.id, canModerate: true }
		});
		const deleted = threads.find((t) => t.id === top.id)!;
		expect(deleted.status).toBe('deleted');
		expect(deleted.bodyHtml).toBeNull();
		expect(deleted.author).toBeNull();
		expect(deleted.replies.map((r) => r.id)).toEqual([reply.id]);
		expect(await commentThreads.countsBySection(plan.id, 1)).toEqual({ 'support-centre': 1 });
	});

	it('counts one endorsement per person, can be withdrawn, never one’s own', async () => {
		const { alice, bob, write } = await setup();
		const carol = await createUser();
		const { id } = await write(alice.id, '지지를 받을 의견');
		await expectCode(comments.endorse(id, alice.id), 'own_comment');
		await Promise.all([comments.endorse(id, bob.id), comments.endorse(id, bob.id), comments.endorse(id, carol.id)]);
		expect(await commentViews.byId(id, { id: bob.id, canModerate: false })).toMatchObject({
			endorsementCount: 2,
			endorsedByMe: true
		});
		await comments.withdrawEndorsement(id, bob.id);
		await comments.withdrawEndorsement(id, bob.id);
		expect(await commentViews.byId(id, { id: bob.id, canModerate: false })).toMatchObject({
			endorsementCount: 1,
			endorsedByMe: false
		});
	});
});
