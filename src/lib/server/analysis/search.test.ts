import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { commentTags, comments as commentsTable, consultationSessions, speakers, themes } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import * as comments from '$lib/server/commentary/write';
import { searchTerms, type CommentFilters } from '$lib/schemas/search';
import type { CommentKind } from '$lib/server/db/schema';
import { termConditions } from './comment-filters';
import { COUNT_CAP, findComments, findSections } from './search';

useTestDatabase();

let n = 0;
const key = () => `search-${n++}-${Math.random().toString(36).slice(2)}`;

const sections = [
	{ key: 'vision', heading: '비전과 목표', parentKey: null, body: '서로 돕는 경제, 함께 사는 광명. 마을이 기본 단위입니다.' },
	{ key: 'support-centre', heading: '지원센터', parentKey: null, body: '사회적경제 **지원센터**의 전담 인력은 1명입니다.' }
];

async function fixture() {
	const { plan, version } = await createPublishedPlan({ sections });
	const coop = await createUser({ group: 'cooperative' });
	const citizen = await createUser({ group: 'citizen' });
	const researcher = await createUser({ roles: ['researcher'] });
	const write = async (body: string, options: { by?: number; section?: string; kind?: CommentKind } = {}) =>
		(
			await comments.create({
				planId: plan.id,
				sectionKey: options.section ?? 'support-centre',
				kind: options.kind ?? 'concern',
				body,
				authorId: options.by ?? coop.id,
				idempotencyKey: key()
			})
		).id;
	const ids = {
		centre: await write('지원센터가 한 사람이라면 상담도 교육도 어렵습니다.'),
		village: await write('마을 단위의 주민 모임이 먼저입니다.', { section: 'vision', by: citizen.id, kind: 'suggestion' }),
		civil: await write('센터는 **민간위탁**으로 운영해 자율성을 지켜야 합니다.', { kind: 'suggestion' }),
		forest: await write('숲 해설가 협동조합도 함께할 수 있습니다.', { section: 'vision', kind: 'support' }),
		percent: await write('예산의 100%를 인건비로 쓰자는 말은 아닙니다.', { by: citizen.id }),
		underscore: await write('파일 이름은 plan_v2 로 하면 됩니다.', { by: citizen.id, kind: 'question' }),
		abc: await write('abc 단계로 나누어 봅시다.', { by: citizen.id, kind: 'question' }),
		latin: await write('TF를 꾸려 예산을 챙깁시다.'),
		hidden: await write('숨겨진 마을 이야기와 센터 이야기'),
		nowhere: await write('전혀 관계없는 말.')
	};
	await db.update(commentsTable).set({ status: 'hidden' }).where(eq(commentsTable.id, ids.hidden));

	const [session] = await db
		.insert(consultationSessions)
		.values({ planId: plan.id, versionId: version.id, title: '시민 포럼', kind: 'citizens_forum', heldOn: '2019-06-01' })
		.returning();
	const [speaker] = await db
		.insert(speakers)
		.values({ name: `발언자 ${key()}`, affiliation: '평생학습원', stakeholderGroup: 'government' })
		.returning();
	const [spoken] = await db
		.insert(commentsTable)
		.values({
			planId: plan.id,
			sectionKey: 'vision',
			versionId: version.id,
			kind: 'suggestion',
			body: '마을 평생학습으로 사람을 잇자는 제안입니다.',
			speakerId: speaker.id,
			sessionId: session.id
		})
		.returning({ id: commentsTable.id });
	const [unplaced] = await db
		.insert(commentsTable)
		.values({
			planId: plan.id,
			sectionKey: '',
			versionId: version.id,
			kind: 'support',
			body: '장 없이 남긴 발언 기록',
			speakerId: speaker.id,
			sessionId: session.id
		})
		.returning({ id: commentsTable.id });

	const [theme] = await db
		.insert(themes)
		.values({ slug: `village-${key()}`, labelKo: '지역화와 마을', labelEn: 'Localisation' })
		.returning();
	await db.insert(commentTags).values({ commentId: ids.village, themeId: theme.id, taggedBy: researcher.id });

	return { plan, version, session, theme, ids: { ...ids, spoken: spoken.id, unplaced: unplaced.id } };
}

describe('search', () => {
	let f: Awaited<ReturnType<typeof fixture>>;
	beforeAll(async () => {
		f = await fixture();
	});
	const find = async (query: string, filters: CommentFilters = {}) =>
		(await findComments({ planId: f.plan.id, filters, terms: searchTerms(query), page: 1, capCount: true })).hits
			.map((hit) => hit.id)
			.sort((a, b) => a - b);
	const sorted = (...ids: number[]) => [...ids].sort((a, b) => a - b);

	it('finds one-syllable Hangul terms', async () => {
		expect(await find('숲')).toEqual([f.ids.forest]);
	});

	it('finds two-syllable Hangul terms, also inside longer words', async () => {
		expect(await find('마을')).toEqual(sorted(f.ids.village, f.ids.spoken));
		expect(await find('센터')).toEqual(sorted(f.ids.centre, f.ids.civil));
	});

	it('finds terms of three or more syllables inside words, through Markdown (pg_trgm)', async () => {
		expect(await find('민간위탁')).toEqual([f.ids.civil]);
		expect(await find('지원센터')).toEqual([f.ids.centre]);
		expect(await find('평생학습')).toEqual([f.ids.spoken]);
	});

	it('ignores case for Latin letters and needs every term', async () => {
		expect(await find('tf')).toEqual([f.ids.latin]);
		expect(await find('센터 자율성')).toEqual([f.ids.civil]);
		expect(await find('"주민 모임"')).toEqual([f.ids.village]);
		expect(await find('"모임 주민"')).toEqual([]);
	});

	it('takes LIKE wildcards literally', async () => {
		expect(await find('%')).toEqual([f.ids.percent]);
		expect(await find('100%')).toEqual([f.ids.percent]);
		expect(await find('_')).toEqual([f.ids.underscore]);
		expect(await find('n_v')).toEqual([f.ids.underscore]);
		expect(await find('a_c')).toEqual([]);
		expect(await find('a%c')).toEqual([]);
		expect(await find('\\')).toEqual([]);
	});

	it('never finds hidden comments', async () => {
		expect(await find('숨겨진')).toEqual([]);
		expect(await find('이야기')).toEqual([]);
	});

	it('narrows by section, kind, stakeholder group, session and theme', async () => {
		expect(await find('마을', { section: 'vision' })).toEqual(sorted(f.ids.village, f.ids.spoken));
		expect(await find('센터', { kind: 'suggestion' })).toEqual([f.ids.civil]);
		expect(await find('센터', { group: 'citizen' })).toEqual([]);
		expect(await find('마을', { group: 'citizen' })).toEqual([f.ids.village]);
		expect(await find('마을', { group: 'government' })).toEqual([f.ids.spoken]);
		expect(await find('마을', { session: f.session.id })).toEqual([f.ids.spoken]);
		expect(await find('마을', { session: 'online' })).toEqual([f.ids.village]);
		expect(await find('마을', { theme: f.theme.slug })).toEqual([f.ids.village]);
		expect(await find('', { theme: f.theme.slug })).toEqual([f.ids.village]);
		expect(await find('', { section: '_none' })).toEqual([f.ids.unplaced]);
		// Counted without the author tables joined: the theme condition must still name the outer comment.
		expect((await findComments({ planId: f.plan.id, filters: { theme: f.theme.slug }, page: 1 })).total).toBe(1);
		expect((await findComments({ planId: f.plan.id, filters: { theme: f.theme.slug }, terms: ['마을'], page: 1, capCount: true })).total).toBe(1);
	});

	it('counts, pages and orders the matches', async () => {
		const first = await findComments({ planId: f.plan.id, filters: {}, terms: ['다'], page: 1, pageSize: 3, capCount: true });
		expect(first.total).toBe(9);
		expect(first.pages).toBe(3);
		expect(first.capped).toBe(false);
		const all = [];
		for (let page = 1; page <= 3; page++) {
			all.push(...(await findComments({ planId: f.plan.id, filters: {}, terms: ['다'], page, pageSize: 3 })).hits);
		}
		expect(new Set(all.map((h) => h.id)).size).toBe(9);
		const times = all.map((h) => new Date(h.createdAt).getTime());
		expect(times).toEqual([...times].sort((a, b) => b - a));
	});

	it('describes each hit: author, section heading, version, session and themes', async () => {
		const [hit] = (await findComments({ planId: f.plan.id, filters: {}, terms: ['평생학습'], page: 1 })).hits;
		expect(hit).toMatchObject({
			sectionKey: 'vision',
			sectionHeading: '비전과 목표',
			versionNumber: 1,
			author: { organisation: '평생학습원', group: 'government' },
			session: { id: f.session.id, title: '시민 포럼' }
		});
		const [tagged] = (await findComments({ planId: f.plan.id, filters: {}, terms: ['주민'], page: 1 })).hits;
		expect(tagged.themes.map((t) => t.slug)).toEqual([f.theme.slug]);
	});

	it('finds plan text of the current version, short terms included', async () => {
		expect((await findSections(f.version.id, ['마을'])).map((s) => s.key)).toEqual(['vision']);
		expect((await findSections(f.version.id, ['지원센터'])).map((s) => s.key)).toEqual(['support-centre']);
		expect((await findSections(f.version.id, ['1명'])).map((s) => s.key)).toEqual(['support-centre']);
		const [hit] = await findSections(f.version.id, ['전담']);
		expect(hit).toMatchObject({ number: '2', heading: '지원센터' });
		expect(hit.snippetHtml).toContain('<mark>전담</mark>');
		expect(hit.snippetHtml).not.toContain('**');
		expect(await findSections(f.version.id, ['%'])).toEqual([]);
	});
});

describe('search conditions', () => {
	async function planFor(term: string): Promise<string> {
		return db.transaction(async (tx) => {
			// With sequential scans priced out, the plan shows whether an index can answer the condition.
			await tx.execute(sql`set local enable_seqscan = off`);
			const result = (await tx.execute(sql`explain select id from comments where ${termConditions([term])[0]}`)) as unknown as
				Record<string, string>[] | { rows: Record<string, string>[] };
			const lines = Array.isArray(result) ? result : result.rows;
			return lines.map((line) => Object.values(line).join(' ')).join('\n');
		});
	}

	it('lets the trigram index on the tripled text answer terms of any length', async () => {
		for (const term of ['민간위탁', '마을', '숲', 'TF']) {
			expect(await planFor(term), term).toContain('comments_search_body_trgm');
		}
	});
});

describe('search terms', () => {
	it('splits on spaces, keeps quoted phrases and drops duplicates', () => {
		expect(searchTerms(' 마을  "공공 구매"  마을 센터 ')).toEqual(['마을', '공공 구매', '센터']);
		expect(searchTerms('""')).toEqual([]);
	});
});

describe('searching past the count cap', () => {
	it('finds the newest matches by walking the comments, for terms with and without case', async () => {
		const { plan, version } = await createPublishedPlan({ sections });
		const author = await createUser({ group: 'citizen' });
		const over = COUNT_CAP + 30;
		// Matches all through the plan's history, the newest of them behind a run of comments without the term.
		await db.execute(sql`
			insert into comments (plan_id, section_key, version_id, kind, body, author_id, created_at)
			select ${plan.id}, 'support-centre', ${version.id}, 'suggestion',
				case when g <= ${over} then '협동조합 TF 회의 ' || g else '관계없는 말 ' || g end,
				${author.id}, timestamptz '2026-01-01' + g * interval '1 minute'
			from generate_series(1, ${over + 200}) g`);
		for (const term of ['협동', 'tf']) {
			const found = await findComments({ planId: plan.id, filters: {}, terms: [term], page: 1, pageSize: 5, capCount: true });
			expect(found.capped, term).toBe(true);
			expect(found.total, term).toBe(COUNT_CAP + 1);
			expect(
				found.hits.map((h) => h.body),
				term
			).toEqual([over, over - 1, over - 2, over - 3, over - 4].map((g) => `협동조합 TF 회의 ${g}`));
			const second = await findComments({ planId: plan.id, filters: {}, terms: [term], page: 2, pageSize: 5, capCount: true });
			expect(second.hits[0].body, term).toBe(`협동조합 TF 회의 ${over - 5}`);
		}
	});
});
