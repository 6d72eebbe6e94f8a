// The two suggestion endpoints, called as SvelteKit calls them: who may, what they say, and that the
// comment endpoint returns exactly what the queue and the thread show for the comment.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { themes as themesTable } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import { DEMO_THEMES } from '$lib/server/seed/themes-content';
import { readQueueFilters } from '$lib/schemas/themes';
import * as comments from '$lib/server/commentary/write';
import * as tagging from '$lib/server/analysis/tagging';
import * as suggestions from '$lib/server/analysis/suggestions';
import * as codingQueue from '$lib/server/analysis/coding-queue';
import type { SessionUser } from '$lib/server/auth/session';
import { POST } from './+server';
import { GET } from '../../comments/[id]/suggestions/+server';

useTestDatabase();

type Handler = (event: never) => Promise<Response>;
const locals = (user: { id: number; roles: string[] } | null) =>
	({
		user: user && ({ ...user, email: '', displayName: '', organisation: '', stakeholderGroup: 'research' } as SessionUser),
		session: null,
		locale: 'ko'
	}) as App.Locals;

async function call(handler: Handler, event: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
	const response = await handler(event as never);
	return { status: response.status, body: await response.json() };
}

const getSuggestions = (user: Parameters<typeof locals>[0], id: string) => call(GET as Handler, { locals: locals(user), params: { id } });
const postText = (user: Parameters<typeof locals>[0], body: string) =>
	call(POST as Handler, {
		locals: locals(user),
		request: new Request('http://localhost/api/v1/themes/suggest', { method: 'POST', body, headers: { 'content-type': 'application/json' } })
	});

let researcher: { id: number; roles: string[] };
let participant: { id: number; roles: string[] };
let official: { id: number; roles: string[] };
let planId: number;
let commentIds: number[];

beforeAll(async () => {
	await db.insert(themesTable).values(DEMO_THEMES.map((theme, index) => ({ ...theme, keywords: [...theme.keywords], position: index + 1 })));
	researcher = await createUser({ roles: ['researcher'] });
	participant = await createUser();
	official = await createUser({ roles: ['official'] });
	const { plan } = await createPublishedPlan();
	planId = plan.id;
	const write = async (body: string, n: number) =>
		(await comments.create({ planId, sectionKey: 'support-centre', kind: 'concern', body, authorId: participant.id, idempotencyKey: `api-${n}` })).id;
	commentIds = [
		await write('지원센터 인력이 한 사람뿐이라 네트워크를 만들 여력이 없습니다.', 1),
		await write('지원센터 인력이 한 사람뿐이니 민간위탁으로 운영해 주세요.', 2),
		await write('미니 클러스터로 센터를 옮기면 시민이 찾기 쉽습니다.', 3)
	];
	await tagging.tag(commentIds[0], 'support-centre', researcher);
	await tagging.tag(commentIds[0], 'staffing', researcher);
	await tagging.rejectSuggestion(commentIds[0], 'lifelong-learning', researcher);
});

describe('GET /api/v1/comments/{id}/suggestions', () => {
	it('returns exactly the suggestions the queue and the thread show, best first', async () => {
		const queue = await codingQueue.queue(planId, { ...readQueueFilters(new URLSearchParams()), state: 'all' }, researcher);
		const panel = await suggestions.panelFor(commentIds, researcher);
		for (const id of commentIds) {
			const { status, body } = await getSuggestions(researcher, String(id));
			expect(status).toBe(200);
			const shown = queue.items.find((item) => item.id === id)!.suggestions;
			expect(body).toEqual(shown.map(({ theme, score, reasons }) => ({ theme, score, reasons })));
			expect(body).toEqual(panel.suggestions[id]);
			const scores = (body as { score: number }[]).map((s) => s.score);
			expect(scores).toEqual([...scores].sort((a, b) => b - a));
		}
		const second = (await getSuggestions(researcher, String(commentIds[1]))).body as { theme: string; reasons: unknown[] }[];
		expect(second.map((s) => s.theme)).toContain('support-centre');
		expect(second.find((s) => s.theme === 'support-centre')!.reasons).toEqual(
			expect.arrayContaining([
				{ kind: 'keyword', keyword: '민간위탁' },
				{ kind: 'similar', theme: 'support-centre', count: 1 }
			])
		);
		// Tagged and rejected themes are not suggested for the first comment.
		const first = (await getSuggestions(researcher, String(commentIds[0]))).body as { theme: string }[];
		expect(first.map((s) => s.theme)).not.toEqual(expect.arrayContaining(['support-centre']));
		expect(first.map((s) => s.theme)).not.toContain('lifelong-learning');
	});

	it('is for researchers only, and 404 for a comment that is not there', async () => {
		expect(await getSuggestions(null, String(commentIds[0]))).toMatchObject({ status: 401, body: { code: 'unauthorised' } });
		expect(await getSuggestions(participant, String(commentIds[0]))).toMatchObject({ status: 403, body: { code: 'forbidden' } });
		expect(await getSuggestions(official, String(commentIds[0]))).toMatchObject({ status: 403, body: { code: 'forbidden' } });
		expect(await getSuggestions(researcher, '999999')).toMatchObject({ status: 404, body: { code: 'not_found' } });
		expect(await getSuggestions(researcher, 'abc')).toMatchObject({ status: 404 });
	});
});

describe('POST /api/v1/themes/suggest', () => {
	it('suggests themes for unsaved text with the same engine and examples', async () => {
		const text = '센터 인력을 늘리고 민간위탁으로 운영해 주세요.';
		const { status, body } = await postText(researcher, JSON.stringify({ text }));
		expect(status).toBe(200);
		const context = await suggestions.suggestionContext();
		expect(body).toEqual(suggestions.suggestForText(text, context).map(({ theme, score, reasons }) => ({ theme, score, reasons })));
		expect((body as { theme: string }[]).map((s) => s.theme)).toContain('support-centre');
	});

	it('answers bad requests with a message in Korean and a code', async () => {
		const bad = await postText(researcher, '{"text": ');
		expect(bad).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
		expect((bad.body as { message: string }).message).toMatch(/[가-힣]/);
		expect(await postText(researcher, JSON.stringify({}))).toMatchObject({ status: 400, body: { code: 'text_required' } });
		expect(await postText(researcher, JSON.stringify({ text: 42 }))).toMatchObject({ status: 400, body: { code: 'text_required' } });
		expect(await postText(researcher, JSON.stringify({ text: '   ' }))).toMatchObject({ status: 400, body: { code: 'text_empty' } });
		const long = await postText(researcher, JSON.stringify({ text: '가'.repeat(10_001) }));
		expect(long).toMatchObject({ status: 400, body: { code: 'text_too_long' } });
		expect((long.body as { message: string }).message).toContain('10,000');
		expect(await postText(researcher, JSON.stringify({ text: '가'.repeat(10_000) }))).toMatchObject({ status: 200 });
	});

	it('is for researchers only', async () => {
		const body = JSON.stringify({ text: '미니 클러스터' });
		expect(await postText(null, body)).toMatchObject({ status: 401, body: { code: 'unauthorised' } });
		expect(await postText(participant, body)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
		expect(await postText(official, body)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
	});
});
