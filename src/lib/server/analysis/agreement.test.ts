import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { themes as themesTable } from '$lib/server/db/schema';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import { DEMO_THEMES } from '$lib/server/seed/themes-content';
import * as comments from '$lib/server/commentary/write';
import * as themeStore from './themes';
import * as tagging from './tagging';
import * as agreementReport from './agreement';
import { key, setup, useDemoThemes } from './coding-test-setup';

useTestDatabase();
useDemoThemes();

describe('agreement', () => {
	it("computes each theme's kappa from the researchers' codings as by hand", async () => {
		const { plan, lead, second, write } = await setup();
		const third = await createUser({ roles: ['researcher'], displayName: '한결' });
		const ids: number[] = [];
		for (let i = 0; i < 11; i++) ids.push(await write(`일치도 확인용 의견 ${i}`));
		// governance: both yes on 0-2, only lead on 3, only second on 4-5, both no on 6-9: a=3 b=1 c=2 d=4.
		for (const i of [0, 1, 2, 3]) await tagging.tag(ids[i], 'governance', lead);
		for (const i of [0, 1, 2, 4, 5]) await tagging.tag(ids[i], 'governance', second);
		for (const i of [4, 5, 6, 7, 8, 9]) await tagging.markReviewed(ids[i], lead);
		for (const i of [3, 6, 7, 8, 9]) await tagging.markReviewed(ids[i], second);
		// Coded by the lead only: not compared.
		await tagging.tag(ids[10], 'governance', lead);
		// A third researcher codes two of them.
		await tagging.tag(ids[0], 'governance', third);
		await tagging.markReviewed(ids[1], third);
		// Coding in another plan does not count here.
		const other = await createPublishedPlan();
		const elsewhere = (
			await comments.create({
				planId: other.plan.id,
				sectionKey: 'vision',
				kind: 'support',
				body: '다른 계획',
				authorId: lead.id,
				idempotencyKey: key()
			})
		).id;
		await tagging.tag(elsewhere, 'governance', lead);
		await tagging.markReviewed(elsewhere, second);

		const report = await agreementReport.agreement(plan.id, {}, lead);
		expect(report.pair).toMatchObject({ a: { id: lead.id }, b: { id: second.id }, shared: 10 });
		const governance = report.rows.find((row) => row.theme === 'governance')!;
		// po = 7/10; pe = 0.4·0.5 + 0.6·0.5 = 0.5; kappa = (0.7 − 0.5) / (1 − 0.5) = 0.4.
		expect(governance).toMatchObject({ n: 10, bothYes: 3, onlyA: 1, onlyB: 2, bothNo: 4, agreement: 0.7 });
		expect(governance.kappa).toBeCloseTo(0.4, 10);
		// Nobody gave "markets": full agreement, kappa undefined.
		expect(report.rows.find((row) => row.theme === 'markets')).toMatchObject({ n: 10, bothNo: 10, agreement: 1, kappa: null });
		expect(report.rows.map((row) => row.theme)).toEqual(DEMO_THEMES.map((theme) => theme.slug));
		expect(report.meanKappa).toBeCloseTo(0.4, 10);
		// Krippendorff's alpha takes all three researchers. Governance over comments 0-9 (10 has one coder):
		// coincidences yes-yes 3+1+2 = 6, yes-no = no-yes 1+1+2 = 4, no-no 8; n = 22, n_yes = 10, n_no = 12:
		// alpha = 1 − 21·8 / (2·10·12) = 0.3. Markets: no variation, undefined.
		expect(governance.alpha).toBeCloseTo(0.3, 10);
		expect(report.rows.find((row) => row.theme === 'markets')!.alpha).toBeNull();
		// Pooled, every other theme adds 22 no-no coincidences: n = 22K, n_yes = 10.
		const k = DEMO_THEMES.length;
		expect(report.pooledAlpha).toBeCloseTo(1 - ((22 * k - 1) * 8) / (2 * 10 * (22 * k - 10)), 10);
		expect(report.coders.map((coder) => [coder.id, coder.coded])).toEqual([
			[lead.id, 11],
			[second.id, 10],
			[third.id, 2]
		]);

		// Another pair on request: lead and third share comments 0 and 1; both yes on 0, only lead on 1.
		const withThird = await agreementReport.agreement(plan.id, { a: lead.id, b: third.id }, lead);
		expect(withThird.pair).toMatchObject({ a: { id: lead.id }, b: { id: third.id }, shared: 2 });
		expect(withThird.rows.find((row) => row.theme === 'governance')).toMatchObject({ bothYes: 1, onlyA: 1, onlyB: 0, bothNo: 0, kappa: 0 });
		// A pair that is not one falls back to the default.
		expect((await agreementReport.agreement(plan.id, { a: lead.id, b: lead.id }, lead)).pair?.b.id).toBe(second.id);
	});

	it('reports nothing while no two researchers share a comment', async () => {
		const { plan, lead, write } = await setup();
		await tagging.tag(await write('혼자 코딩한 의견'), 'governance', lead);
		const report = await agreementReport.agreement(plan.id, {}, lead);
		expect(report).toMatchObject({ pair: null, rows: [], meanKappa: null, pooledAlpha: null });
		expect(report.coders.map((coder) => coder.id)).toEqual([lead.id]);
	});

	it('leaves archived themes out of the table', async () => {
		const { plan, lead, second, write } = await setup();
		const id = await write('아무 의견');
		await tagging.tag(id, 'governance', lead);
		await tagging.markReviewed(id, second);
		const [theme] = await db.select().from(themesTable).where(eq(themesTable.slug, 'cooperatives'));
		await themeStore.archive(theme.id, lead);
		try {
			const report = await agreementReport.agreement(plan.id, {}, lead);
			expect(report.rows.map((row) => row.theme)).not.toContain('cooperatives');
		} finally {
			await themeStore.restore(theme.id, lead);
		}
		expect(await db.select().from(themesTable).where(eq(themesTable.slug, 'cooperatives'))).toEqual([expect.objectContaining({ archivedAt: null })]);
	});
});
