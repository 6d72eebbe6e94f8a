import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import { eq } from 'drizzle-orm';
import { createSession, invalidateSession, type SessionUser } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { sessions } from '$lib/server/db/schema';
import * as comments from '../commentary/write';
import * as pageCache from './page-cache';
import * as readerPages from './reader-pages';
import { loadSectionPage } from '../pages/section-view';

useTestDatabase();

const key = () => `key-${Math.random().toString(36).slice(2)}`;

async function setup() {
	const { plan } = await createPublishedPlan();
	const [writer, endorser, reader, other] = await Promise.all(
		['한지원', '장동훈', '강태윤', '<b>정&"수민'].map((displayName) => createUser({ displayName }))
	);
	const write = (authorId: number, body: string) =>
		comments.create({ planId: plan.id, sectionKey: 'support-centre', kind: 'suggestion', body, authorId, idempotencyKey: key() });
	const first = await write(writer.id, '지원센터에 사람이 필요합니다.');
	const second = await write(reader.id, '센터를 미니 클러스터로 옮겨 주세요.');
	await comments.endorse(first.id, endorser.id);
	await pageCache.invalidateEverywhere();

	let drawings = 0;
	const url = new URL(`http://localhost/plans/${plan.slug}/sections/support-centre`);
	const base = `ko html in: ${url.pathname} ${Math.random()}`;
	/** What the section page's loads put in a page, drawn as a short page that shows it all. */
	async function read(user: typeof writer): Promise<string> {
		const sessionUser = { ...user, roles: [] } as unknown as SessionUser;
		const response = await readerPages.serve(
			base,
			sessionUser,
			async (tokens, record) => {
				drawings++;
				const data = await loadSectionPage({ slug: plan.slug, versionNumber: null, key: 'support-centre', user: sessionUser, url, tokens, record });
				const shown = tokens.user!;
				const items = data.threads.threads.map(
					(c) => `<li id="${c.id}" data-mine="${c.isMine}" data-endorsed="${c.endorsedByMe}">${c.body ?? ''}</li>`
				);
				return new Response(
					`<header data-id="${shown.id}">${shown.displayName}</header><ul>${items.join('')}</ul><form><input value="${data.formKey}"></form>`,
					{
						headers: { 'content-type': 'text/html' }
					}
				);
			},
			await pageCache.readGeneration()
		);
		return response.text();
	}
	return { writer, endorser, reader, other, first, second, write, read, drawings: () => drawings };
}

describe('signed-in readers’ shared pages', () => {
	it('draws a page once for every reader who owns and endorsed nothing on it, each copy with their own name and id', async () => {
		const { writer, other, first, read, drawings } = await setup();
		const pages = [await read(other), await read(other)];
		// The first drawing is kept under what it found of its reader: owns and endorsed nothing here.
		expect(drawings()).toBe(1);
		const neutral = await createUser({ displayName: '최지훈' });
		const copy = await read(neutral);
		expect(drawings()).toBe(1);
		expect(copy).toContain(`<header data-id="${neutral.id}">최지훈</header>`);
		expect(pages[1]).toContain(`<header data-id="${other.id}">&lt;b>정&amp;"수민</header>`);
		expect(copy).toContain(`<li id="${first.id}" data-mine="false" data-endorsed="false"></li>`);
		// A fresh form key in every copy.
		const formKeys = [pages[1], copy].map((page) => /<input value="([^"]+)">/.exec(page)![1]);
		expect(formKeys[0]).not.toBe(formKeys[1]);
		expect(writer.id).not.toBe(neutral.id);
	});

	it('gives the author and the endorser of a comment on the page drawings of their own', async () => {
		const { writer, endorser, reader, other, first, second, read } = await setup();
		await read(other);
		const writers = await read(writer);
		expect(writers).toContain(`<li id="${first.id}" data-mine="true" data-endorsed="false">지원센터에 사람이 필요합니다.</li>`);
		const endorsers = await read(endorser);
		expect(endorsers).toContain(`<li id="${first.id}" data-mine="false" data-endorsed="true"></li>`);
		const readers = await read(reader);
		expect(readers).toContain(`<li id="${second.id}" data-mine="true" data-endorsed="false">센터를 미니 클러스터로 옮겨 주세요.</li>`);
		expect(readers).toContain(`<li id="${first.id}" data-mine="false" data-endorsed="false"></li>`);
		// And a reader like none of them still gets the page as everyone else sees it.
		expect(await read(other)).toContain(`<li id="${first.id}" data-mine="false" data-endorsed="false"></li>`);
	});

	it('shows a write at once to every signed-in reader', async () => {
		const { writer, other, write, read } = await setup();
		await read(other);
		await read(other);
		const added = await write(writer.id, '실행 예산을 밝혀 주세요.');
		await pageCache.invalidateEverywhere();
		expect(await read(other)).toContain(`<li id="${added.id}" data-mine="false"`);
		await comments.endorse(added.id, other.id);
		await pageCache.invalidateEverywhere();
		expect(await read(other)).toContain(`<li id="${added.id}" data-mine="false" data-endorsed="true">`);
	});
});

describe('signed-in readers’ sessions', () => {
	it('are looked up once per write-counter generation, and a write ends what it changed at once', async () => {
		const user = await createUser({ displayName: '오세영' });
		const { token, session } = await createSession(user.id);
		const first = await readerPages.validatedSession(token, await pageCache.readGeneration());
		expect(first.user?.id).toBe(user.id);
		// Removed behind the app's back (no write through it): the generation has not moved, so the
		// session found in it still serves, which shows the lookup was not made again.
		await db.delete(sessions).where(eq(sessions.id, session.id));
		expect((await readerPages.validatedSession(token, await pageCache.readGeneration())).session?.id).toBe(session.id);
		// Any write moves the generation: the next request looks the session up again, and it is gone.
		await pageCache.invalidateEverywhere();
		expect((await readerPages.validatedSession(token, await pageCache.readGeneration())).session).toBeNull();
	});

	it('refuse a forged token, and look a session due for renewal up again until renewed', async () => {
		const user = await createUser({ displayName: '문가람' });
		const { token, session } = await createSession(user.id);
		const forged = `${session.id}.${'x'.repeat(24)}`;
		expect((await readerPages.validatedSession(forged, await pageCache.readGeneration())).session).toBeNull();
		const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
		await db.update(sessions).set({ lastVerifiedAt: twoHoursAgo }).where(eq(sessions.id, session.id));
		await pageCache.invalidateEverywhere();
		const at = await pageCache.readGeneration();
		// Renewed on this request (the hook then draws the page for this reader alone, to set the cookie).
		expect((await readerPages.validatedSession(token, at)).renewed).toBe(true);
		// Not kept: removed behind the app's back, it is gone on the next request of the same generation.
		await db.delete(sessions).where(eq(sessions.id, session.id));
		expect((await readerPages.validatedSession(token, at)).session).toBeNull();
		await invalidateSession(session.id);
	});
});
