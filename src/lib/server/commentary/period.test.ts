// The comment period is read on the database's clock on every write path. To tell the two clocks
// apart, the database's is moved: now() is shadowed by public.now(), which the connection finds
// first because its search_path puts public before pg_catalog, and which adds a skew kept in a table.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db, useConnection } from '$lib/server/db';
import { openConnection, type Connection } from '$lib/server/db/client';
import { migrate } from '$lib/server/db/migrate';
import { planVersions } from '$lib/server/db/schema';
import { createServerDatabase, openTestDatabase, serverUrl } from '$tests/helpers/database';
import { createUser } from '$tests/helpers/factories';
import * as comments from './write';
import { expectCode, setup } from './test-setup';

const HOUR = 3_600_000;
const SEARCH_PUBLIC_FIRST = 'public, pg_catalog';

async function openDatabase(): Promise<{ connection: Connection; dispose: () => Promise<void> }> {
	if (!serverUrl) {
		// PGlite is one session: setting search_path once holds for every statement after.
		const opened = await openTestDatabase();
		await opened.connection.db.execute(sql.raw(`set search_path = ${SEARCH_PUBLIC_FIRST}`));
		return opened;
	}
	// A pool of sessions: each is started with the search_path (a startup parameter in the URL).
	const { url, drop } = await createServerDatabase();
	const withPath = new URL(url);
	withPath.searchParams.set('search_path', SEARCH_PUBLIC_FIRST);
	const connection = await openConnection({ kind: 'postgresql', url: withPath.href });
	await migrate(connection);
	return {
		connection,
		dispose: async () => {
			await connection.close();
			await drop();
		}
	};
}

let opened: Awaited<ReturnType<typeof openDatabase>> | undefined;

beforeAll(async () => {
	opened = await openDatabase();
	useConnection(opened.connection);
	// Before any comment statement is prepared, so every one of them resolves now() to this.
	await db.execute(sql`create table public.test_clock (skew interval not null)`);
	await db.execute(sql`insert into public.test_clock values ('0')`);
	await db.execute(
		sql.raw(`create function public.now() returns timestamptz language sql stable
			as $$ select pg_catalog.now() + (select skew from public.test_clock) $$`)
	);
});

afterEach(async () => {
	await db.execute(sql`update public.test_clock set skew = '0'`);
});

afterAll(async () => {
	useConnection(undefined);
	await opened?.dispose();
});

async function moveDatabaseClock(hours: number): Promise<void> {
	await db.execute(sql`update public.test_clock set skew = make_interval(hours => ${hours})`);
}

async function closePeriodAt(versionId: number, closesAt: Date): Promise<void> {
	await db.update(planVersions).set({ commentsCloseAt: closesAt }).where(eq(planVersions.id, versionId));
}

describe('the comment period, by the database clock', () => {
	it('refuses every kind of write once it has ended by the database clock, though not by this process', async () => {
		const { version, alice, bob, write } = await setup();
		const top = await write(alice.id, '기간 안에 쓴 의견');
		const bobs = await write(bob.id, '지지받을 의견');
		await closePeriodAt(version.id, new Date(Date.now() + HOUR));
		await moveDatabaseClock(2);

		await expectCode(write(bob.id, '끝난 뒤의 의견'), 'period_closed');
		await expectCode(write(bob.id, '끝난 뒤의 답글', { parentId: top.id }), 'period_closed');
		await expectCode(write(bob.id, '끝난 뒤의 인용', { quote: '전담 인력은 1명' }), 'period_closed');
		await expectCode(comments.edit(top.id, alice.id, { kind: 'concern', body: '끝난 뒤의 수정' }), 'period_closed');
		await expectCode(comments.remove(top.id, alice.id), 'period_closed');
		await expectCode(comments.endorse(bobs.id, alice.id), 'period_closed');
	});

	it('takes every kind of comment while it is open by the database clock, though ended by this process', async () => {
		const { version, alice, bob, write } = await setup();
		const top = await write(alice.id, '기간 안에 쓴 의견');
		await closePeriodAt(version.id, new Date(Date.now() - HOUR));
		await moveDatabaseClock(-2);

		expect(await write(bob.id, '아직 열린 기간의 의견')).toMatchObject({ created: true });
		expect(await write(bob.id, '아직 열린 기간의 답글', { parentId: top.id })).toMatchObject({ created: true });
		expect(await write(bob.id, '아직 열린 기간의 인용', { quote: '전담 인력은 1명' })).toMatchObject({ created: true });
		const carol = await createUser();
		await comments.endorse(top.id, carol.id);
	});
});
