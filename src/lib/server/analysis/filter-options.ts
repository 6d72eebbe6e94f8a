// What the filter forms over commentary offer: the plan's sections, its sessions and the active themes.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { consultationSessions, planSections, planVersions, themes } from '$lib/server/db/schema';
import { numberSections } from '$lib/server/plan-text/section-numbers';
import { activeTheme } from '$lib/server/analysis/comment-filters';

export interface SectionOption {
	key: string;
	number: string;
	heading: string;
	/** False for a key only earlier versions had; it keeps its last heading. */
	inCurrent: boolean;
}

/** Every section key of the plan's published versions: the current ones numbered and in order first. */
export async function sectionOptions(planId: number): Promise<SectionOption[]> {
	const all = await db
		.select({
			key: planSections.key,
			heading: planSections.heading,
			parentKey: planSections.parentKey,
			status: planVersions.status
		})
		.from(planSections)
		.innerJoin(planVersions, eq(planVersions.id, planSections.versionId))
		.where(and(eq(planVersions.planId, planId), inArray(planVersions.status, ['published', 'superseded'])))
		.orderBy(asc(planVersions.number), asc(planSections.position));
	const options: SectionOption[] = numberSections(all.filter((s) => s.status === 'published')).map((s) => ({
		key: s.key,
		number: s.number,
		heading: s.heading,
		inCurrent: true
	}));
	const known = new Set(options.map((o) => o.key));
	const removed = new Map<string, string>();
	for (const s of all) if (!known.has(s.key)) removed.set(s.key, s.heading);
	for (const [key, heading] of removed) options.push({ key, number: '', heading, inCurrent: false });
	return options;
}

/** What the filter forms offer: sections, sessions and active themes of the plan. */
export async function filterOptions(planId: number) {
	const [sections, sessions, themeList] = await Promise.all([
		sectionOptions(planId),
		db
			.select({ id: consultationSessions.id, title: consultationSessions.title, heldOn: consultationSessions.heldOn })
			.from(consultationSessions)
			.where(eq(consultationSessions.planId, planId))
			.orderBy(asc(consultationSessions.heldOn), asc(consultationSessions.id)),
		db
			.select({ slug: themes.slug, labelKo: themes.labelKo, labelEn: themes.labelEn, color: themes.color })
			.from(themes)
			.where(activeTheme)
			.orderBy(asc(themes.position), asc(themes.id))
	]);
	return { sections, sessions, themes: themeList };
}

export type FilterOptions = Awaited<ReturnType<typeof filterOptions>>;
