// The page where officials link each changed section of a revision to the comments it answers.
import { and, asc, eq, lt, ne } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { comments, planVersions } from '$lib/server/db/schema';
import * as plans from '$lib/server/plan-text/plans';
import * as commentStore from '$lib/server/commentary/views';
import * as responses from '$lib/server/outcome/responses';
import { compareSections } from '$lib/server/plan-text/version-compare';
import { numberSections } from '$lib/server/plan-text/section-numbers';

/** Comments on a section key written on versions before `number` (the candidates to link). */
async function earlierComments(planId: number, sectionKey: string, number: number): Promise<number[]> {
	const found = await db
		.select({ id: comments.id })
		.from(comments)
		.innerJoin(planVersions, eq(planVersions.id, comments.versionId))
		.where(and(eq(comments.planId, planId), eq(comments.sectionKey, sectionKey), lt(planVersions.number, number), ne(comments.status, 'deleted')))
		.orderBy(asc(comments.createdAt), asc(comments.id));
	return found.map((row) => row.id);
}

export async function linkPage(planId: number, version: plans.PlanVersion) {
	const previous = version.number > 1 ? await plans.versionByNumber(planId, version.number - 1) : undefined;
	const after = numberSections(await plans.sectionsOf(version.id));
	const before = previous ? numberSections(await plans.sectionsOf(previous.id)) : [];
	const comparison = compareSections(before, after);
	const linked = await responses.revisionLinksOf(version.id);
	const sections = [];
	for (const change of comparison.sections) {
		if (change.status === 'unchanged' && !change.moved) continue;
		const section = after.find((s) => s.key === change.key);
		if (!section) continue;
		const candidates = await commentStore.listByIds(await earlierComments(planId, change.key, version.number), null);
		sections.push({
			key: section.key,
			number: section.number,
			heading: section.heading,
			status: change.status,
			moved: change.moved,
			candidates,
			linked: linked[section.key] ?? []
		});
	}
	return { sections, previousNumber: previous?.number ?? null };
}
