import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '$tests/helpers/database';
import { db } from '$lib/server/db';
import { themes } from '$lib/server/db/schema';
import * as users from '$lib/server/users';
import * as plans from '$lib/server/plans';
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
		for (const key of ['vision', 'current-state', 'governance', 'localisation', 'cooperation', 'mini-clusters', 'support-centre', 'sustainability', 'implementation']) {
			const section = sections.find((s) => s.key === key);
			expect(section, key).toBeDefined();
			expect(section!.body.split('\n\n').length, key).toBeGreaterThanOrEqual(2);
		}
	});

	it('never seeds a database that already has data', async () => {
		await expect(seedDemo()).rejects.toBeInstanceOf(DatabaseNotEmptyError);
	});
});
