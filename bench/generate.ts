// Synthetic consultation data for the benchmark, written through the app's own data layer (its
// Drizzle schema, connection and data modules): 1 plan, 3 versions of 12 sections, N comments in
// threads up to 6 deep (one section holding 1,000), themes with two researchers' tags, dispositions.
// Loaded by bench/run.js through Vite, like scripts/db.js.
import { sql } from 'drizzle-orm';
import { databaseOptions } from '$lib/server/operations/config';
import { openConnection } from '$lib/server/db/client';
import { db, useConnection, rows } from '$lib/server/db';
import { migrate } from '$lib/server/db/migrate';
import { comments, commentResponses, commentTags, themes, users } from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { createSession } from '$lib/server/auth/session';
import * as plans from '$lib/server/plan-text/plans';
import * as versions from '$lib/server/plan-text/versions';
import { DEMO_THEMES } from '$lib/server/seed/themes-content';
import type { SectionInput } from '$lib/server/plan-text/plans';

export const BENCH_SLUG = 'bench';
export const BUSY_SECTION = 's06';
const BUSY_COMMENTS = 1000;
const MAX_DEPTH = 6;
const BATCH = 1000;
const DAY = 86_400_000;
/** Share of a level's comments that get a reply on the next level. */
const REPLY_SHARE = 0.45;

// A deterministic generator (mulberry32), so runs are comparable. Its arithmetic is 32-bit integer:
// the LCG in doubles it replaced lost precision, and its draws were so correlated that comments'
// dates went with their wording (the newest 8,000 of 100,000 held almost no "협동").
let seed = 20151;
const random = () => {
	seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

const SUBJECTS = [
	'지원센터',
	'미니 클러스터',
	'사회적경제위원회',
	'협동조합',
	'마을 모임',
	'평생학습원',
	'실행 전담 TF',
	'공공구매',
	'판로 지원',
	'폐업 실태조사',
	'주민 공모',
	'성과지표',
	'민간위탁',
	'나눔장터',
	'공동 브랜드'
];
const OPINIONS = [
	'인력이 부족해서 제대로 운영되기 어렵습니다',
	'예산이 뒷받침되지 않으면 빈 계획이 됩니다',
	'주민이 직접 참여할 수 있는 구조가 필요합니다',
	'행정이 먼저 신뢰를 보여 주어야 합니다',
	'기존 기업이 살아남도록 돕는 것이 먼저입니다',
	'경기도의 다른 시 사례를 함께 살펴보면 좋겠습니다',
	'시민 소비자를 만나는 판로를 키워야 합니다',
	'일정을 서두르지 말고 충분히 논의했으면 합니다',
	'품질을 높이는 컨설팅이 꾸준히 필요합니다',
	'동 단위로 상시 모이는 자리를 만들어 주세요',
	'운영 결과를 해마다 공개해 주셨으면 합니다',
	'당사자 조직이 심사에 참여해야 합니다'
];
const CLOSERS = [
	'검토 부탁드립니다.',
	'구체적인 일정도 알려 주세요.',
	'이 부분을 꼭 반영해 주세요.',
	'다른 분들의 생각도 궁금합니다.',
	'좋은 방향이라고 생각합니다.'
];

export function koreanComment(): string {
	const sentences = 1 + Math.floor(random() * 4);
	const parts: string[] = [];
	for (let i = 0; i < sentences; i++) parts.push(`${pick(SUBJECTS)}와 관련해 ${pick(OPINIONS)}.`);
	parts.push(pick(CLOSERS));
	return parts.join(' ');
}

function sectionsFor(version: number): SectionInput[] {
	return Array.from({ length: 12 }, (_, i) => {
		const key = `s${String(i + 1).padStart(2, '0')}`;
		const paragraphs = Array.from(
			{ length: 4 },
			(_, p) =>
				`${SUBJECTS[(i + p) % SUBJECTS.length]}에 관한 제${version}판의 계획입니다. ${OPINIONS[(i + p + version) % OPINIONS.length]}. 시는 민간과 함께 이를 추진하며 해마다 결과를 점검합니다.`
		);
		return {
			key,
			heading: `${i + 1}장 ${SUBJECTS[i % SUBJECTS.length]} 추진 계획`,
			parentKey: null,
			body: `## 현황\n\n${paragraphs[0]}\n\n## 추진 방향\n\n${paragraphs.slice(1).join('\n\n')}\n\n- 첫째 과제\n- 둘째 과제\n- 셋째 과제`
		};
	});
}

export interface GeneratedData {
	planSlug: string;
	busySection: string;
	comments: number;
	researcherToken: string;
	posterTokens: string[];
	/** Accounts for the `forum` scenario, who sign in through the sign-in form with FORUM_PASSWORD. */
	forumEmails: string[];
	forumPassword: string;
}

/** Every generated account's password (one argon2id hash, computed once, shared by all of them). */
export const FORUM_PASSWORD = 'bench-password-1';
export const FORUM_PARTICIPANTS = 100;

async function insertUsers(count: number, passwordHash: string, role: string[] = []): Promise<number[]> {
	const ids: number[] = [];
	for (let start = 0; start < count; start += BATCH) {
		const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => ({
			email: `bench-${role[0] ?? 'p'}-${start + i}-${Date.now().toString(36)}@example.org`,
			passwordHash,
			displayName: `${pick(['김', '이', '박', '최', '정', '강', '조', '윤'])}${pick(['민', '서', '지', '하', '도', '수'])}${pick(['준', '연', '우', '은', '현', '아'])}`,
			organisation: pick(['광명 생협', '광명YMCA', '사회적기업 다온', '광명시청', '마을 모임', '']),
			stakeholderGroup: pick(['government', 'social_economy_enterprise', 'cooperative', 'civil_society', 'intermediary', 'research', 'citizen']),
			roles: role
		}));
		ids.push(...(await db.insert(users).values(batch).returning({ id: users.id })).map((r) => r.id));
	}
	return ids;
}

/** Fills an empty, migrated database; returns what the load generator needs. */
export async function generate(total: number, log: (message: string) => void = console.log): Promise<GeneratedData> {
	const passwordHash = await hashPassword(FORUM_PASSWORD);
	const [official] = await insertUsers(1, passwordHash, ['official']);
	const researchers = await insertUsers(2, passwordHash, ['researcher']);
	const participants = await insertUsers(Math.max(200, Math.floor(total / 50)), passwordHash);
	// The forum's participants: known emails, the same hash (hashing 100 passwords would take seconds).
	// Chosen by index, not by random(), so the rest of the data stays what earlier runs measured.
	const forumEmails = Array.from({ length: FORUM_PARTICIPANTS }, (_, i) => `forum-${i + 1}@bench.example.org`);
	await db.insert(users).values(
		forumEmails.map((email, i) => ({
			email,
			passwordHash,
			displayName: `포럼 참여자 ${i + 1}`,
			organisation: ['광명 생협', '광명YMCA', '사회적기업 다온', '마을 모임', ''][i % 5],
			stakeholderGroup: ['social_economy_enterprise', 'cooperative', 'civil_society', 'intermediary', 'citizen'][i % 5],
			roles: []
		}))
	);
	await db.insert(themes).values(DEMO_THEMES.map((t, i) => ({ ...t, keywords: [...t.keywords], position: i + 1 })));
	const themeIds = (await db.select({ id: themes.id }).from(themes)).map((t) => t.id);

	const plan = await plans.create(
		{ slug: BENCH_SLUG, title: '벤치마크 사회적경제 기본계획', summary: '성능 측정용 계획', organisation: '광명시' },
		official
	);
	const versionIds: number[] = [];
	const now = Date.now();
	for (let v = 1; v <= 3; v++) {
		if (v > 1) await versions.startDraft(plan.id, official);
		await versions.saveDraft(plan.id, { title: `제${v}판`, sections: sectionsFor(v) }, official);
		const published = await versions.publish(
			plan.id,
			{
				changeSummary: `제${v}판 공개`,
				commentsOpenAt: new Date(now - 400 * DAY + v * 100 * DAY),
				commentsCloseAt: v === 3 ? new Date(now + 30 * DAY) : new Date(now - 300 * DAY + v * 100 * DAY)
			},
			official
		);
		versionIds.push(published.id);
	}
	log(`plan and 3 versions ready; writing ${total} comments`);

	// Top-level comments first, then replies level by level (a reply needs its parent's id).
	const sectionKeys = sectionsFor(1)
		.map((s) => s.key)
		.filter((k) => k !== BUSY_SECTION);
	type Parent = { id: number; rootId: number; depth: number; sectionKey: string; versionId: number };
	let written = 0;
	let level: Parent[] = [];
	const writeBatch = async (rowsToWrite: (typeof comments.$inferInsert)[]) => {
		const inserted = await db
			.insert(comments)
			.values(rowsToWrite)
			.returning({ id: comments.id, rootId: comments.rootId, depth: comments.depth, sectionKey: comments.sectionKey, versionId: comments.versionId });
		written += inserted.length;
		return inserted.map((c) => ({ ...c, rootId: c.rootId ?? c.id }));
	};
	const commentRow = (sectionKey: string, versionId: number, parent: Parent | null, index: number) => ({
		planId: plan.id,
		sectionKey,
		versionId,
		parentId: parent?.id ?? null,
		rootId: parent ? parent.rootId : null,
		depth: parent ? parent.depth + 1 : 0,
		kind: pick(['support', 'concern', 'suggestion', 'question'] as const),
		body: koreanComment(),
		authorId: pick(participants),
		createdAt: new Date(now - 350 * DAY + Math.floor(random() * 340 * DAY)),
		endorsementCount: Math.floor(random() * random() * 20),
		idempotencyKey: `gen-${index}-${Math.floor(random() * 1e9)}`
	});

	// The busy section: 1,000 comments on the current version, a third of them replies.
	const busyTop = Math.floor(BUSY_COMMENTS * 0.6);
	const busyRoots: Parent[] = [];
	for (let i = 0; i < busyTop; i += BATCH) {
		busyRoots.push(
			...(await writeBatch(Array.from({ length: Math.min(BATCH, busyTop - i) }, (_, j) => commentRow(BUSY_SECTION, versionIds[2], null, i + j))))
		);
	}
	let busyParents = busyRoots;
	let busyLeft = BUSY_COMMENTS - busyTop;
	while (busyLeft > 0) {
		const batch = busyParents
			.filter((p) => p.depth < MAX_DEPTH - 1)
			.slice(0, busyLeft)
			.map((p, j) => commentRow(BUSY_SECTION, versionIds[2], p, written + j));
		if (batch.length === 0) break;
		busyParents = await writeBatch(batch);
		busyLeft -= batch.length;
	}

	const remaining = total - written;
	const topLevel = Math.floor(remaining * 0.55);
	for (let i = 0; i < topLevel; i += BATCH) {
		const batch = Array.from({ length: Math.min(BATCH, topLevel - i) }, (_, j) => {
			const r = random();
			const versionId = r < 0.4 ? versionIds[0] : r < 0.8 ? versionIds[1] : versionIds[2];
			return commentRow(pick(sectionKeys), versionId, null, written + j);
		});
		level.push(...(await writeBatch(batch)));
		if (written % 10_000 < BATCH) log(`  ${written} comments`);
	}
	// Each level answers a share of the one above, so threads reach six levels (depth 0 to 5).
	while (written < total && level.length > 0) {
		const last = level.length > 0 && level[0].depth === MAX_DEPTH - 2;
		const share = last ? 1 : REPLY_SHARE;
		const candidates = level.filter((p) => p.depth < MAX_DEPTH - 1 && random() < share);
		const next: Parent[] = [];
		for (let i = 0; i < candidates.length && written < total; i += BATCH) {
			const slice = candidates.slice(i, i + Math.min(BATCH, total - written));
			next.push(...(await writeBatch(slice.map((p, j) => commentRow(p.sectionKey, p.versionId, p, written + j)))));
		}
		level = next;
	}
	// Whatever the thread levels left over goes in as more top-level comments.
	while (written < total) {
		const batch = Array.from({ length: Math.min(BATCH, total - written) }, (_, j) =>
			commentRow(pick(sectionKeys), pick(versionIds), null, written + j)
		);
		await writeBatch(batch);
	}
	// Replies counted on their parents, as the app keeps them.
	await db.execute(sql`
		update comments c set reply_count = r.n
		from (select parent_id, count(*)::int as n from comments where parent_id is not null group by parent_id) r
		where c.id = r.parent_id`);
	log(`${written} comments written; tagging and answering`);

	const [{ maxId }] = await rows<{ maxId: number }>(sql`select max(id)::int as "maxId" from comments`);
	for (let start = 1; start <= maxId; start += BATCH * 5) {
		const tagRows: (typeof commentTags.$inferInsert)[] = [];
		const answerRows: (typeof commentResponses.$inferInsert)[] = [];
		for (let id = start; id < Math.min(start + BATCH * 5, maxId + 1); id++) {
			if (random() < 0.3) {
				const theme = pick(themeIds);
				tagRows.push({ commentId: id, themeId: theme, taggedBy: researchers[0] });
				if (random() < 0.5) tagRows.push({ commentId: id, themeId: random() < 0.8 ? theme : pick(themeIds), taggedBy: researchers[1] });
			}
			if (random() < 0.5) {
				answerRows.push({
					commentId: id,
					disposition: pick(['accepted', 'partly_accepted', 'under_review', 'not_accepted', 'out_of_scope'] as const),
					body: '검토 결과를 반영했습니다.',
					respondedBy: official
				});
			}
		}
		if (tagRows.length) await db.insert(commentTags).values(tagRows).onConflictDoNothing();
		if (answerRows.length) await db.insert(commentResponses).values(answerRows).onConflictDoNothing();
	}
	await db.execute(sql`analyze`);

	const researcherToken = (await createSession(researchers[0])).token;
	const posterTokens: string[] = [];
	for (const id of participants.slice(0, 200)) posterTokens.push((await createSession(id)).token);
	return {
		planSlug: BENCH_SLUG,
		busySection: BUSY_SECTION,
		comments: written,
		researcherToken,
		posterTokens,
		forumEmails,
		forumPassword: FORUM_PASSWORD
	};
}

/** Entry point for bench/run.js: migrate the database in the environment and fill it. */
export async function run(total: number): Promise<GeneratedData> {
	const connection = await openConnection(databaseOptions());
	useConnection(connection);
	try {
		await migrate(connection);
		return await generate(total);
	} finally {
		useConnection(undefined);
		await connection.close();
	}
}

/** How many comments with this marker in their text the database holds (posting check). */
export async function countMarked(marker: string): Promise<{ total: number; distinct: number }> {
	const connection = await openConnection(databaseOptions());
	useConnection(connection);
	try {
		const [row] = await rows<{ total: number; distinct: number }>(
			sql`select count(*)::int as total, count(distinct body)::int as "distinct" from comments where body like ${'%' + marker + '%'}`
		);
		return row;
	} finally {
		useConnection(undefined);
		await connection.close();
	}
}
