import { describe, expect, it } from 'vitest';
import { openConnection } from '$lib/server/db/client';
import { databaseKind, useTestDatabase } from '$tests/helpers/database';
import * as events from './channel';

useTestDatabase();

function nextEvent(): { promise: Promise<events.CommentEvent>; stop: Promise<() => void> } {
	let resolve!: (event: events.CommentEvent) => void;
	const promise = new Promise<events.CommentEvent>((r) => (resolve = r));
	const stop = events.subscribe(resolve);
	return { promise, stop };
}

const sample: events.CommentEvent = { type: 'created', planId: 1, sectionKey: 'vision', commentId: 42, parentId: null };

describe('live comment events', () => {
	it('delivers a published event to subscribers of this instance', async () => {
		const { promise, stop } = nextEvent();
		await stop;
		await events.publish(sample);
		await expect(promise).resolves.toEqual(sample);
		(await stop)();
	});

	it.runIf(databaseKind === 'postgresql')('crosses app instances through LISTEN/NOTIFY on the server', async () => {
		// A second, independent connection to the same database stands in for another instance.
		const serverUrl = await currentDatabaseUrl();
		const other = await openConnection({ kind: 'postgresql', url: serverUrl, poolSize: 2 });
		try {
			const received = new Promise<string>((resolve) => {
				void other.listen(events.COMMENT_CHANNEL, resolve);
			});
			await new Promise((r) => setTimeout(r, 200));
			await events.publish({ ...sample, commentId: 77 });
			const payload = await Promise.race([
				received,
				new Promise<string>((_, reject) => setTimeout(() => reject(new Error('no event within 2 s')), 2000))
			]);
			expect(JSON.parse(payload)).toMatchObject({ commentId: 77 });
		} finally {
			await other.close();
		}
	});
});

async function currentDatabaseUrl(): Promise<string> {
	const { rows } = await import('$lib/server/db');
	const { sql } = await import('drizzle-orm');
	const [{ name }] = await rows<{ name: string }>(sql`select current_database() as name`);
	const url = new URL(process.env.TEST_DATABASE_URL!);
	url.pathname = `/${name}`;
	return url.href;
}
