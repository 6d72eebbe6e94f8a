import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { isHttpError } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import {
	codingReviews,
	commentResponses,
	commentTags,
	comments as commentsTable,
	consultationSessions,
	speakers,
	themes
} from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import * as comments from '$lib/server/commentary/write';
import type { SessionUser } from '$lib/server/auth/session';
import { GET as getCsv } from '../../../routes/plans/[slug]/export.csv/+server';
import { GET as getJson } from '../../../routes/plans/[slug]/export.json/+server';
import { csvLayout, commentsDownload } from '../../../routes/plans/[slug]/export-labels';
import { codersOf, csvStream, exportRows, jsonStream, seoulIso } from './exports';

useTestDatabase();

let n = 0;
const key = () => `exp-${n++}-${Math.random().toString(36).slice(2)}`;

const FORMULAS = ['=SUM(A1:A2)', '+82 10 1234', '-1 줄어듭니다', '@cmd 실행', '\t탭으로 시작', '\r캐리지 리턴', '＝전각 등호'];
const TRICKY = '지원센터 "인력" 확충, 꼭 필요합니다.\n두 번째 줄; 세 번째 칸';

async function fixture() {
	const { plan, version } = await createPublishedPlan();
	const author = await createUser({ displayName: '윤미경', organisation: '광명 소비자생협, 이사회', group: 'cooperative' });
	const researcher = await createUser({ roles: ['researcher'], displayName: '가연구' });
	const second = await createUser({ roles: ['researcher'], displayName: '나연구' });
	const [gov, cent, old] = await db
		.insert(themes)
		.values([
			{ slug: `governance-${key()}`, labelKo: '거버넌스', labelEn: 'Governance', position: 2 },
			{ slug: `centre-${key()}`, labelKo: '중간지원조직', labelEn: 'Support centre', position: 1 },
			{ slug: `old-${key()}`, labelKo: '옛 주제', labelEn: 'Old', position: 3, archivedAt: new Date() }
		])
		.returning();
	const write = async (body: string, extra: { parentId?: number; kind?: 'support' | 'concern' | 'suggestion' | 'question' } = {}) =>
		(
			await comments.create({
				planId: plan.id,
				sectionKey: 'support-centre',
				kind: extra.kind ?? 'concern',
				body,
				parentId: extra.parentId,
				authorId: author.id,
				idempotencyKey: key()
			})
		).id;
	const tricky = await write(TRICKY);
	const formulas: Record<string, number> = {};
	for (const body of FORMULAS) formulas[body] = await write(body, { kind: 'question' });
	const reply = await write('답글입니다.', { parentId: tricky, kind: 'support' });
	const hidden = await write('숨겨진 욕설');
	await db.update(commentsTable).set({ status: 'hidden' }).where(eq(commentsTable.id, hidden));

	const [session] = await db
		.insert(consultationSessions)
		.values({ planId: plan.id, versionId: version.id, title: '중간보고회', kind: 'interim_report', heldOn: '2015-03-20' })
		.returning();
	const [speaker] = await db
		.insert(speakers)
		.values({ name: `한지원 ${key()}`, affiliation: '서울 사회적경제지원센터', stakeholderGroup: 'intermediary' })
		.returning();
	const [spoken] = await db
		.insert(commentsTable)
		.values({
			planId: plan.id,
			sectionKey: 'vision',
			versionId: version.id,
			kind: 'suggestion',
			body: '최소 네댓 명은 있어야 합니다.',
			speakerId: speaker.id,
			sessionId: session.id,
			createdAt: new Date('2015-03-20T05:30:15.250Z')
		})
		.returning({ id: commentsTable.id });

	for (const themeId of [gov.id, cent.id, old.id]) {
		await db.insert(commentTags).values({ commentId: tricky, themeId, taggedBy: researcher.id });
	}
	await db.insert(commentResponses).values({ commentId: tricky, disposition: 'accepted', body: '반영하겠습니다.' });
	// A second researcher gives the tricky comment one theme, and looks at the reply and finds none.
	await db.insert(commentTags).values({ commentId: tricky, themeId: gov.id, taggedBy: second.id });
	await db.insert(codingReviews).values([
		{ commentId: tricky, reviewedBy: second.id },
		{ commentId: reply, reviewedBy: second.id }
	]);

	return { plan, author, researcher, second, gov, cent, session, speaker, ids: { tricky, reply, hidden, spoken: spoken.id, formulas } };
}

async function read(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('exports', () => {
	let f: Awaited<ReturnType<typeof fixture>>;
	let bytes: Uint8Array;
	let text: string;
	let records: string[][];
	beforeAll(async () => {
		f = await fixture();
		bytes = await read(csvStream(f.plan.id, {}, csvLayout(), 3));
		text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
		records = parse(text, { bom: true, relax_column_count: false }) as string[][];
	});
	const row = (id: number) => records.find((r) => r[0] === String(id))!;

	it('starts the CSV with a UTF-8 byte order mark, once, and one header row', () => {
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(text.indexOf('\uFEFF', 1)).toBe(-1);
		expect(records[0][0]).toBe('의견 번호');
		expect(records.filter((r) => r[0] === '의견 번호')).toHaveLength(1);
	});

	it('writes CRLF between rows and keeps commas, quotes and newlines inside a cell', () => {
		expect(text.endsWith('\r\n')).toBe(true);
		// Outside quoted cells, every line break is CRLF and there is one per record.
		const unquoted = text.replace(/"(?:[^"]|"")*"/g, '');
		expect(/(?<!\r)\n/.test(unquoted)).toBe(false);
		expect(unquoted.split('\r\n').length - 1).toBe(records.length);
		expect(row(f.ids.tricky)[15]).toBe(TRICKY);
	});

	it('round-trips Hangul and holds every column', () => {
		expect(records[0]).toEqual([
			'의견 번호',
			'상위 의견 번호',
			'장 키',
			'장 제목',
			'차수',
			'회의',
			'작성자 구분',
			'작성자',
			'소속',
			'의견 종류',
			'주제 슬러그',
			'주제',
			'공감 수',
			'처리 결과',
			'작성 시각 (한국 시간)',
			'본문 (마크다운)'
		]);
		expect(row(f.ids.tricky)).toEqual([
			String(f.ids.tricky),
			'',
			'support-centre',
			'지원센터',
			'1',
			'',
			'협동조합',
			'윤미경',
			'광명 소비자생협, 이사회',
			'우려',
			`${f.cent.slug}; ${f.gov.slug}`,
			'중간지원조직; 거버넌스',
			'0',
			'반영',
			expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/),
			TRICKY
		]);
		expect(row(f.ids.reply)[1]).toBe(String(f.ids.tricky));
		expect(row(f.ids.spoken).slice(2, 9)).toEqual([
			'vision',
			'비전과 목표',
			'1',
			'중간보고회',
			'중간지원조직',
			f.speaker.name,
			'서울 사회적경제지원센터'
		]);
		expect(row(f.ids.spoken)[14]).toBe('2015-03-20T14:30:15+09:00');
	});

	it('neutralises formulas with a leading apostrophe and leaves the rest of the cell as written', () => {
		for (const [body, id] of Object.entries(f.ids.formulas)) {
			expect(row(id)[15]).toBe(`'${body}`);
		}
		expect(row(f.ids.tricky)[15].startsWith("'")).toBe(false);
		// Numbers are numbers: an id or a count is never prefixed.
		expect(row(f.ids.tricky)[0]).toBe(String(f.ids.tricky));
	});

	it('leaves hidden and deleted comments out', () => {
		expect(records.some((r) => r[0] === String(f.ids.hidden))).toBe(false);
		expect(records).toHaveLength(1 + 1 + FORMULAS.length + 1 + 1);
	});

	it('reads in pages by id, each comment once', async () => {
		const seen: number[] = [];
		let batches = 0;
		for await (const batch of exportRows(f.plan.id, {}, 2)) {
			batches++;
			seen.push(...batch.map((r) => r.id));
		}
		expect(batches).toBe(Math.ceil((FORMULAS.length + 3) / 2));
		expect(seen).toEqual([...seen].sort((a, b) => a - b));
		expect(new Set(seen).size).toBe(FORMULAS.length + 3);
	});

	it('applies the filters', async () => {
		const byTheme = parse(new TextDecoder().decode(await read(csvStream(f.plan.id, { theme: f.gov.slug }, csvLayout()))), {
			bom: true
		}) as string[][];
		expect(byTheme.slice(1).map((r) => r[0])).toEqual([String(f.ids.tricky)]);
		const bySession = parse(new TextDecoder().decode(await read(csvStream(f.plan.id, { session: f.session.id }, csvLayout()))), {
			bom: true
		}) as string[][];
		expect(bySession.slice(1).map((r) => r[0])).toEqual([String(f.ids.spoken)]);
	});

	it('writes the same comments as one JSON document with codes', async () => {
		const document = JSON.parse(new TextDecoder().decode(await read(jsonStream(f.plan, { kind: 'concern' }, { batchSize: 1 }))));
		expect(document.plan).toEqual({ slug: f.plan.slug, title: f.plan.title });
		expect(document.filters).toEqual({ kind: 'concern' });
		expect(document.comments.map((c: { id: number }) => c.id)).toEqual([f.ids.tricky]);
		expect(document.comments[0]).toMatchObject({
			parent_id: null,
			section_key: 'support-centre',
			section_heading: '지원센터',
			version: 1,
			session: null,
			author: { kind: 'user', name: '윤미경', organisation: '광명 소비자생협, 이사회', stakeholder_group: 'cooperative' },
			kind: 'concern',
			themes: [
				{ slug: f.cent.slug, label_ko: '중간지원조직', label_en: 'Support centre' },
				{ slug: f.gov.slug, label_ko: '거버넌스', label_en: 'Governance' }
			],
			endorsements: 0,
			disposition: 'accepted',
			body: TRICKY
		});
		const all = JSON.parse(new TextDecoder().decode(await read(jsonStream(f.plan, {}, { batchSize: 2 }))));
		expect(all.comments).toHaveLength(FORMULAS.length + 3);
		expect(all.comments.find((c: { id: number }) => c.id === f.ids.formulas['=SUM(A1:A2)']).body).toBe('=SUM(A1:A2)');
		const empty = JSON.parse(new TextDecoder().decode(await read(jsonStream(f.plan, { section: 'nowhere' }))));
		expect(empty.comments).toEqual([]);
	});

	it('names the download after the plan and the Seoul date, in ASCII and in UTF-8', () => {
		const at = new Date('2025-12-31T16:00:00Z'); // 2026-01-01 01:00 in Seoul
		const header = commentsDownload({ slug: 'gwangmyeong', title: '광명시 "사회적경제" 기본계획' }, 'csv', at);
		expect(header).toContain('attachment; filename="gwangmyeong-comments-2026-01-01.csv"');
		const encoded = /filename\*=UTF-8''([^;]+)$/.exec(header)![1];
		expect(encoded).toMatch(/^[A-Za-z0-9%._~-]+$/);
		expect(decodeURIComponent(encoded)).toBe('광명시 _사회적경제_ 기본계획-의견-2026-01-01.csv');
		expect(seoulIso(at)).toBe('2026-01-01T01:00:00+09:00');
	});
});

describe('export routes', () => {
	let planSlug: string;
	beforeAll(async () => {
		planSlug = (await createPublishedPlan()).plan.slug;
	});

	const as = (roles: string[] | null) =>
		({
			params: { slug: planSlug },
			url: new URL(`http://localhost/plans/${planSlug}/export.csv`),
			locals: { user: roles ? ({ id: 1, roles } as unknown as SessionUser) : null, session: null }
		}) as unknown as Parameters<typeof getCsv>[0];

	async function status(handler: typeof getCsv, roles: string[] | null): Promise<number> {
		try {
			const response = await handler(as(roles));
			await response.body?.cancel();
			return response.status;
		} catch (thrown) {
			if (isHttpError(thrown)) return thrown.status;
			throw thrown;
		}
	}

	it('serves researchers, officials and admins; refuses participants (403) and visitors (401)', async () => {
		for (const handler of [getCsv, getJson as unknown as typeof getCsv]) {
			expect(await status(handler, ['researcher'])).toBe(200);
			expect(await status(handler, ['official'])).toBe(200);
			expect(await status(handler, ['admin'])).toBe(200);
			expect(await status(handler, [])).toBe(403);
			expect(await status(handler, ['moderator'])).toBe(403);
			expect(await status(handler, null)).toBe(401);
		}
	});

	it('sends CSV as a private UTF-8 download', async () => {
		const response = await getCsv(as(['official']));
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(
			new RegExp(`^attachment; filename="${planSlug}-comments-\\d{4}-\\d\\d-\\d\\d\\.csv"`)
		);
		expect(response.headers.get('cache-control')).toContain('no-store');
		expect([...new Uint8Array(await response.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	});
});

describe('per-coder columns', () => {
	it('give each researcher a column: their themes, "(주제 없음)" when they found none, empty when they did not code', async () => {
		const f = await fixture();
		const coders = await codersOf(f.plan.id);
		expect(coders.map((c) => c.name)).toEqual(['가연구', '나연구']);
		const text = new TextDecoder().decode(await read(csvStream(f.plan.id, {}, csvLayout(coders), 3)));
		const records = parse(text, { bom: true }) as string[][];
		expect(records[0].slice(-2)).toEqual(['주제 · 가연구', '주제 · 나연구']);
		const row = (id: number) => records.find((r) => r[0] === String(id))!;
		// Position order, archived themes left out, as the shared column.
		expect(row(f.ids.tricky).slice(-2)).toEqual([`${f.cent.slug}; ${f.gov.slug}`, f.gov.slug]);
		expect(row(f.ids.reply).slice(-2)).toEqual(['', '(주제 없음)']);
		expect(row(f.ids.spoken).slice(-2)).toEqual(['', '']);

		const json = JSON.parse(new TextDecoder().decode(await read(jsonStream(f.plan, {}))));
		expect(json.coders.map((c: { name: string }) => c.name)).toEqual(['가연구', '나연구']);
		const byId = (id: number) => json.comments.find((c: { id: number }) => c.id === id);
		expect(byId(f.ids.tricky).coding).toEqual([
			{ coder_id: f.researcher.id, themes: [f.cent.slug, f.gov.slug] },
			{ coder_id: f.second.id, themes: [f.gov.slug] }
		]);
		expect(byId(f.ids.reply).coding).toEqual([{ coder_id: f.second.id, themes: [] }]);
		expect(byId(f.ids.spoken).coding).toEqual([]);
	});
});
