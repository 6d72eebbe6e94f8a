// In-person consultation sessions (meetings, forums, workshops): their records and their speakers.
// What was said there is imported by statements.ts.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { comments, consultationSessions, planVersions, speakers } from '$lib/server/db/schema';
import * as audit from '$lib/server/accounts/audit';

export type SessionKind = 'interim_report' | 'final_report' | 'citizens_forum' | 'workshop';
export const SESSION_KINDS: SessionKind[] = ['interim_report', 'final_report', 'citizens_forum', 'workshop'];

/** A statement not attached to any section lives on the session page only. */
export const NO_SECTION = '';

export interface SessionInput {
	title: string;
	kind: SessionKind;
	heldOn: string;
	place: string;
	attendees: number | null;
	versionNumber: number | null;
	notes: string;
}

export class SessionError extends Error {
	constructor(readonly code: 'session_not_found' | 'version_not_found' | 'section_not_found') {
		super(code);
	}
}

async function versionId(planId: number, number: number | null): Promise<number | null> {
	if (number === null) return null;
	const [version] = await db
		.select({ id: planVersions.id })
		.from(planVersions)
		.where(and(eq(planVersions.planId, planId), eq(planVersions.number, number), sql`${planVersions.status} <> 'draft'`));
	if (!version) throw new SessionError('version_not_found');
	return version.id;
}

/** The columns a session's form sets, on creation and on every edit alike. */
function sessionFields(input: SessionInput, versionId: number | null) {
	return {
		versionId,
		title: input.title,
		kind: input.kind,
		heldOn: input.heldOn,
		place: input.place,
		attendees: input.attendees,
		notes: input.notes
	};
}

export async function create(planId: number, input: SessionInput, officialId: number): Promise<number> {
	const version = await versionId(planId, input.versionNumber);
	return db.transaction(async (tx) => {
		const [session] = await tx
			.insert(consultationSessions)
			.values({ planId, ...sessionFields(input, version), createdBy: officialId })
			.returning({ id: consultationSessions.id });
		await audit.record({ actorId: officialId, action: 'session.create', targetType: 'session', targetId: session.id }, tx);
		return session.id;
	});
}

export async function update(sessionId: number, input: SessionInput, officialId: number): Promise<void> {
	const [existing] = await db.select().from(consultationSessions).where(eq(consultationSessions.id, sessionId));
	if (!existing) throw new SessionError('session_not_found');
	const version = await versionId(existing.planId, input.versionNumber);
	await db.transaction(async (tx) => {
		await tx.update(consultationSessions).set(sessionFields(input, version)).where(eq(consultationSessions.id, sessionId));
		await audit.record({ actorId: officialId, action: 'session.update', targetType: 'session', targetId: sessionId }, tx);
	});
}

export interface SessionSummary {
	id: number;
	planId: number;
	title: string;
	kind: SessionKind;
	heldOn: string;
	place: string;
	attendees: number | null;
	notes: string;
	versionNumber: number | null;
	statementCount: number;
	speakerCount: number;
}

const summaryColumns = {
	id: consultationSessions.id,
	planId: consultationSessions.planId,
	title: consultationSessions.title,
	kind: consultationSessions.kind,
	heldOn: consultationSessions.heldOn,
	place: consultationSessions.place,
	attendees: consultationSessions.attendees,
	notes: consultationSessions.notes,
	versionNumber: planVersions.number,
	statementCount: sql<number>`(select count(*)::int from ${comments} c where c.session_id = ${consultationSessions.id} and c.status <> 'deleted')`,
	speakerCount: sql<number>`(select count(distinct c.speaker_id)::int from ${comments} c where c.session_id = ${consultationSessions.id})`
};

export async function listForPlan(planId: number): Promise<SessionSummary[]> {
	return db
		.select(summaryColumns)
		.from(consultationSessions)
		.leftJoin(planVersions, eq(planVersions.id, consultationSessions.versionId))
		.where(eq(consultationSessions.planId, planId))
		.orderBy(desc(consultationSessions.heldOn), desc(consultationSessions.id));
}

export async function byId(sessionId: number): Promise<SessionSummary | undefined> {
	const [session] = await db
		.select(summaryColumns)
		.from(consultationSessions)
		.leftJoin(planVersions, eq(planVersions.id, consultationSessions.versionId))
		.where(eq(consultationSessions.id, sessionId));
	return session;
}

/** Ids of everything said at a session, in the order it was said. */
export async function statementIds(sessionId: number): Promise<number[]> {
	const found = await db
		.select({ id: comments.id })
		.from(comments)
		.where(eq(comments.sessionId, sessionId))
		.orderBy(asc(comments.createdAt), asc(comments.id));
	return found.map((row) => row.id);
}

/** Speakers of a plan's sessions, in Korean name order (for the researchers' and officials' filters). */
export async function speakersOf(planId: number) {
	const found = await db
		.selectDistinct({ id: speakers.id, name: speakers.name, affiliation: speakers.affiliation, stakeholderGroup: speakers.stakeholderGroup })
		.from(speakers)
		.innerJoin(comments, eq(comments.speakerId, speakers.id))
		.where(eq(comments.planId, planId));
	return found.sort((a, b) => a.name.localeCompare(b.name, 'ko'));
}
