import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { comments as commentsTable } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser, sampleSections } from '$tests/helpers/factories';
import * as versions from '$lib/server/versions';
import * as comments from './comments';
import { CommentError } from './comments';

useTestDatabase();

const key = () => `key-${Math.random().toString(36).slice(2)}`;

async function setup() {
	const { plan, version, official } = await createPublishedPlan();
	const alice = await createUser({ displayName: '김영희', organisation: '광명 생협', group: 'cooperative' });
	const bob = await createUser({ displayName: '이철수' });
	const write = (authorId: number, body: string, extra: Partial<comments.NewComment> = {}) =>
		comments.create({
			planId: plan.id,
			sectionKey: 'support-centre',
			kind: 'concern',
			body,
			authorId,
			idempotencyKey: key(),
			...extra
		});
	return { plan, version, official, alice, bob, write };
}

async function expectCode(promise: Promise<unknown>, code: comments.CommentErrorCode) {
	const error = await promise.catch((e: unknown) => e);
	expect(error).toBeInstanceOf(CommentError);
	expect((error as CommentError).code).toBe(code);
}

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
		expect(await comments.descendants([top.id])).toEqual([r1.id, r2.id, r3.id, r4.id, r5.id]);

		const { threads, total, topLevelTotal } = await comments.sectionThreads({
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
		await expectCode(
			comments.create({ ...base, planId: plan.id, sectionKey: 'no-such-section', idempotencyKey: key() }),
			'section_not_found'
		);
		const other = await write(alice.id, '다른 장의 의견');
		await expectCode(
			comments.create({ ...base, planId: plan.id, parentId: other.id, idempotencyKey: key() }),
			'parent_not_found'
		);
		await expectCode(
			comments.create({ ...base, planId: plan.id, parentId: 999_999, idempotencyKey: key() }),
			'parent_not_found'
		);
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

	it('writes comments sent at the same moment together, each refused or stored on its own', async () => {
		const { plan, alice, bob } = await setup();
		const closed = await createPublishedPlan({ open: false });
		const base = { sectionKey: 'vision', kind: 'suggestion' as const };
		const people = await Promise.all(Array.from({ length: 20 }, () => createUser()));
		// All sent in one turn of the event loop, so they share one batch.
		const sent = [
			...people.map((person, i) => comments.create({ ...base, planId: plan.id, body: `동시에 보낸 의견 ${i}`, authorId: person.id, idempotencyKey: key() })),
			comments.create({ ...base, planId: closed.plan.id, body: '닫힌 기간', authorId: alice.id, idempotencyKey: key() }),
			comments.create({ ...base, planId: plan.id, sectionKey: 'no-such-section', body: '없는 장', authorId: bob.id, idempotencyKey: key() })
		];
		const settled = await Promise.allSettled(sent);
		const stored = settled.slice(0, 20).map((result) => (result as PromiseFulfilledResult<{ id: number; created: boolean }>).value);
		expect(stored.every((result) => result.created)).toBe(true);
		expect(new Set(stored.map((result) => result.id)).size).toBe(20);
		await expectCode(Promise.reject((settled[20] as PromiseRejectedResult).reason), 'period_closed');
		await expectCode(Promise.reject((settled[21] as PromiseRejectedResult).reason), 'section_not_found');
		const rows = await db.select().from(commentsTable).where(eq(commentsTable.planId, plan.id));
		for (const [i, result] of stored.entries()) {
			expect(rows.find((row) => row.id === result.id)).toMatchObject({ body: `동시에 보낸 의견 ${i}`, authorId: people[i].id, depth: 0 });
		}
	});

	it('stores a quoted passage with its place in the section text, or refuses one not there', async () => {
		const { alice, write } = await setup();
		const quoted = await write(alice.id, '이 문장이 문제입니다.', { quote: '전담  인력은 1명' });
		const [row] = await db.select().from(commentsTable).where(eq(commentsTable.id, quoted.id));
		const text = comments.sectionText(sampleSections.find((s) => s.key === 'support-centre')!.body);
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
		const history = await comments.revisions(id);
		expect(history.map((r) => [r.kind, r.body])).toEqual([
			['concern', '첫 번째 글'],
			['suggestion', '두 번째 글']
		]);
		const view = await comments.byId(id, { id: alice.id, canModerate: false });
		expect(view?.editedAt).not.toBeNull();
		expect(view?.body).toBe('세 번째 글');
		expect((await comments.byId(id, { id: bob.id, canModerate: false }))?.body).toBeNull();
	});

	it('soft-deletes: only the author, and the thread keeps its shape', async () => {
		const { plan, alice, bob, write } = await setup();
		const top = await write(alice.id, '지울 의견');
		const reply = await write(bob.id, '답글은 남습니다', { parentId: top.id });
		await expectCode(comments.remove(top.id, bob.id), 'not_author');
		await comments.remove(top.id, alice.id);
		await expectCode(comments.edit(top.id, alice.id, { kind: 'concern', body: '되살리기' }), 'not_editable');

		const { threads } = await comments.sectionThreads({
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
		expect(await comments.countsBySection(plan.id, 1)).toEqual({ 'support-centre': 1 });
	});

	it('counts one endorsement per person, can be withdrawn, never one’s own', async () => {
		const { alice, bob, write } = await setup();
		const carol = await createUser();
		const { id } = await write(alice.id, '지지를 받을 의견');
		await expectCode(comments.endorse(id, alice.id), 'own_comment');
		await Promise.all([comments.endorse(id, bob.id), comments.endorse(id, bob.id), comments.endorse(id, carol.id)]);
		expect((await comments.byId(id, { id: bob.id, canModerate: false }))).toMatchObject({
			endorsementCount: 2,
			endorsedByMe: true
		});
		await comments.withdrawEndorsement(id, bob.id);
		await comments.withdrawEndorsement(id, bob.id);
		expect((await comments.byId(id, { id: bob.id, canModerate: false }))).toMatchObject({
			endorsementCount: 1,
			endorsedByMe: false
		});
	});
});

describe('reading across versions', () => {
	it('shows earlier comments on the same section key, with the version and whether it changed', async () => {
		const { plan, official, alice, write } = await setup();
		const onFirst = await write(alice.id, '1판에 쓴 의견');
		await versions.startDraft(plan.id, official.id);
		const changed = sampleSections.map((s) =>
			s.key === 'support-centre' ? { ...s, body: '전담 인력을 5명으로 늘립니다.' } : s
		);
		await versions.saveDraft(plan.id, { title: '수정안', sections: changed }, official.id);
		await versions.publish(
			plan.id,
			{ changeSummary: '수정', commentsOpenAt: new Date(Date.now() - 1000), commentsCloseAt: new Date(Date.now() + 86_400_000) },
			official.id
		);
		const onSecond = await write(alice.id, '2판에 쓴 의견');

		const atTwo = await comments.sectionThreads({
			planId: plan.id,
			sectionKey: 'support-centre',
			upToVersion: 2,
			sort: 'oldest',
			page: 1,
			viewer: null
		});
		expect(atTwo.threads.map((t) => [t.id, t.versionNumber])).toEqual([
			[onFirst.id, 1],
			[onSecond.id, 2]
		]);
		const atOne = await comments.sectionThreads({
			planId: plan.id,
			sectionKey: 'support-centre',
			upToVersion: 1,
			sort: 'oldest',
			page: 1,
			viewer: null
		});
		expect(atOne.threads.map((t) => t.id)).toEqual([onFirst.id]);
		expect(await comments.sectionChangedSince(plan.id, 'support-centre', 2)).toEqual({ 1: true, 2: false });
		expect(await comments.sectionChangedSince(plan.id, 'vision', 2)).toEqual({ 1: false, 2: false });
	});

	it('sorts threads by oldest, newest and most endorsed, and pages them', async () => {
		const { plan, alice, write } = await setup();
		const sectionKey = 'governance';
		const created: number[] = [];
		for (let i = 0; i < comments.THREADS_PER_PAGE + 5; i++) {
			created.push((await write(alice.id, `의견 ${i}`, { sectionKey })).id);
		}
		const fans = await Promise.all([createUser(), createUser(), createUser()]);
		for (const fan of fans) await comments.endorse(created[7], fan.id);
		await comments.endorse(created[3], fans[0].id);

		const read = (sort: 'oldest' | 'newest' | 'endorsed', page = 1) =>
			comments.sectionThreads({ planId: plan.id, sectionKey, upToVersion: 1, sort, page, viewer: null });
		expect((await read('oldest')).threads[0].id).toBe(created[0]);
		expect((await read('newest')).threads[0].id).toBe(created.at(-1));
		expect((await read('endorsed')).threads.slice(0, 2).map((t) => t.id)).toEqual([created[7], created[3]]);
		const second = await read('oldest', 2);
		expect(second.pages).toBe(2);
		expect(second.threads.map((t) => t.id)).toEqual(created.slice(comments.THREADS_PER_PAGE));
	});
});

describe('what readers may see', () => {
	it('renders XSS vectors from a cheat sheet as inert text', async () => {
		const { alice, write } = await setup();
		const vectors = [
			'<script>alert(1)</script>',
			'<img src=x onerror=alert(1)>',
			'<svg/onload=alert(1)>',
			'[클릭](javascript:alert(1))',
			'[클릭](JaVaScRiPt:alert(1))',
			'<a href="javascript:alert(1)">x</a>',
			'<iframe src="javascript:alert(1)"></iframe>',
			'"><script>alert(1)</script>',
			'<body onload=alert(1)>',
			'[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
			'<div style="background:url(javascript:alert(1))">',
			'![x](x" onerror="alert(1))'
		];
		for (const body of vectors) {
			const { id } = await write(alice.id, body);
			const html = (await comments.byId(id, null))!.bodyHtml!;
			expect(html, body).not.toMatch(/<(script|img|svg|iframe|body|div)\b/i);
			expect(html, body).not.toMatch(/href="(javascript|data):/i);
			// An event-handler attribute inside a real tag; escaped text like "&lt;img onerror=" is inert.
			expect(html, body).not.toMatch(/<[^>]*\son\w+=/i);
		}
	});
});
