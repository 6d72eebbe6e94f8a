// Statements said at a consultation session, imported from a transcript as comments by speakers
// who have no account.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { db } from '$lib/server/db';
import { comments, planSections, planVersions, speakers } from '$lib/server/db/schema';
import type { CommentKind, SpeakerRole } from '$lib/server/db/schema';
import * as audit from '$lib/server/accounts/audit';
import * as events from '$lib/server/events/channel';
import type { StakeholderGroup } from '$lib/roles';
import { byId, NO_SECTION, SessionError } from './meetings';

export interface ImportStatement {
	name: string;
	affiliation: string;
	text: string;
	stakeholderGroup: StakeholderGroup | null;
	kind: CommentKind;
	sectionKey: string | null;
	/** The chair's or the city staff's words: kept, not an opinion to answer. */
	speakerRole?: SpeakerRole | null;
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
			(await tx.select({ key: planSections.key }).from(planSections).where(eq(planSections.versionId, target.id))).map((row) => row.key)
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
					speakerRole: statement.speakerRole ?? null,
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

/**
 * Marks a session statement as the chair's or the city staff's (null: a stakeholder's opinion again).
 * Only statements said at a session have a speaker role; a comment written online is always an opinion.
 */
export async function setSpeakerRole(commentId: number, role: SpeakerRole | null, officialId: number): Promise<boolean> {
	return db.transaction(async (tx) => {
		const [changed] = await tx
			.update(comments)
			.set({ speakerRole: role })
			.where(and(eq(comments.id, commentId), isNotNull(comments.sessionId), sql`${comments.speakerRole} is distinct from ${role}::text`))
			.returning({ id: comments.id });
		if (!changed) return false;
		await audit.record({ actorId: officialId, action: 'comment.speaker_role', targetType: 'comment', targetId: commentId, detail: { role } }, tx);
		return true;
	});
}
