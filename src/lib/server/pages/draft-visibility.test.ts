// Drafts exist only for officials and admins: every route that shows versions answers 404 (or
// leaves the draft out) for everyone else, checked here through the routes' own load functions
// and request handlers.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import type { Role } from '$lib/roles';
import type { SessionUser } from '$lib/server/auth/session';
import * as plans from '$lib/server/plan-text/plans';
import * as versions from '$lib/server/plan-text/versions';
import type { PlanPageData } from '$lib/server/pages/plan-view';
import { load as loadPlan } from '../../../routes/plans/[slug]/+page.server';
import { load as loadVersion } from '../../../routes/plans/[slug]/v/[n]/+page.server';
import { load as loadHistory } from '../../../routes/plans/[slug]/history/+page.server';
import { load as loadCompare } from '../../../routes/plans/[slug]/compare/[range]/+page.server';
import { load as loadEditor } from '../../../routes/plans/[slug]/edit/+page.server';
import { GET as pickCompare } from '../../../routes/plans/[slug]/compare/+server';
import { GET as feed } from '../../../routes/plans/[slug]/feed.xml/+server';
import { GET as apiVersions } from '../../../routes/api/v1/plans/[slug]/versions/+server';
import { GET as apiVersion } from '../../../routes/api/v1/plans/[slug]/versions/[n]/+server';
import { GET as apiPlan } from '../../../routes/api/v1/plans/[slug]/+server';

useTestDatabase();

const DRAFT_HEADING = '초안에만 있는 장';

let slug: string;
let draftOnlySlug: string;
const people: Record<string, SessionUser | null> = { signedOut: null };

async function sessionUser(roles: Role[]): Promise<SessionUser> {
	const user = await createUser({ roles });
	return {
		id: user.id,
		email: user.email,
		displayName: user.displayName,
		organisation: user.organisation,
		stakeholderGroup: user.stakeholderGroup as SessionUser['stakeholderGroup'],
		roles
	};
}

beforeAll(async () => {
	const { plan, official } = await createPublishedPlan();
	slug = plan.slug;
	await versions.startDraft(plan.id, official.id);
	await versions.saveDraft(
		plan.id,
		{ title: '비공개 수정안', sections: [{ key: 'secret', heading: DRAFT_HEADING, parentKey: null, body: '아직 공개 전입니다.' }] },
		official.id
	);
	const draftOnly = await plans.create({ slug: `draft-only-${Date.now()}`, title: '공개 전 계획', summary: '', organisation: '' }, official.id);
	await versions.saveDraft(draftOnly.id, { title: '첫 초안', sections: [{ key: 'a', heading: '가', parentKey: null, body: '' }] }, official.id);
	draftOnlySlug = draftOnly.slug;
	for (const role of ['researcher', 'moderator', 'official', 'admin'] as const) people[role] = await sessionUser([role]);
	people.participant = await sessionUser([]);
});

/** A request event with just what these routes read. */
function event(path: string, params: Record<string, string>, user: SessionUser | null) {
	const url = new URL(path, 'http://localhost');
	return { params, url, locals: { user, session: null, locale: 'ko' } } as never;
}

async function status(run: () => unknown): Promise<number> {
	try {
		const result = await run();
		return result instanceof Response ? result.status : 200;
	} catch (thrown) {
		const status = (thrown as { status?: number }).status;
		if (typeof status !== 'number') throw thrown;
		return status;
	}
}

const OTHERS = ['signedOut', 'participant', 'researcher', 'moderator'] as const;
const VIEWERS = ['official', 'admin'] as const;

describe.each(OTHERS)('a draft, to someone who may not see drafts (%s)', (who) => {
	const user = () => people[who];

	it('is 404 as a version, in a comparison and as a plan with nothing published', async () => {
		expect(await status(() => loadVersion(event(`/plans/${slug}/v/2`, { slug, n: '2' }, user())))).toBe(404);
		expect(await status(() => loadCompare(event(`/plans/${slug}/compare/1...2`, { slug, range: '1...2' }, user())))).toBe(404);
		expect(await status(() => loadCompare(event(`/plans/${slug}/compare/2...1`, { slug, range: '2...1' }, user())))).toBe(404);
		// The picker never sends anyone who may not see it towards the draft.
		await expect(pickCompare(event(`/plans/${slug}/compare?a=1&b=2`, { slug }, user()))).rejects.toMatchObject({
			status: 303,
			location: `/plans/${slug}/compare/1...1`
		});
		expect(await status(() => loadPlan(event(`/plans/${draftOnlySlug}`, { slug: draftOnlySlug }, user())))).toBe(404);
		expect(await status(() => loadHistory(event(`/plans/${draftOnlySlug}/history`, { slug: draftOnlySlug }, user())))).toBe(404);
	});

	it('is left out of the plan page, the history, the feed and the API', async () => {
		const page = (await loadPlan(event(`/plans/${slug}`, { slug }, user()))) as PlanPageData;
		expect(page.version.number).toBe(1);
		expect(page.versions.map((v) => v.number)).toEqual([1]);
		expect(page.draftNumber).toBeNull();
		const history = (await loadHistory(event(`/plans/${slug}/history`, { slug }, user()))) as { draft: unknown; entries: { number: number }[] };
		expect(history.draft).toBeNull();
		expect(history.entries.map((e) => e.number)).toEqual([1]);
		const xml = await (await feed(event(`/plans/${slug}/feed.xml`, { slug }, user()))).text();
		expect(xml).not.toContain('2차안');
		expect(xml).not.toContain(DRAFT_HEADING);
	});

	it('cannot be edited: 403 when signed in, sign-in when signed out', async () => {
		const result = await status(() => loadEditor(event(`/plans/${slug}/edit`, { slug }, user())));
		expect(result).toBe(who === 'signedOut' ? 303 : 403);
	});
});

describe.each(VIEWERS)('a draft, to an %s', (who) => {
	const user = () => people[who];

	it('is readable, comparable and listed in the history', async () => {
		const version = (await loadVersion(event(`/plans/${slug}/v/2`, { slug, n: '2' }, user()))) as PlanPageData;
		expect(version.version.status).toBe('draft');
		expect(version.sections.map((s) => s.heading)).toEqual([DRAFT_HEADING]);
		const compare = (await loadCompare(event(`/plans/${slug}/compare/1...2`, { slug, range: '1...2' }, user()))) as {
			comparison: { sections: { key: string; status: string }[] };
		};
		expect(compare.comparison.sections.find((s) => s.key === 'secret')?.status).toBe('added');
		await expect(pickCompare(event(`/plans/${slug}/compare?a=1&b=2`, { slug }, user()))).rejects.toMatchObject({
			location: `/plans/${slug}/compare/1...2`
		});
		const history = (await loadHistory(event(`/plans/${slug}/history`, { slug }, user()))) as { draft: { number: number } | null };
		expect(history.draft?.number).toBe(2);
		const draftOnly = (await loadPlan(event(`/plans/${draftOnlySlug}`, { slug: draftOnlySlug }, user()))) as PlanPageData;
		expect(draftOnly.version.status).toBe('draft');
	});

	it('still never appears in the public API or the feed', async () => {
		const list = await (await apiVersions(event(`/api/v1/plans/${slug}/versions`, { slug }, user()))).json();
		expect(list.versions.map((v: { number: number }) => v.number)).toEqual([1]);
		expect((await apiVersion(event(`/api/v1/plans/${slug}/versions/2`, { slug, n: '2' }, user()))).status).toBe(404);
		expect((await apiVersions(event('/', { slug: draftOnlySlug }, user()))).status).toBe(404);
		expect((await apiPlan(event('/', { slug: draftOnlySlug }, user()))).status).toBe(404);
		expect(await status(() => feed(event('/', { slug: draftOnlySlug }, user())))).toBe(404);
	});

	it('may be edited by an official only', async () => {
		expect(await status(() => loadEditor(event(`/plans/${slug}/edit`, { slug }, user())))).toBe(who === 'official' ? 200 : 403);
	});
});

describe('the versions API', () => {
	it('lists published versions in snake_case and gives one with its sections', async () => {
		const list = await (await apiVersions(event(`/api/v1/plans/${slug}/versions`, { slug }, null))).json();
		expect(list.versions[0]).toMatchObject({
			number: 1,
			status: 'current',
			change_summary: '첫 공개',
			section_count: 4,
			url: `http://localhost/plans/${slug}/v/1`
		});
		expect(list.versions[0].published_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		const one = await (await apiVersion(event(`/api/v1/plans/${slug}/versions/1`, { slug, n: '1' }, null))).json();
		expect(one.version.number).toBe(1);
		expect(one.sections.map((s: { key: string; number: string; parent_key: string | null }) => [s.key, s.number, s.parent_key])).toEqual([
			['vision', '1', null],
			['strategy', '2', null],
			['governance', '2.1', 'strategy'],
			['support-centre', '3', null]
		]);
		expect(one.sections[0]).toMatchObject({ heading: '비전과 목표', markdown: '서로 돕는 경제, 함께 사는 광명.' });
		expect(one.sections[0].html).toContain('<p>서로 돕는 경제, 함께 사는 광명.</p>');
		for (const n of ['0', '9', 'abc', '1.5']) {
			expect((await apiVersion(event('/', { slug, n }, null))).status, n).toBe(404);
		}
	});
});
