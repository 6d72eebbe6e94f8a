import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { isHttpError, isRedirect, type ActionFailure } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { comments as commentsTable, themeSyntheses, themes } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import * as comments from '$lib/server/commentary/write';
import type { SessionUser } from '$lib/server/auth/session';
import { actions, load } from '../../../routes/plans/[slug]/themes/[theme]/+page.server';
import { moveQuote, pinQuote, quotesOf, saveSynthesis, synthesisOf, SynthesisError, unpinQuote, type SynthesisErrorCode } from './syntheses';

useTestDatabase();

let n = 0;
const key = () => `syn-${n++}-${Math.random().toString(36).slice(2)}`;

async function fixture() {
	const { plan } = await createPublishedPlan();
	const researcher = await createUser({ roles: ['researcher'], displayName: '연구자 가' });
	const colleague = await createUser({ roles: ['researcher'], displayName: '연구자 나' });
	const official = await createUser({ roles: ['official'] });
	const admin = await createUser({ roles: ['admin'] });
	const participant = await createUser({ displayName: '참여자 다', organisation: '광명 생협', group: 'cooperative' });
	const [theme, other] = await db
		.insert(themes)
		.values([
			{ slug: `staff-${key()}`, labelKo: '조직과 인력', labelEn: 'Staffing' },
			{ slug: `trust-${key()}`, labelKo: '신뢰와 과정', labelEn: 'Trust' }
		])
		.returning();
	const write = async (body: string) =>
		(
			await comments.create({
				planId: plan.id,
				sectionKey: 'support-centre',
				kind: 'concern',
				body,
				authorId: participant.id,
				idempotencyKey: key()
			})
		).id;
	const commentId = await write('지원센터가 **한 사람**이라면 상담도,\n교육도 제대로 할 수 없습니다.');
	return { plan, theme, other, researcher, colleague, official, admin, participant, commentId, write };
}

async function expectCode(promise: Promise<unknown>, code: SynthesisErrorCode) {
	const error = await promise.catch((e: unknown) => e);
	expect(error).toBeInstanceOf(SynthesisError);
	expect((error as SynthesisError).code).toBe(code);
}

describe('syntheses', () => {
	let f: Awaited<ReturnType<typeof fixture>>;
	beforeAll(async () => {
		f = await fixture();
	});

	it('only researchers write syntheses and pin quotes', async () => {
		for (const actor of [f.participant, f.official, f.admin]) {
			await expectCode(saveSynthesis(actor, { planId: f.plan.id, themeId: f.theme.id, body: '무단', expectedRevision: '' }), 'forbidden');
			await expectCode(pinQuote(actor, { planId: f.plan.id, themeId: f.theme.id, commentId: f.commentId, excerpt: '상담도' }), 'forbidden');
			await expectCode(unpinQuote(actor, { planId: f.plan.id, themeId: f.theme.id, quoteId: 1 }), 'forbidden');
			await expectCode(moveQuote(actor, { planId: f.plan.id, themeId: f.theme.id, quoteId: 1, direction: 'up' }), 'forbidden');
		}
		expect((await synthesisOf(f.plan.id, f.theme.id)).revision).toBe('');
		expect(await quotesOf(f.plan.id, { themeId: f.theme.id, includeHidden: true })).toEqual([]);
	});

	it('saves, and refuses a save based on a version someone has changed since', async () => {
		const ids = { planId: f.plan.id, themeId: f.theme.id };
		const first = await saveSynthesis(f.researcher, { ...ids, body: '첫 종합: **인력**이 부족하다.', expectedRevision: '' });
		expect(first.saved).toBe(true);
		const loaded = await synthesisOf(f.plan.id, f.theme.id);
		expect(loaded).toMatchObject({ body: '첫 종합: **인력**이 부족하다.', updatedBy: '연구자 가' });
		expect(loaded.html).toContain('<strong>인력</strong>');
		expect(first.saved && first.revision).toBe(loaded.revision);

		// Both open the editor on the same version; the colleague saves first.
		const theirs = await saveSynthesis(f.colleague, { ...ids, body: '동료의 수정', expectedRevision: loaded.revision });
		expect(theirs.saved).toBe(true);
		const mine = await saveSynthesis(f.researcher, { ...ids, body: '내 수정', expectedRevision: loaded.revision });
		expect(mine.saved).toBe(false);
		if (mine.saved) return;
		expect(mine.current).toMatchObject({ body: '동료의 수정', updatedBy: '연구자 나' });
		expect((await synthesisOf(f.plan.id, f.theme.id)).body).toBe('동료의 수정');

		// Having seen the newer version, saving against it goes through.
		const again = await saveSynthesis(f.researcher, { ...ids, body: '내 수정', expectedRevision: mine.current.revision });
		expect(again.saved).toBe(true);
		expect((await synthesisOf(f.plan.id, f.theme.id)).body).toBe('내 수정');
	});

	it('refuses a first version when someone wrote one meanwhile', async () => {
		const ids = { planId: f.plan.id, themeId: f.other.id };
		expect((await saveSynthesis(f.colleague, { ...ids, body: '먼저', expectedRevision: '' })).saved).toBe(true);
		const late = await saveSynthesis(f.researcher, { ...ids, body: '나중', expectedRevision: '' });
		expect(late.saved).toBe(false);
		expect((await synthesisOf(f.plan.id, f.other.id)).body).toBe('먼저');
	});

	it('always moves the revision forward, even when the clock went back', async () => {
		const ids = { planId: f.plan.id, themeId: f.other.id };
		// Moves updated_at into the future: a plain now() would then go backwards and could repeat.
		await db
			.update(themeSyntheses)
			.set({ updatedAt: new Date(Date.now() + 60_000) })
			.where(eq(themeSyntheses.themeId, f.other.id));
		const { revision } = await synthesisOf(f.plan.id, f.other.id);
		const saved = await saveSynthesis(f.researcher, { ...ids, body: '다시', expectedRevision: revision });
		expect(saved.saved && BigInt(saved.revision) > BigInt(revision)).toBe(true);
	});

	it('pins only passages of the comment as read, and keeps their order', async () => {
		const ids = { planId: f.plan.id, themeId: f.theme.id };
		await expectCode(pinQuote(f.researcher, { ...ids, commentId: f.commentId, excerpt: '없는 문장입니다' }), 'excerpt_not_found');
		// The Markdown source is not the text: "**한 사람**" reads "한 사람".
		await expectCode(pinQuote(f.researcher, { ...ids, commentId: f.commentId, excerpt: '**한 사람**이라면' }), 'excerpt_not_found');
		const a = await pinQuote(f.researcher, { ...ids, commentId: f.commentId, excerpt: '한 사람이라면 상담도,   교육도' });
		const b = await pinQuote(f.colleague, { ...ids, commentId: f.commentId, excerpt: '제대로 할 수 없습니다' });
		const c = await pinQuote(f.researcher, { ...ids, commentId: await f.write('마을이 먼저입니다.'), excerpt: '마을이 먼저' });
		expect(await pinQuote(f.colleague, { ...ids, commentId: f.commentId, excerpt: '한 사람이라면 상담도, 교육도' })).toBe(a);
		let quotes = await quotesOf(f.plan.id, { themeId: f.theme.id });
		expect(quotes.map((q) => q.id)).toEqual([a, b, c]);
		expect(quotes[0]).toMatchObject({
			excerpt: '한 사람이라면 상담도, 교육도',
			commentId: f.commentId,
			author: { name: '참여자 다', organisation: '광명 생협', group: 'cooperative' },
			visible: true
		});

		await moveQuote(f.researcher, { ...ids, quoteId: c, direction: 'up' });
		await moveQuote(f.researcher, { ...ids, quoteId: a, direction: 'up' });
		quotes = await quotesOf(f.plan.id, { themeId: f.theme.id });
		expect(quotes.map((q) => q.id)).toEqual([a, c, b]);
		await moveQuote(f.researcher, { ...ids, quoteId: b, direction: 'down' });
		expect((await quotesOf(f.plan.id, { themeId: f.theme.id })).map((q) => q.id)).toEqual([a, c, b]);

		await expectCode(unpinQuote(f.researcher, { planId: f.plan.id, themeId: f.other.id, quoteId: c }), 'quote_not_found');
		await unpinQuote(f.researcher, { ...ids, quoteId: c });
		expect((await quotesOf(f.plan.id, { themeId: f.theme.id })).map((q) => q.id)).toEqual([a, b]);
	});

	it('pins nothing from hidden comments or other plans, and hides quotes of comments hidden later', async () => {
		const ids = { planId: f.plan.id, themeId: f.other.id };
		const elsewhere = await createPublishedPlan();
		const foreign = (
			await comments.create({
				planId: elsewhere.plan.id,
				sectionKey: 'vision',
				kind: 'support',
				body: '다른 계획의 의견',
				authorId: f.participant.id,
				idempotencyKey: key()
			})
		).id;
		await expectCode(pinQuote(f.researcher, { ...ids, commentId: foreign, excerpt: '다른 계획' }), 'comment_not_found');

		const later = await f.write('곧 숨겨질 의견입니다.');
		const quote = await pinQuote(f.researcher, { ...ids, commentId: later, excerpt: '숨겨질 의견' });
		await db.update(commentsTable).set({ status: 'hidden' }).where(eq(commentsTable.id, later));
		await expectCode(pinQuote(f.researcher, { ...ids, commentId: later, excerpt: '숨겨질' }), 'comment_not_found');
		expect((await quotesOf(f.plan.id, { themeId: f.other.id })).map((q) => q.id)).not.toContain(quote);
		const forEditors = await quotesOf(f.plan.id, { themeId: f.other.id, includeHidden: true });
		expect(forEditors.find((q) => q.id === quote)).toMatchObject({ visible: false });
	});
});

describe('the theme page actions', () => {
	let f: Awaited<ReturnType<typeof fixture>>;
	beforeAll(async () => {
		f = await fixture();
	});

	const asUser = (user: { id: number; roles: string[] } | null) =>
		user ? ({ ...user, displayName: 'x', email: 'x@example.org', organisation: '', stakeholderGroup: 'citizen' } as unknown as SessionUser) : null;

	function event(action: string, user: { id: number; roles: string[] } | null, fields: Record<string, string>) {
		const url = new URL(`http://localhost/plans/${f.plan.slug}/themes/${f.theme.slug}?section=vision&/${action}`);
		const body = new FormData();
		for (const [name, value] of Object.entries(fields)) body.set(name, value);
		return {
			url,
			params: { slug: f.plan.slug, theme: f.theme.slug },
			locals: { user: asUser(user), session: null },
			request: new Request(url, { method: 'POST', body })
		} as unknown as Parameters<(typeof actions)['saveSynthesis']>[0];
	}

	async function outcome(promise: unknown) {
		try {
			return { result: await promise };
		} catch (thrown) {
			return { thrown };
		}
	}

	it('refuses visitors (401) and non-researchers (403) before reading anything', async () => {
		for (const name of ['saveSynthesis', 'previewSynthesis', 'pinQuote', 'unpinQuote', 'moveQuote'] as const) {
			const anonymous = await outcome(actions[name](event(name, null, { body: '무단', revision: '' })));
			expect(isHttpError(anonymous.thrown, 401)).toBe(true);
			for (const user of [f.participant, f.official, f.admin]) {
				const refused = await outcome(actions[name](event(name, user, { body: '무단', revision: '' })));
				expect(isHttpError(refused.thrown, 403)).toBe(true);
			}
		}
		expect((await synthesisOf(f.plan.id, f.theme.id)).body).toBe('');
	});

	it('saves for a researcher and goes back to the page with its filters', async () => {
		const saved = await outcome(actions.saveSynthesis(event('saveSynthesis', f.researcher, { body: '연구진 종합', revision: '' })));
		expect(isRedirect(saved.thrown)).toBe(true);
		expect((saved.thrown as { status: number; location: string }).status).toBe(303);
		expect((saved.thrown as { location: string }).location).toBe(`/plans/${f.plan.slug}/themes/${f.theme.slug}?section=vision&saved=1#synthesis`);
		expect((await synthesisOf(f.plan.id, f.theme.id)).body).toBe('연구진 종합');
	});

	it('answers a stale save with 409, the text typed and the newer version', async () => {
		const refused = await outcome(actions.saveSynthesis(event('saveSynthesis', f.researcher, { body: '내가 쓴 글', revision: '' })));
		const failure = refused.result as ActionFailure<{
			values: Record<string, string>;
			conflict: { html: string; revision: string };
		}>;
		expect(failure.status).toBe(409);
		expect(failure.data.values.body).toBe('내가 쓴 글');
		expect(failure.data.conflict.html).toContain('연구진 종합');
		expect(failure.data.conflict.revision).toBe((await synthesisOf(f.plan.id, f.theme.id)).revision);
		expect((await synthesisOf(f.plan.id, f.theme.id)).body).toBe('연구진 종합');
	});

	it('previews without saving', async () => {
		const { revision } = await synthesisOf(f.plan.id, f.theme.id);
		const preview = await outcome(actions.previewSynthesis(event('previewSynthesis', f.researcher, { body: '**미리**', revision })));
		expect(preview.result).toMatchObject({ preview: expect.stringContaining('<strong>미리</strong>'), values: { body: '**미리**' } });
		expect((await synthesisOf(f.plan.id, f.theme.id)).body).toBe('연구진 종합');
	});

	it("sends a merged theme's page to the theme it was merged into", async () => {
		const [survivor] = await db
			.insert(themes)
			.values({ slug: `kept-${key()}`, labelKo: '남은 주제', labelEn: 'Kept' })
			.returning();
		const [merged] = await db
			.insert(themes)
			.values({ slug: `gone-${key()}`, labelKo: '병합된 주제', labelEn: 'Gone', archivedAt: new Date(), mergedIntoId: survivor.id })
			.returning();
		const url = new URL(`http://localhost/plans/${f.plan.slug}/themes/${merged.slug}?kind=concern`);
		const loaded = await outcome(
			load({ url, params: { slug: f.plan.slug, theme: merged.slug }, locals: { user: null, session: null } } as unknown as Parameters<typeof load>[0])
		);
		expect(isRedirect(loaded.thrown)).toBe(true);
		expect(loaded.thrown).toMatchObject({ status: 308, location: `/plans/${f.plan.slug}/themes/${survivor.slug}?kind=concern` });
	});

	it('keeps the excerpt typed when it is not in the comment', async () => {
		const refused = await outcome(actions.pinQuote(event('pinQuote', f.researcher, { commentId: String(f.commentId), excerpt: '지어낸 말' })));
		const failure = refused.result as ActionFailure<{ pinning: number; values: Record<string, string>; errors: Record<string, string> }>;
		expect(failure.status).toBe(400);
		expect(failure.data).toMatchObject({ pinning: f.commentId, values: { excerpt: '지어낸 말' } });
		expect(failure.data.errors.excerpt).toBeTruthy();
	});
});
