import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '$tests/helpers/database';
import { db } from '$lib/server/db';
import { themes } from '$lib/server/db/schema';
import * as users from '$lib/server/accounts/users';
import * as plans from '$lib/server/plan-text/plans';
import { DatabaseNotEmptyError, isEmpty, seedDemo } from './index';
import { DEMO_PLAN } from './plan-content';

useTestDatabase();

const THEME_SLUGS = [
	'governance',
	'mini-clusters',
	'sustainability',
	'support-centre',
	'staffing',
	'implementation',
	'localisation',
	'trust-process',
	'lifelong-learning',
	'markets',
	'cooperatives'
];

describe('demo seed', () => {
	it('seeds an empty database with the plan, the themes and one account per role', async () => {
		expect(await isEmpty()).toBe(true);
		await seedDemo();
		expect(await isEmpty()).toBe(false);

		for (const [email, role] of [
			['admin@example.org', 'admin'],
			['official@example.org', 'official'],
			['researcher@example.org', 'researcher'],
			['moderator@example.org', 'moderator']
		] as const) {
			const user = await users.authenticate(email, 'demo-password');
			expect(user?.roles).toContain(role);
		}
		expect((await users.authenticate('participant@example.org', 'demo-password'))?.roles).toEqual([]);

		const seededThemes = await db.select().from(themes);
		expect(seededThemes.map((t) => t.slug).sort()).toEqual([...THEME_SLUGS].sort());
		for (const theme of seededThemes) {
			expect(theme.labelKo).toMatch(/[가-힣]/);
			expect(theme.labelEn).toMatch(/[A-Za-z]/);
		}

		const plan = await plans.bySlug(DEMO_PLAN.slug);
		const current = await plans.currentVersion(plan!.id);
		const first = await plans.versionByNumber(plan!.id, 1);
		expect(first?.status).toBe('superseded');
		expect(current?.number).toBe(2);
		expect(current!.commentsOpenAt!.getTime()).toBeLessThan(Date.now());
		expect(current!.commentsCloseAt!.getTime()).toBeGreaterThan(Date.now());
		const sections = await plans.sectionsOf(first!.id);
		expect(sections.length).toBeGreaterThanOrEqual(8);
		for (const key of [
			'vision',
			'current-state',
			'governance',
			'localisation',
			'cooperation',
			'mini-clusters',
			'support-centre',
			'sustainability',
			'implementation'
		]) {
			const section = sections.find((s) => s.key === key);
			expect(section, key).toBeDefined();
			expect(section!.body.split('\n\n').length, key).toBeGreaterThanOrEqual(2);
		}
	});

	it('never seeds a database that already has data', async () => {
		await expect(seedDemo()).rejects.toBeInstanceOf(DatabaseNotEmptyError);
	});
});

describe('demo commentary', () => {
	it('has at least 15 top-level comments and a thread three replies deep, on both versions', async () => {
		const { comments: commentsTable } = await import('$lib/server/db/schema');
		const all = await db.select().from(commentsTable);
		expect(all.filter((c) => c.parentId === null).length).toBeGreaterThanOrEqual(15);
		expect(Math.max(...all.map((c) => c.depth))).toBeGreaterThanOrEqual(3);
		for (const comment of all) {
			expect(comment.body).toMatch(/[가-힣]/);
		}
		const years = new Set(all.map((c) => c.createdAt.getFullYear()));
		expect(years.has(2015)).toBe(true);
		expect([...years].some((y) => y >= 2026)).toBe(true);
		expect(all.some((c) => c.quote !== null && c.quoteEnd! > c.quoteStart!)).toBe(true);
		expect(all.some((c) => c.endorsementCount >= 3)).toBe(true);
	});
});

describe('demo sessions', () => {
	it('has the interim report meeting with its statements on sections, and the 2019 forum', async () => {
		const { consultationSessions } = await import('$lib/server/db/schema');
		const sessionStore = await import('$lib/server/meetings/meetings');
		const all = await db.select().from(consultationSessions);
		expect(all.map((s) => [s.kind, s.heldOn.slice(0, 4)]).sort()).toEqual([
			['citizens_forum', '2019'],
			['interim_report', '2015']
		]);
		const interim = all.find((s) => s.kind === 'interim_report')!;
		const summary = await sessionStore.byId(interim.id);
		expect(summary!.statementCount).toBeGreaterThanOrEqual(10);
		expect(summary!.speakerCount).toBe(summary!.statementCount);
	});
});

describe('demo answers', () => {
	it('answers every demo comment and links the revision to the comments it answers', async () => {
		const { comments: commentsTable, commentResponses, revisionLinks } = await import('$lib/server/db/schema');
		const all = await db.select({ id: commentsTable.id, status: commentsTable.status }).from(commentsTable);
		const answered = new Set((await db.select({ id: commentResponses.commentId }).from(commentResponses)).map((r) => r.id));
		expect(all.filter((c) => c.status === 'visible' && !answered.has(c.id))).toEqual([]);
		const links = await db.select().from(revisionLinks);
		expect(new Set(links.map((l) => l.sectionKey)).size).toBeGreaterThanOrEqual(8);
	});
});

describe('demo coding', () => {
	it('has the demo researcher code most comments and a second researcher code the interim ones, with real disagreement', async () => {
		const { eq, isNull } = await import('drizzle-orm');
		const { commentTags, suggestionDecisions, comments: commentsTable } = await import('$lib/server/db/schema');
		const agreementReport = await import('$lib/server/analysis/agreement');
		const suggestions = await import('$lib/server/analysis/suggestions');
		const codingQueue = await import('$lib/server/analysis/coding-queue');
		const commentStore = await import('$lib/server/commentary/views');
		const { suggest } = await import('$lib/analysis/suggest');
		const { plainText } = await import('$lib/server/plan-text/markdown');
		const { readQueueFilters } = await import('$lib/schemas/themes');
		const { LEAD_CODING, REJECTED, SECOND_CODING, SECOND_RESEARCHER } = await import('./coding-content');
		const { INTERIM_COMMENTS } = await import('./comments-content');
		const lead = await users.findByEmail('researcher@example.org');
		const second = await users.findByEmail(SECOND_RESEARCHER.email);
		expect(second?.roles).toEqual(['researcher']);
		// Its password is random: nobody signs in with the demo password.
		expect(await users.authenticate(SECOND_RESEARCHER.email, 'demo-password')).toBeNull();

		const tagRows = await db.select().from(commentTags);
		const online = await db.select({ id: commentsTable.id }).from(commentsTable).where(isNull(commentsTable.sessionId));
		const leadTagged = new Set(tagRows.filter((t) => t.taggedBy === lead!.id).map((t) => t.commentId));
		expect(leadTagged.size).toBe(Object.keys(LEAD_CODING).length);
		expect(leadTagged.size / online.length).toBeGreaterThan(0.75);
		expect(tagRows.some((t) => t.source === 'suggestion')).toBe(true);
		expect(Object.keys(SECOND_CODING).every((ref) => INTERIM_COMMENTS.some((c) => c.ref === ref))).toBe(true);

		const plan = await plans.bySlug(DEMO_PLAN.slug);
		const report = await agreementReport.agreement(plan!.id, {}, lead!);
		expect(report.pair).toMatchObject({ shared: Object.keys(SECOND_CODING).length });
		expect([report.pair!.a.id, report.pair!.b.id].sort()).toEqual([lead!.id, second!.id].sort());
		const kappas = report.rows.map((row) => row.kappa);
		expect(kappas.filter((k) => k === 1).length).toBeGreaterThanOrEqual(2);
		expect(kappas.filter((k) => k !== null && k < 0.8).length).toBeGreaterThanOrEqual(3);
		// support-centre: both coded the same four comments; governance: 1 shared yes, 2 only the second researcher's.
		expect(report.rows.find((r) => r.theme === 'support-centre')).toMatchObject({ bothYes: 4, onlyA: 0, onlyB: 0, kappa: 1 });
		const governance = report.rows.find((r) => r.theme === 'governance')!;
		expect(governance.bothYes).toBe(1);
		expect(governance.onlyA + governance.onlyB).toBe(2);

		const decisions = await db.select().from(suggestionDecisions);
		expect(decisions.filter((d) => d.decision === 'rejected')).toHaveLength(REJECTED.length);
		const context = await suggestions.suggestionContext();
		for (const [ref, theme] of REJECTED) {
			const [comment] = await db
				.select()
				.from(commentsTable)
				.where(eq(commentsTable.idempotencyKey, `demo-${ref}`));
			const tagged = (await commentStore.byId(comment.id, null))!.tags.map((t) => t.slug);
			// A real suggestion, which the engine would make again but for the rejection...
			const unrejected = suggest({ text: plainText(comment.body), themes: context.themes, examples: context.index, tagged, id: comment.id });
			expect(
				unrejected.map((s) => s.theme),
				ref
			).toContain(theme);
			// ...and does not.
			expect(
				(await suggestions.suggestionsFor([comment.id])).get(comment.id)!.map((s) => s.theme),
				ref
			).not.toContain(theme);
		}
		const queue = await codingQueue.queue(plan!.id, readQueueFilters(new URLSearchParams()), lead!);
		expect(queue.counts.untagged).toBeGreaterThanOrEqual(4);
	});
});
