import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { isHttpError } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { commentTags, comments as commentsTable, themes } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import * as comments from '$lib/server/commentary/write';
import type { SessionUser } from '$lib/server/auth/session';
import { GET as getQdpx } from '../../../routes/plans/[slug]/export.qdpx/+server';
import { qdpxLabels } from '../../../routes/plans/[slug]/export-labels';
import { guidOf, QDA_NAMESPACE, qdpxProject } from './qdpx';

useTestDatabase();

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Project.xsd's sequence for <Project>: children must come in this order. */
const PROJECT_ORDER = ['Users', 'CodeBook', 'Variables', 'Cases', 'Sources', 'Notes', 'Links', 'Sets', 'Graphs', 'Description', 'NoteRef'];
const ARRAYS = new Set(['User', 'Code', 'Variable', 'Case', 'SourceRef', 'TextSource', 'PlainTextSelection', 'Coding', 'VariableValue']);

let n = 0;
const key = () => `qdpx-${n++}-${Math.random().toString(36).slice(2)}`;

async function fixture() {
	const { plan } = await createPublishedPlan();
	const author = await createUser({ displayName: '윤미경', organisation: '광명 소비자생협', group: 'cooperative' });
	const kim = await createUser({ roles: ['researcher'], displayName: '김연구' });
	const lee = await createUser({ roles: ['researcher'], displayName: '이연구' });
	const [gov, centre] = await db
		.insert(themes)
		.values([
			{
				slug: `governance-${key()}`,
				labelKo: '거버넌스 <협치>',
				labelEn: 'Governance',
				color: '#1d4ed8',
				position: 1,
				description: '민관 협치와 "결정 권한"'
			},
			{ slug: `centre-${key()}`, labelKo: '중간지원조직', labelEn: 'Support centre', color: '#0f766e', position: 2 }
		])
		.returning();
	const write = async (body: string) =>
		(await comments.create({ planId: plan.id, sectionKey: 'support-centre', kind: 'concern', body, authorId: author.id, idempotencyKey: key() })).id;
	const both = await write('지원센터 **인력**을 늘려 주세요. 운영위원회 구성도 & 함께 바꿔야 합니다.');
	const one = await write('협동조합이 모일 공간이 필요합니다 🙂.');
	const none = await write('아직 아무도 분류하지 않은 의견');
	const hidden = await write('숨겨진 의견');
	await db.update(commentsTable).set({ status: 'hidden' }).where(eq(commentsTable.id, hidden));
	await db.insert(commentTags).values([
		{ commentId: both, themeId: gov.id, taggedBy: kim.id },
		{ commentId: both, themeId: centre.id, taggedBy: kim.id },
		{ commentId: both, themeId: centre.id, taggedBy: lee.id },
		{ commentId: one, themeId: gov.id, taggedBy: lee.id }
	]);
	return { plan, kim, lee, gov, centre, ids: { both, one, none, hidden } };
}

type Node = Record<string, unknown>;
const list = (value: unknown): Node[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Node[];

describe('the REFI-QDA project export', () => {
	let f: Awaited<ReturnType<typeof fixture>>;
	let files: Record<string, Uint8Array>;
	let project: Node;
	let order: string[];
	beforeAll(async () => {
		f = await fixture();
		files = unzipSync(await qdpxProject(f.plan, {}, qdpxLabels()));
		const xml = strFromU8(files['project.qde']);
		project = new XMLParser({ ignoreAttributes: false, isArray: (name) => ARRAYS.has(name) }).parse(xml).Project as Node;
		const ordered = new XMLParser({ ignoreAttributes: false, preserveOrder: true }).parse(xml) as Node[];
		const root = ordered.find((node) => 'Project' in node)!;
		order = (root.Project as Node[]).map((child) => Object.keys(child)[0]);
	});

	it('is a zip of project.qde in the QDA-XML namespace, with children in the schema’s order', () => {
		expect(project['@_xmlns']).toBe(QDA_NAMESPACE);
		expect(project['@_name']).toBe('시험 기본계획');
		const positions = order.map((name) => PROJECT_ORDER.indexOf(name));
		expect(positions.every((p) => p >= 0)).toBe(true);
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
		expect(order).toEqual(['Users', 'CodeBook', 'Variables', 'Cases', 'Sources']);
	});

	it('has the themes as codable codes with valid GUIDs and colours, names escaped', () => {
		const codes = list((project.CodeBook as Node).Codes && ((project.CodeBook as Node).Codes as Node).Code);
		const ours = codes.filter((c) => c['@_guid'] === guidOf('theme', f.gov.id) || c['@_guid'] === guidOf('theme', f.centre.id));
		expect(ours.map((c) => [c['@_name'], c['@_isCodable'], c['@_color']])).toEqual([
			['거버넌스 <협치>', 'true', '#1d4ed8'],
			['중간지원조직', 'true', '#0f766e']
		]);
		expect(ours[0].Description).toBe('민관 협치와 "결정 권한"');
		for (const code of codes) {
			expect(code['@_guid']).toMatch(GUID);
			expect(code['@_color']).toMatch(/^#[0-9a-fA-F]{6}$/);
		}
	});

	it('makes each visible comment a text source whose file holds its plain text, and leaves hidden ones out', () => {
		const sources = list((project.Sources as Node).TextSource);
		expect(sources.map((s) => s['@_guid'])).toEqual([guidOf('comment', f.ids.both), guidOf('comment', f.ids.one), guidOf('comment', f.ids.none)]);
		for (const source of sources) {
			expect(source['@_guid']).toMatch(GUID);
			expect(source['@_plainTextPath']).toBe(`internal://${source['@_guid']}.txt`);
			expect(files[`sources/${source['@_guid']}.txt`]).toBeDefined();
		}
		expect(strFromU8(files[`sources/${guidOf('comment', f.ids.both)}.txt`])).toBe(
			'지원센터 인력을 늘려 주세요. 운영위원회 구성도 & 함께 바꿔야 합니다.'
		);
		expect(sources[0]['@_name']).toBe(`의견 #${f.ids.both} · 지원센터`);
		const values = list(sources[0].VariableValue).map((v) => v.TextValue);
		expect(values).toContain('협동조합');
	});

	it('round-trips every researcher’s coding: a selection per coder over the whole text, a coding per theme', () => {
		const users = new Map(list((project.Users as Node).User).map((u) => [u['@_guid'] as string, u['@_name'] as string]));
		const codeNames = new Map(list(((project.CodeBook as Node).Codes as Node).Code).map((c) => [c['@_guid'] as string, c['@_name'] as string]));
		const coded: Record<string, Record<string, string[]>> = {};
		for (const source of list((project.Sources as Node).TextSource)) {
			const text = strFromU8(files[`sources/${source['@_guid']}.txt`]);
			for (const selection of list(source.PlainTextSelection)) {
				expect(Number(selection['@_startPosition'])).toBe(0);
				// Code points: the emoji is one character, as QDA tools count.
				expect(Number(selection['@_endPosition'])).toBe(Array.from(text).length);
				const coder = users.get(selection['@_creatingUser'] as string)!;
				for (const coding of list(selection.Coding)) {
					expect(coding['@_creatingUser']).toBe(selection['@_creatingUser']);
					const code = codeNames.get((coding.CodeRef as Node)['@_targetGUID'] as string)!;
					((coded[source['@_name'] as string] ??= {})[coder] ??= []).push(code);
				}
			}
		}
		expect(coded).toEqual({
			[`의견 #${f.ids.both} · 지원센터`]: { 김연구: ['거버넌스 <협치>', '중간지원조직'], 이연구: ['중간지원조직'] },
			[`의견 #${f.ids.one} · 지원센터`]: { 이연구: ['거버넌스 <협치>'] }
		});
		const withEmoji = strFromU8(files[`sources/${guidOf('comment', f.ids.one)}.txt`]);
		expect([Array.from(withEmoji).length, withEmoji.length]).toEqual([21, 22]);
	});

	it('groups sources into cases by stakeholder group', () => {
		const cases = list((project.Cases as Node).Case);
		const coop = cases.find((c) => c['@_name'] === '협동조합')!;
		expect(list(coop.SourceRef).map((r) => r['@_targetGUID'])).toEqual([f.ids.both, f.ids.one, f.ids.none].map((id) => guidOf('comment', id)));
	});

	it('gives the same GUIDs on every export, so a second import updates rather than duplicates', () => {
		expect(guidOf('comment', 7)).toBe(guidOf('comment', 7));
		expect(guidOf('comment', 7)).not.toBe(guidOf('theme', 7));
		expect(guidOf('comment', 7)).toMatch(GUID);
	});

	it('serves researchers, officials and admins only', async () => {
		const as = (roles: string[] | null) =>
			({
				params: { slug: f.plan.slug },
				url: new URL(`http://localhost/plans/${f.plan.slug}/export.qdpx`),
				locals: { user: roles ? ({ id: 1, roles } as unknown as SessionUser) : null, session: null }
			}) as unknown as Parameters<typeof getQdpx>[0];
		const status = async (roles: string[] | null) => {
			try {
				return (await getQdpx(as(roles))).status;
			} catch (thrown) {
				if (isHttpError(thrown)) return thrown.status;
				throw thrown;
			}
		};
		const response = await getQdpx(as(['researcher']));
		expect(response.headers.get('content-type')).toBe('application/zip');
		expect(response.headers.get('content-disposition')).toMatch(/\.qdpx"/);
		expect(await status(['official'])).toBe(200);
		expect(await status([])).toBe(403);
		expect(await status(null)).toBe(401);
	});
});
