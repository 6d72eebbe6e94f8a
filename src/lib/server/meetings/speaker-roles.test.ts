import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import { parseTranscript } from '$lib/transcripts/parse';
import { inferSpeakerRole } from '$lib/transcripts/stakeholder';
import * as write from '../commentary/write';
import * as commentViews from '../commentary/views';
import * as responses from '../outcome/responses';
import * as outcome from '../outcome/report';
import * as sessions from './meetings';
import { importStatements, setSpeakerRole } from './statements';
import { rowsFromForm, rowsFromStatements, validateRows } from '../pages/transcript-preview';

useTestDatabase();

const TRANSCRIPT = `사회자: 오늘 중간보고회를 시작하겠습니다. 발표 뒤에 자유롭게 말씀해 주십시오.
하정민(광명시 일자리정책과 주무관) 계획의 얼개를 먼저 설명드리겠습니다. 다섯 개 분야로 나누었습니다.
김영수(광명 소비자생활협동조합 이사장) 지원센터 인력이 너무 적습니다. 최소 다섯 명은 필요합니다.
이정민(경기도 사회적경제과 팀장) 경기도 사례도 함께 보여 주셨으면 합니다.`;

describe('who speaks at a session in what capacity', () => {
	it('guesses the chair by role word and the plan’s own city staff by department, not another government', () => {
		expect(inferSpeakerRole('사회자', '', '광명시')).toBe('chair');
		expect(inferSpeakerRole('김○○', '좌장', '광명시')).toBe('chair');
		expect(inferSpeakerRole('하정민', '광명시 일자리정책과 주무관', '광명시 일자리정책과 · 사회적경제 연구진')).toBe('staff');
		expect(inferSpeakerRole('하정민', '광명시 사회적경제과', '광명시')).toBe('staff');
		expect(inferSpeakerRole('이정민', '경기도 사회적경제과 팀장', '광명시')).toBeNull();
		expect(inferSpeakerRole('김영수', '광명 소비자생활협동조합 이사장', '광명시')).toBeNull();
		expect(inferSpeakerRole('권나래', '광명시민', '광명시')).toBeNull();
		expect(inferSpeakerRole('송재희', '광명시 평생학습원', '광명시')).toBeNull();
	});

	it('keeps the chair’s and staff’s words but leaves them out of the answer queue, the count and the report', async () => {
		const { plan, version, official } = await createPublishedPlan();
		const session = await sessions.create(
			plan.id,
			{ title: '중간보고회', kind: 'interim_report', heldOn: '2015-03-20', place: '광명시청', attendees: 15, versionNumber: 1, notes: '' },
			official.id
		);
		const rows = rowsFromStatements(parseTranscript(TRANSCRIPT), plan.organisation);
		expect(rows.map((row) => [row.name, row.role])).toEqual([
			['사회자', 'chair'],
			['하정민', 'staff'],
			['김영수', ''],
			['이정민', '']
		]);
		// The official's choice travels through the preview's form fields like every other column.
		const form = new FormData();
		form.set('rows', String(rows.length));
		rows.forEach((row, i) => {
			for (const [key, value] of Object.entries(row)) if (typeof value === 'string') form.set(`${key}.${i}`, value);
		});
		const checked = validateRows(rowsFromForm(form), new Set(['support-centre', 'vision']));
		if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
		expect(checked.statements.map((s) => s.speakerRole)).toEqual(['chair', 'staff', null, null]);
		await importStatements(session, checked.statements, official.id);

		const ids = await sessions.statementIds(session);
		const said = await commentViews.listByIds(ids, null);
		expect(said.map((c) => c.author?.role)).toEqual(['chair', 'staff', null, null]);
		// Shown with the rest of the session.
		expect(said).toHaveLength(4);

		expect(await responses.unansweredCount(plan.id)).toEqual({ unanswered: 2, voices: 2 });
		const queue = await responses.queue(plan.id, {}, 1);
		expect(queue.ids).toEqual([ids[2], ids[3]]);
		expect((await responses.queue(plan.id, { answered: 'voices' }, 1)).ids).toEqual([ids[0], ids[1]]);
		expect((await responses.queue(plan.id, { answered: 'all' }, 1)).total).toBe(4);

		const report = await outcome.report(plan.id, version.number);
		expect(report?.total).toBe(2);
		expect(report?.voices).toBe(2);
		expect(report?.byDisposition.none).toBe(2);
		const listed = report?.sections.flatMap((section) => section.comments.map((c) => c.id)) ?? [];
		expect(listed).toEqual(expect.arrayContaining(ids));

		// Later, on the comment: the official says the staff member spoke as a stakeholder after all.
		expect(await setSpeakerRole(ids[1], null, official.id)).toBe(true);
		expect(await setSpeakerRole(ids[1], null, official.id)).toBe(false);
		expect(await responses.unansweredCount(plan.id)).toEqual({ unanswered: 3, voices: 1 });
		const audited = await db.select().from(auditLog).where(eq(auditLog.action, 'comment.speaker_role'));
		expect(audited.map((entry) => [entry.targetId, entry.detail])).toEqual([[String(ids[1]), { role: null }]]);
	});

	it('gives no speaker role to a comment written online', async () => {
		const { plan, official } = await createPublishedPlan();
		const author = await createUser();
		const online = await write.create({
			planId: plan.id,
			sectionKey: 'vision',
			kind: 'concern',
			body: '온라인 의견입니다.',
			authorId: author.id,
			idempotencyKey: 'online-1'
		});
		expect(await setSpeakerRole(online.id, 'chair', official.id)).toBe(false);
		expect((await commentViews.byId(online.id, null))?.author?.role).toBeNull();
		expect(await responses.unansweredCount(plan.id)).toEqual({ unanswered: 1, voices: 0 });
	});
});
