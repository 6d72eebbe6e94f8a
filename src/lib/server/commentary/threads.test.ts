import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '$tests/helpers/database';
import { createUser, sampleSections } from '$tests/helpers/factories';
import * as versions from '$lib/server/plan-text/versions';
import * as comments from './write';
import * as commentThreads from './threads';
import { setup } from './test-setup';

useTestDatabase();

describe('reading across versions', () => {
	it('shows earlier comments on the same section key, with the version and whether it changed', async () => {
		const { plan, official, alice, write } = await setup();
		const onFirst = await write(alice.id, '1판에 쓴 의견');
		await versions.startDraft(plan.id, official.id);
		const changed = sampleSections.map((s) => (s.key === 'support-centre' ? { ...s, body: '전담 인력을 5명으로 늘립니다.' } : s));
		await versions.saveDraft(plan.id, { title: '수정안', sections: changed }, official.id);
		await versions.publish(
			plan.id,
			{ changeSummary: '수정', commentsOpenAt: new Date(Date.now() - 1000), commentsCloseAt: new Date(Date.now() + 86_400_000) },
			official.id
		);
		const onSecond = await write(alice.id, '2판에 쓴 의견');

		const atTwo = await commentThreads.sectionThreads({
			planId: plan.id,
			sectionKey: 'support-centre',
			upToVersion: 2,
			sort: 'oldest',
			page: 1,
			viewer: null
		});
		expect(atTwo.threads.map((t) => [t.id, t.versionNumber])).toEqual([
			[onFirst.id, 1],
			[onSecond.id, 2]
		]);
		const atOne = await commentThreads.sectionThreads({
			planId: plan.id,
			sectionKey: 'support-centre',
			upToVersion: 1,
			sort: 'oldest',
			page: 1,
			viewer: null
		});
		expect(atOne.threads.map((t) => t.id)).toEqual([onFirst.id]);
		expect(await commentThreads.sectionChangedSince(plan.id, 'support-centre', 2)).toEqual({ 1: true, 2: false });
		expect(await commentThreads.sectionChangedSince(plan.id, 'vision', 2)).toEqual({ 1: false, 2: false });
	});

	it('sorts threads by oldest, newest and most endorsed, and pages them', async () => {
		const { plan, alice, write } = await setup();
		const sectionKey = 'governance';
		const created: number[] = [];
		for (let i = 0; i < commentThreads.THREADS_PER_PAGE + 5; i++) {
			created.push((await write(alice.id, `의견 ${i}`, { sectionKey })).id);
		}
		const fans = await Promise.all([createUser(), createUser(), createUser()]);
		for (const fan of fans) await comments.endorse(created[7], fan.id);
		await comments.endorse(created[3], fans[0].id);

		const read = (sort: 'oldest' | 'newest' | 'endorsed', page = 1) =>
			commentThreads.sectionThreads({ planId: plan.id, sectionKey, upToVersion: 1, sort, page, viewer: null });
		expect((await read('oldest')).threads[0].id).toBe(created[0]);
		expect((await read('newest')).threads[0].id).toBe(created.at(-1));
		expect((await read('endorsed')).threads.slice(0, 2).map((t) => t.id)).toEqual([created[7], created[3]]);
		const second = await read('oldest', 2);
		expect(second.pages).toBe(2);
		expect(second.threads.map((t) => t.id)).toEqual(created.slice(commentThreads.THREADS_PER_PAGE));
	});
});
