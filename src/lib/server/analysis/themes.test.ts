import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, commentTags, suggestionDecisions, synthesisQuotes, themeSyntheses, themes as themesTable } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import { newThemeSchema } from '$lib/schemas/themes';
import * as comments from '$lib/server/commentary/write';
import * as commentViews from '$lib/server/commentary/views';
import * as tagging from './tagging';
import * as suggestions from './suggestions';
import * as themes from './themes';
import { ThemeError } from './themes';

useTestDatabase();

let counter = 0;
const unique = () => `${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const input = (extra: Partial<{ labelKo: string; keywords: string[] }> = {}) => ({
	slug: `theme-${unique()}`,
	labelKo: '시험 주제',
	labelEn: 'Test theme',
	description: '',
	color: '#123456',
	keywords: [],
	...extra
});

async function setup() {
	const researcher = await createUser({ roles: ['researcher'] });
	const other = await createUser({ roles: ['researcher'] });
	const { plan } = await createPublishedPlan();
	const author = await createUser();
	const write = async (body: string) =>
		(
			await comments.create({
				planId: plan.id,
				sectionKey: 'support-centre',
				kind: 'concern',
				body,
				authorId: author.id,
				idempotencyKey: `k-${unique()}`
			})
		).id;
	return { researcher, other, plan, author, write };
}

async function expectCode(promise: Promise<unknown>, code: themes.ThemeErrorCode) {
	const error = await promise.catch((e: unknown) => e);
	expect(error).toBeInstanceOf(ThemeError);
	expect((error as ThemeError).code).toBe(code);
}

const tagsOf = (themeId: number) =>
	db.select().from(commentTags).where(eq(commentTags.themeId, themeId)).orderBy(asc(commentTags.commentId), asc(commentTags.taggedBy));

describe('the taxonomy', () => {
	it('lets researchers create and edit themes, and nobody else', async () => {
		const { researcher, author } = await setup();
		const official = await createUser({ roles: ['official'] });
		const admin = await createUser({ roles: ['admin'] });
		for (const user of [author, official, admin]) await expectCode(themes.create(input(), user), 'forbidden');

		const first = await themes.create(input({ keywords: ['시험'] }), researcher);
		const second = await themes.create(input(), researcher);
		expect(second.position).toBeGreaterThan(first.position);
		await expectCode(themes.create({ ...input(), slug: first.slug }, researcher), 'slug_taken');

		for (const user of [author, official, admin]) await expectCode(themes.update(first.id, input(), user), 'forbidden');
		const edited = await themes.update(
			first.id,
			{ labelKo: '새 이름', labelEn: 'New name', description: '설명', color: '#abcdef', keywords: ['새', '키워드'] },
			researcher
		);
		expect(edited).toMatchObject({ slug: first.slug, labelKo: '새 이름', labelEn: 'New name', color: '#abcdef', keywords: ['새', '키워드'] });
		const audit = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.targetType, 'theme'), eq(auditLog.targetId, String(first.id))))
			.orderBy(asc(auditLog.id));
		expect(audit.map((entry) => entry.action)).toEqual(['theme.create', 'theme.update']);
		expect(audit[1].detail).toMatchObject({ changed: ['labelKo', 'labelEn', 'description', 'color', 'keywords'] });
	});

	it('validates the form beside each field', () => {
		const bad = newThemeSchema.safeParse({ slug: 'Not A Slug', labelKo: ' ', labelEn: '', color: 'blue', keywords: '' });
		expect(bad.success).toBe(false);
		const fields = new Set(bad.error!.issues.map((issue) => issue.path.join('.')));
		expect([...fields].sort()).toEqual(['color', 'labelEn', 'labelKo', 'slug']);
		expect(bad.error!.issues.find((issue) => issue.path[0] === 'color')?.message).toBe('theme_color_format');
		expect(bad.error!.issues.find((issue) => issue.path[0] === 'slug')?.message).toBe('slug_format');

		const good = newThemeSchema.parse({
			slug: 'village-care',
			labelKo: '마을 돌봄',
			labelEn: 'Village care',
			color: '#A1B2C3',
			keywords: '돌봄, 마을\n 돌봄 \n\n어르신'
		});
		expect(good).toMatchObject({ color: '#a1b2c3', keywords: ['돌봄', '마을', '어르신'], description: '' });
	});
});

describe('merging themes', () => {
	it('moves every tag to the survivor without duplicates, and nothing is lost', async () => {
		const { researcher, other, plan, write } = await setup();
		const source = await themes.create(input({ labelKo: '센터 운영', keywords: ['민간위탁'] }), researcher);
		const survivor = await themes.create(input({ labelKo: '중간지원', keywords: ['센터'] }), researcher);
		const [c1, c2, c3, c4, c5] = [await write('하나'), await write('둘'), await write('셋'), await write('넷'), await write('다섯')];
		// c1: the same researcher tagged both (a duplicate after the merge); another researcher only the source.
		await tagging.tag(c1, source.slug, researcher);
		await tagging.tag(c1, survivor.slug, researcher);
		await tagging.tag(c1, source.slug, other);
		await tagging.acceptSuggestion(c2, source.slug, researcher);
		await tagging.tag(c3, survivor.slug, researcher);
		await tagging.rejectSuggestion(c4, source.slug, researcher);
		// c5: the source was accepted, the survivor rejected: the acceptance stands for the merged theme.
		await tagging.acceptSuggestion(c5, source.slug, other);
		await tagging.rejectSuggestion(c5, survivor.slug, researcher);
		const [c2Before] = await db
			.select()
			.from(commentTags)
			.where(and(eq(commentTags.commentId, c2), eq(commentTags.themeId, source.id)));

		const other2 = await createPublishedPlan();
		await db.insert(themeSyntheses).values([
			{ planId: plan.id, themeId: source.id, body: '센터 운영 방식에 대한 종합.' },
			{ planId: plan.id, themeId: survivor.id, body: '중간지원조직 종합.' },
			{ planId: other2.plan.id, themeId: source.id, body: '다른 계획의 종합.' }
		]);
		await db.insert(synthesisQuotes).values([
			{ planId: plan.id, themeId: survivor.id, commentId: c3, excerpt: '셋', position: 0 },
			{ planId: plan.id, themeId: source.id, commentId: c1, excerpt: '하나', position: 0 },
			{ planId: plan.id, themeId: source.id, commentId: c2, excerpt: '둘', position: 1 }
		]);

		await expectCode(themes.merge(source.id, survivor.id, await createUser()), 'forbidden');
		await expectCode(themes.merge(source.id, source.id, researcher), 'same_theme');
		const result = await themes.merge(source.id, survivor.id, researcher);
		expect(result).toEqual({ tagsMoved: 3, duplicatesDropped: 1, decisionsMoved: 3, quotesMoved: 2, synthesesMerged: 2 });

		expect(await tagsOf(source.id)).toEqual([]);
		const moved = await tagsOf(survivor.id);
		expect(moved.map((tag) => [tag.commentId, tag.taggedBy])).toEqual(
			[
				[c1, researcher.id],
				[c1, other.id],
				[c2, researcher.id],
				[c3, researcher.id],
				[c5, other.id]
			].sort((x, y) => x[0] - y[0] || x[1] - y[1])
		);
		// Who tagged, when, and how are kept.
		expect(moved.find((tag) => tag.commentId === c2)).toMatchObject({ taggedAt: c2Before.taggedAt, source: 'suggestion' });
		const view = await commentViews.byId(c1, null);
		expect(view!.tags).toEqual([expect.objectContaining({ slug: survivor.slug, taggedBy: [researcher.id, other.id].sort((a, b) => a - b) })]);

		const decisions = await db.select().from(suggestionDecisions).where(eq(suggestionDecisions.themeId, survivor.id));
		const decisionOf = (id: number) => decisions.find((d) => d.commentId === id)?.decision;
		expect([decisionOf(c2), decisionOf(c4), decisionOf(c5)]).toEqual(['accepted', 'rejected', 'accepted']);
		expect(await db.select().from(suggestionDecisions).where(eq(suggestionDecisions.themeId, source.id))).toEqual([]);

		const quotes = await db.select().from(synthesisQuotes).where(eq(synthesisQuotes.themeId, survivor.id)).orderBy(asc(synthesisQuotes.position));
		expect(quotes.map((q) => [q.commentId, q.position])).toEqual([
			[c3, 0],
			[c1, 1],
			[c2, 2]
		]);
		const syntheses = await db.select().from(themeSyntheses).where(eq(themeSyntheses.themeId, survivor.id));
		const bodyIn = (planId: number) => syntheses.find((s) => s.planId === planId)?.body;
		expect(bodyIn(plan.id)).toBe('중간지원조직 종합.\n\n### 센터 운영\n\n센터 운영 방식에 대한 종합.');
		expect(bodyIn(other2.plan.id)).toBe('### 센터 운영\n\n다른 계획의 종합.');
		expect(syntheses.every((s) => s.updatedBy === researcher.id)).toBe(true);
		expect(await db.select().from(themeSyntheses).where(eq(themeSyntheses.themeId, source.id))).toEqual([]);

		const [archived] = await db.select().from(themesTable).where(eq(themesTable.id, source.id));
		expect(archived.mergedIntoId).toBe(survivor.id);
		expect(archived.archivedAt).not.toBeNull();
		const [kept] = await db.select().from(themesTable).where(eq(themesTable.id, survivor.id));
		expect(kept.keywords).toEqual(['센터', '민간위탁']);
		const listed = await themes.list();
		expect(listed.active.map((t) => t.slug)).not.toContain(source.slug);
		expect(listed.archived.find((t) => t.slug === source.slug)).toMatchObject({ mergedInto: { slug: survivor.slug }, tagCount: 0 });
		expect(listed.active.find((t) => t.slug === survivor.slug)?.tagCount).toBe(4);

		const [entry] = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'theme.merge'), eq(auditLog.targetId, String(source.id))));
		expect(entry).toMatchObject({
			actorId: researcher.id,
			detail: { source: source.slug, survivor: survivor.slug, tagsMoved: 3, duplicatesDropped: 1 }
		});

		// A merged theme stays merged, and cannot take part in another merge.
		await expectCode(themes.restore(source.id, researcher), 'merged');
		await expectCode(themes.update(source.id, input(), researcher), 'merged');
		const third = await themes.create(input(), researcher);
		await expectCode(themes.merge(source.id, third.id, researcher), 'archived');
		await expectCode(themes.merge(third.id, source.id, researcher), 'archived');
	});

	it("makes the source's keywords suggest the survivor", async () => {
		const { researcher, write } = await setup();
		const source = await themes.create(input({ keywords: ['반찬나눔'] }), researcher);
		const survivor = await themes.create(input({ keywords: ['돌봄모임'] }), researcher);
		const id = await write('반찬나눔 모임이 마을마다 있습니다.');
		await themes.merge(source.id, survivor.id, researcher);
		const [suggestion] = (await suggestions.suggestionsFor([id])).get(id)!.filter((s) => s.theme === survivor.slug);
		expect(suggestion.reasons).toContainEqual({ kind: 'keyword', keyword: '반찬나눔' });
	});
});

describe('archiving themes', () => {
	it('takes a theme out of use but keeps its tags, and restores it', async () => {
		const { researcher, write } = await setup();
		const theme = await themes.create(input({ keywords: ['폐교활용'] }), researcher);
		const id = await write('폐교활용 방안을 계획에 넣어 주세요.');
		await tagging.tag(id, theme.slug, researcher);
		const fresh = await write('폐교활용 공간을 기업에 빌려주세요.');
		expect((await suggestions.suggestionsFor([fresh])).get(fresh)!.map((s) => s.theme)).toContain(theme.slug);

		await expectCode(themes.archive(theme.id, await createUser({ roles: ['moderator'] })), 'forbidden');
		await themes.archive(theme.id, researcher);
		await themes.archive(theme.id, researcher);
		expect((await themes.active()).map((t) => t.slug)).not.toContain(theme.slug);
		expect((await commentViews.byId(id, null))!.tags.map((t) => t.slug)).toEqual([theme.slug]);
		expect((await suggestions.suggestionsFor([fresh])).get(fresh)!.map((s) => s.theme)).not.toContain(theme.slug);
		await expect(tagging.tag(fresh, theme.slug, researcher)).rejects.toMatchObject({ code: 'theme_not_found' });
		// Removing one's own tag of an archived theme still works.
		expect(await tagging.untag(id, theme.slug, researcher)).toBe(true);
		await tagging.tag(id, (await themes.create(input(), researcher)).slug, researcher);

		await expectCode(themes.restore(theme.id, await createUser()), 'forbidden');
		await themes.restore(theme.id, researcher);
		expect((await themes.active()).map((t) => t.slug)).toContain(theme.slug);
		expect((await suggestions.suggestionsFor([fresh])).get(fresh)!.map((s) => s.theme)).toContain(theme.slug);
		const audit = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.targetType, 'theme'), eq(auditLog.targetId, String(theme.id))))
			.orderBy(asc(auditLog.id));
		expect(audit.map((entry) => entry.action)).toEqual(['theme.create', 'theme.archive', 'theme.restore']);
	});
});
