// In-person consultation sessions (meetings, forums, workshops) and the statements said there,
// imported from transcripts as comments by speakers who have no account.
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import * as plans from '$lib/server/plans';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { db } from '$lib/server/db';
import { comments, consultationSessions, planSections, planVersions, speakers } from '$lib/server/db/schema';
import * as audit from '$lib/server/audit';
import * as events from '$lib/server/events';
import type { CommentKind } from '$lib/server/db/schema';
import type { StakeholderGroup } from '$lib/roles';

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

export async function create(planId: number, input: SessionInput, officialId: number): Promise<number> {
	const version = await versionId(planId, input.versionNumber);
	return db.transaction(async (tx) => {
		const [session] = await tx
			.insert(consultationSessions)
			.values({
				planId,
				versionId: version,
				title: input.title,
				kind: input.kind,
				heldOn: input.heldOn,
				place: input.place,
				attendees: input.attendees,
				notes: input.notes,
				createdBy: officialId
			})
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
		await tx
			.update(consultationSessions)
			.set({
				versionId: version,
				title: input.title,
				kind: input.kind,
				heldOn: input.heldOn,
				place: input.place,
				attendees: input.attendees,
				notes: input.notes
			})
			.where(eq(consultationSessions.id, sessionId));
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

/** The session named by a route parameter and its plan, or 404. */
export async function withPlanOr404(param: string) {
	const id = Number(param);
	const session = Number.isInteger(id) && id > 0 ? await byId(id) : undefined;
	const plan = session && (await plans.byId(session.planId));
	if (!session || !plan) error(404, { message: m.error_not_found(), code: 'not_found' });
	return { session, plan };
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

export interface ImportStatement {
	name: string;
	affiliation: string;
	text: string;
	stakeholderGroup: StakeholderGroup | null;
	kind: CommentKind;
	sectionKey: string | null;
}

/**
 * The identity of a statement at a session: the words said. Not the speaker's name as typed: an
 * official who corrected a name on the first import and not on the second is importing the same
 * statement again. The database computes the same for rows imported before (migrations/0009).
 */
export function statementHash(statement: { text: string }): string {
	const normal = statement.text.normalize('NFC').replace(/\s+/g, ' ').trim();
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normal)));
}

const MINUTE_MS = 60_000;
/** Statements are dated at the session, two in the afternoon Seoul time, one minute apart, in order. */
const SESSION_START_HOUR_KST = 14;

/**
 * Saves statements as comments said at the session, creating speakers as needed (the same name and
 * affiliation is the same speaker in every session). Importing the same statement again changes
 * nothing. Returns how many were new.
 */
export async function importStatements(
	sessionId: number,
	statements: ImportStatement[],
	officialId: number
): Promise<{ created: number; skipped: number }> {
	const session = await byId(sessionId);
	if (!session) throw new SessionError('session_not_found');
	const result = await db.transaction(async (tx) => {
		let version = session.versionNumber;
		if (version === null) {
			const [current] = await tx
				.select({ number: planVersions.number })
				.from(planVersions)
				.where(and(eq(planVersions.planId, session.planId), eq(planVersions.status, 'published')));
			if (!current) throw new SessionError('version_not_found');
			version = current.number;
		}
		const [target] = await tx
			.select({ id: planVersions.id })
			.from(planVersions)
			.where(and(eq(planVersions.planId, session.planId), eq(planVersions.number, version)));
		const keys = new Set(
			(await tx.select({ key: planSections.key }).from(planSections).where(eq(planSections.versionId, target.id))).map(
				(row) => row.key
			)
		);
		const [{ already }] = await tx
			.select({ already: sql<number>`count(*)::int` })
			.from(comments)
			.where(eq(comments.sessionId, sessionId));
		const start = new Date(`${session.heldOn}T${String(SESSION_START_HOUR_KST).padStart(2, '0')}:00:00+09:00`).getTime();
		const created: { id: number; sectionKey: string }[] = [];
		for (const [index, statement] of statements.entries()) {
			if (statement.sectionKey && !keys.has(statement.sectionKey)) throw new SessionError('section_not_found');
			const hash = statementHash(statement);
			const [known] = await tx
				.select({ id: comments.id })
				.from(comments)
				.where(and(eq(comments.sessionId, sessionId), eq(comments.statementHash, hash)));
			// Already imported: nothing of it is written again, not even a speaker under another spelling.
			if (known) continue;
			const [speaker] = await tx
				.insert(speakers)
				.values({ name: statement.name.trim(), affiliation: statement.affiliation.trim(), stakeholderGroup: statement.stakeholderGroup })
				.onConflictDoUpdate({
					target: [speakers.name, speakers.affiliation],
					set: { stakeholderGroup: sql`coalesce(${speakers.stakeholderGroup}, excluded.stakeholder_group)` }
				})
				.returning({ id: speakers.id });
			const inserted = await tx
				.insert(comments)
				.values({
					planId: session.planId,
					sectionKey: statement.sectionKey ?? NO_SECTION,
					versionId: target.id,
					kind: statement.kind,
					body: statement.text.trim(),
					speakerId: speaker.id,
					sessionId,
					statementHash: hash,
					createdAt: new Date(start + (already + index) * MINUTE_MS)
				})
				.onConflictDoNothing({ target: [comments.sessionId, comments.statementHash] })
				.returning({ id: comments.id, sectionKey: comments.sectionKey });
			created.push(...inserted);
		}
		await audit.record(
			{
				actorId: officialId,
				action: 'session.import',
				targetType: 'session',
				targetId: sessionId,
				detail: { statements: statements.length, created: created.length }
			},
			tx
		);
		return created;
	});
	for (const comment of result) {
		await events
			.publish({ type: 'created', planId: session.planId, sectionKey: comment.sectionKey, commentId: comment.id, parentId: null })
			.catch(() => {});
	}
	return { created: result.length, skipped: statements.length - result.length };
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
