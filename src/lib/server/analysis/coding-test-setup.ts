// Shared by the coding tests (not a test itself): the demo themes, a published plan with two
// researchers and two participants, a way to write as a participant, and a check of a refusal.
import { beforeAll, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { commentTags, themes as themesTable } from '$lib/server/db/schema';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import { DEMO_THEMES } from '$lib/server/seed/themes-content';
import { readQueueFilters, type QueueFilters } from '$lib/schemas/themes';
import * as comments from '$lib/server/commentary/write';
import type { Suggestion } from '$lib/server/analysis/suggestions';
import { CodingError } from '$lib/server/analysis/coder';

let counter = 0;
export const key = () => `key-${counter++}-${Math.random().toString(36).slice(2)}`;
export const filters = (extra: Partial<QueueFilters> = {}): QueueFilters => ({ ...readQueueFilters(new URLSearchParams()), ...extra });
export const themesOf = (suggestions: Suggestion[] | undefined) => (suggestions ?? []).map((s) => s.theme);

/** Call at the top of a test file, after useTestDatabase(). */
export function useDemoThemes(): void {
	beforeAll(async () => {
		await db.insert(themesTable).values(DEMO_THEMES.map((theme, index) => ({ ...theme, keywords: [...theme.keywords], position: index + 1 })));
	});
}

export async function setup() {
	const { plan, version, official } = await createPublishedPlan();
	const lead = await createUser({ roles: ['researcher'], displayName: '이서연' });
	const second = await createUser({ roles: ['researcher'], displayName: '정하은' });
	const coop = await createUser({ group: 'cooperative', organisation: '광명 생협' });
	const citizen = await createUser({ group: 'citizen' });
	const write = async (body: string, extra: Partial<comments.NewComment> = {}) =>
		(
			await comments.create({
				planId: plan.id,
				sectionKey: 'support-centre',
				kind: 'concern',
				body,
				authorId: citizen.id,
				idempotencyKey: key(),
				...extra
			})
		).id;
	return { plan, version, official, lead, second, coop, citizen, write };
}

export async function expectForbidden(promise: Promise<unknown>) {
	const error = await promise.catch((e: unknown) => e);
	expect(error).toBeInstanceOf(CodingError);
	expect((error as CodingError).code).toBe('forbidden');
}

export async function tagRows(commentId: number) {
	return db.select().from(commentTags).where(eq(commentTags.commentId, commentId));
}
