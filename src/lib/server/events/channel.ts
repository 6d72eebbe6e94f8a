// Live events between app instances. One database subscription per channel per process (LISTEN on
// a PostgreSQL server, an in-process emitter on PGlite) fans out to every subscriber here.
import { sql, type SQL } from 'drizzle-orm';
import { connection } from '$lib/server/db';

export const COMMENT_CHANNEL = 'comment_events';

export interface CommentEvent {
	type: 'created' | 'updated';
	planId: number;
	sectionKey: string;
	commentId: number;
	parentId: number | null;
}

type Listener = (event: CommentEvent) => void;

const listeners = new Set<Listener>();
let subscription: Promise<() => Promise<void>> | null = null;

function dispatch(payload: string): void {
	let event: CommentEvent;
	try {
		event = JSON.parse(payload) as CommentEvent;
	} catch {
		return;
	}
	for (const listener of listeners) listener(event);
}

/** Adds a listener; the returned function removes it (and drops the database subscription when last). */
export async function subscribe(listener: Listener): Promise<() => void> {
	listeners.add(listener);
	subscription ??= connection().listen(COMMENT_CHANNEL, dispatch);
	try {
		await subscription;
	} catch (error) {
		listeners.delete(listener);
		subscription = null;
		throw error;
	}
	return () => {
		listeners.delete(listener);
		if (listeners.size === 0 && subscription) {
			const ending = subscription;
			subscription = null;
			void ending.then((unlisten) => unlisten()).catch(() => {});
		}
	};
}

export async function publish(event: CommentEvent): Promise<void> {
	await connection().notify(COMMENT_CHANNEL, JSON.stringify(event));
}

/**
 * The 'created' event of a top-level comment as SQL its own INSERT can return: pg_notify is
 * delivered at commit, so the event costs no round trip of its own. For a PostgreSQL server only;
 * PGlite's channel lives in this process, so there publish() follows the write.
 */
export function createdInStatement(planId: SQL, sectionKey: SQL, commentId: SQL): SQL {
	return sql`pg_notify(${COMMENT_CHANNEL}, json_build_object('type', 'created', 'planId', ${planId},
		'sectionKey', ${sectionKey}, 'commentId', ${commentId}, 'parentId', null)::text)`;
}

/** For tests: forget the subscription of a closed connection. */
export function resetSubscriptions(): void {
	listeners.clear();
	subscription = null;
}
