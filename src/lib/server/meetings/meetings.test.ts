import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { comments as commentsTable, speakers } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan } from '$tests/helpers/factories';
import { parseTranscript } from '$lib/transcripts/parse';
import * as comments from '../commentary/threads';
import * as commentViews from '../commentary/views';
import * as sessions from './meetings';
import { importStatements } from './statements';
import { rowsFromStatements, validateRows } from '../pages/transcript-preview';

useTestDatabase();

const TRANSCRIPT = `김영수(광명 소비자생활협동조합 이사장) 지원센터 인력이 너무 적습니다. 최소 다섯 명은 필요합니다.
이정민(경기도 사회적경제과 팀장) 경기도 사례도 함께 보여 주셨으면 합니다.`;

async function setup() {
	const { plan, official } = await createPublishedPlan();
	const session = await sessions.create(
		plan.id,
		{ title: '중간보고회', kind: 'interim_report', heldOn: '2015-03-20', place: '광명시청', attendees: 15, versionNumber: 1, notes: '' },
		official.id
	);
	const statements = validateRows(
		rowsFromStatements(parseTranscript(TRANSCRIPT)).map((row, i) => ({ ...row, section: i === 0 ? 'support-centre' : '' })),
		new Set(['support-centre', 'vision'])
	);
	if (!statements.ok) throw new Error(JSON.stringify(statements.errors));
	return { plan, official, session, statements: statements.statements };
}

describe('importing a transcript', () => {
	it('creates one comment per statement, by speakers without accounts, dated at the session', async () => {
		const { plan, official, session, statements } = await setup();
		expect(await importStatements(session, statements, official.id)).toEqual({ created: 2, skipped: 0 });
		const ids = await sessions.statementIds(session);
		const said = await commentViews.listByIds(ids, null);
		expect(said.map((c) => [c.author?.name, c.author?.kind, c.sectionKey])).toEqual([
			['김영수', 'speaker', 'support-centre'],
			['이정민', 'speaker', '']
		]);
		expect(said[0].author?.group).toBe('cooperative');
		expect(said[1].author?.group).toBe('government');
		expect(said[0].session?.title).toBe('중간보고회');
		expect(new Date(said[0].createdAt).toISOString().slice(0, 10)).toBe('2015-03-20');

		// The statement attached to a section shows in that section's threads like any comment.
		const { threads } = await comments.sectionThreads({
			planId: plan.id,
			sectionKey: 'support-centre',
			upToVersion: 1,
			sort: 'oldest',
			page: 1,
			viewer: null
		});
		expect(threads.map((t) => t.id)).toContain(ids[0]);
	});

	it('imports the same transcript twice without duplicating anything', async () => {
		const { official, session, statements } = await setup();
		await importStatements(session, statements, official.id);
		expect(await importStatements(session, statements, official.id)).toEqual({ created: 0, skipped: 2 });
		const stored = await db.select().from(commentsTable).where(eq(commentsTable.sessionId, session));
		expect(stored).toHaveLength(2);
	});

	it('knows a statement again by its words, whatever was corrected about its speaker', async () => {
		const { official, session, statements } = await setup();
		// One import has the name as corrected, another as the transcript misheard it.
		const misheard = statements.map((statement, i) => (i === 0 ? { ...statement, name: '김영쑤' } : statement));
		expect(await importStatements(session, statements, official.id)).toEqual({ created: 2, skipped: 0 });
		const speakersBefore = (await db.select().from(speakers)).length;
		expect(await importStatements(session, misheard, official.id)).toEqual({ created: 0, skipped: 2 });
		expect(await db.select().from(commentsTable).where(eq(commentsTable.sessionId, session))).toHaveLength(2);
		// Nor does the other spelling leave a speaker behind.
		expect(await db.select().from(speakers).where(eq(speakers.name, '김영쑤'))).toHaveLength(0);
		expect(await db.select().from(speakers)).toHaveLength(speakersBefore);
	});

	it('keeps one speaker record for the same name and affiliation across sessions', async () => {
		const { plan, official, session, statements } = await setup();
		await importStatements(session, statements, official.id);
		const forum = await sessions.create(
			plan.id,
			{ title: '시민토론회', kind: 'citizens_forum', heldOn: '2019-06-12', place: '', attendees: 100, versionNumber: null, notes: '' },
			official.id
		);
		await importStatements(forum, [{ ...statements[0], text: '4년이 지났지만 인력 문제는 그대로입니다.' }], official.id);
		const kims = await db.select().from(speakers).where(eq(speakers.name, '김영수'));
		expect(kims).toHaveLength(1);
		expect((await sessions.byId(forum))?.statementCount).toBe(1);
	});

	it('refuses a section that is not in the version discussed', async () => {
		const { official, session, statements } = await setup();
		await expect(importStatements(session, [{ ...statements[0], sectionKey: 'no-such-section' }], official.id)).rejects.toBeInstanceOf(
			sessions.SessionError
		);
	});
});
