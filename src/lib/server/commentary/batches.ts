// Top-level comments arriving together are written together. In the last days of a consultation
// many people send comments at once; each statement and each commit costs the database far more
// than a row does, so the comments that arrive during one turn of the event loop go in as one
// INSERT and one commit. Every writer still waits for that commit and gets its own comment's id:
// nothing is acknowledged before it is stored.
import { sql, type SQL } from 'drizzle-orm';
import { connection, preparedStatement } from '$lib/server/db';
import { gathered } from '$lib/server/db/gather';
import { comments, planSections, planVersions } from '$lib/server/db/schema';
import * as events from '$lib/server/events/channel';
import type { CommentKind } from '$lib/server/db/schema';
import { periodIsOpen } from './period';

export interface TopLevelComment {
	planId: number;
	sectionKey: string;
	kind: CommentKind;
	body: string;
	authorId: number;
	idempotencyKey: string;
}

/** The comment's id and whether the statement sent its live event; null when nothing was written. */
export type Written = { id: number; announced: boolean } | null;

const keyOf = (authorId: number | string, idempotencyKey: string) => `${authorId} ${idempotencyKey}`;

type Row = { id: number | string; author_id: number; idempotency_key: string };

function batchInsert(announced: SQL) {
	return preparedStatement<Row>(
		announced === NOT_ANNOUNCED ? 'comment_batch_insert' : 'comment_batch_insert_announced',
		sql`
		insert into ${comments} (plan_id, section_key, version_id, depth, kind, body, author_id, idempotency_key)
		select i.plan_id, i.section_key, ${planVersions.id}, 0, i.kind, i.body, i.author_id, i.idempotency_key
		from json_to_recordset(${sql.placeholder('comments')}::json)
			as i(plan_id integer, section_key text, kind text, body text, author_id integer, idempotency_key text)
		join ${planVersions} on ${planVersions.planId} = i.plan_id and ${planVersions.status} = 'published' and ${periodIsOpen()}
		where exists (select 1 from ${planSections} s where s.version_id = ${planVersions.id} and s.key = i.section_key)
		-- Rows go in section by section: the per-section counts (migrations/0007) are then locked in
		-- one order by every batch, so two batches never wait for each other in a circle.
		order by i.plan_id, i.section_key
		on conflict (author_id, idempotency_key) do nothing
		returning ${comments.id} as id, ${comments.authorId} as author_id, ${comments.idempotencyKey} as idempotency_key, ${announced} as announced`
	);
}

const NOT_ANNOUNCED = sql`null`;
/** On a server the statement sends each comment's live event itself (delivered at commit). */
const insertAnnounced = batchInsert(events.createdInStatement(sql`${comments.planId}`, sql`${comments.sectionKey}`, sql`${comments.id}`));
const insertQuietly = batchInsert(NOT_ANNOUNCED);

async function insert(batch: TopLevelComment[]): Promise<Written[]> {
	const announce = connection().kind === 'postgresql';
	const input = JSON.stringify(
		batch.map((comment) => ({
			plan_id: comment.planId,
			section_key: comment.sectionKey,
			kind: comment.kind,
			body: comment.body,
			author_id: comment.authorId,
			idempotency_key: comment.idempotencyKey
		}))
	);
	let written: Row[];
	try {
		written = await (announce ? insertAnnounced : insertQuietly)({ comments: input });
	} catch (error) {
		// One comment's fault must not be everyone's: each tries again on its own, the careful way.
		if (batch.length > 1) return batch.map(() => null);
		throw error;
	}
	const ids = new Map(written.map((row) => [keyOf(row.author_id, row.idempotency_key), Number(row.id)]));
	return batch.map((comment) => {
		const key = keyOf(comment.authorId, comment.idempotencyKey);
		const id = ids.get(key);
		// The first of two with the same key got the row; the second learns of it the careful way.
		ids.delete(key);
		return id === undefined ? null : { id, announced: announce };
	});
}

/**
 * Writes a top-level comment without a quote on the current version, if its period is open (by the
 * rule of period.ts) and it has the section, in the next batch. Null when nothing was written: a
 * key already used (in this batch too), a closed period, a missing section; the caller then finds
 * out which.
 */
// One insert at a time: every batch locks the sections' counts (migrations/0007), so two would
// only wait for each other.
export const write: (comment: TopLevelComment) => Promise<Written> = gathered(insert, { oneAtATime: true });
