// The outcome report of one version's consultation ("you said, we did"): what was heard, by theme;
// what was done, section by section, with every comment's disposition and the change that followed.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { comments, commentTags, consultationSessions, themeSyntheses, themes } from '$lib/server/db/schema';
import * as plans from '$lib/server/plan-text/plans';
import * as commentStore from '$lib/server/commentary/views';
import { compareSections, type SectionComparison } from '$lib/server/plan-text/version-compare';
import { numberSections } from '$lib/server/plan-text/section-numbers';
import { plainText, renderComment } from '$lib/server/plan-text/markdown';
import { TALLY_KEYS, type TallyKey } from '$lib/schemas/responses';

type Tally = Record<TallyKey, number>;
const emptyTally = (): Tally => Object.fromEntries(TALLY_KEYS.map((key) => [key, 0])) as Tally;

export interface OutcomeSection {
	key: string;
	number: string | null;
	heading: string;
	change: SectionComparison['status'] | null;
	moved: boolean;
	/** How its text changed in the next version; null when it did not (or there is none yet). */
	diff: SectionComparison | null;
	comments: commentStore.CommentView[];
}

/** Ids of the comments heard in a version's consultation: visible ones written on that version. */
async function heardIds(versionId: number): Promise<number[]> {
	const found = await db
		.select({ id: comments.id })
		.from(comments)
		.where(and(eq(comments.versionId, versionId), eq(comments.status, 'visible')))
		.orderBy(asc(comments.createdAt), asc(comments.id));
	return found.map((row) => row.id);
}

export async function report(planId: number, number: number) {
	const version = await plans.versionByNumber(planId, number);
	if (!version || version.status === 'draft') return null;
	const nextCandidate = await plans.versionByNumber(planId, number + 1);
	const next = nextCandidate && nextCandidate.status !== 'draft' ? nextCandidate : null;

	const sections = numberSections(await plans.sectionsOf(version.id));
	const nextSections = next ? numberSections(await plans.sectionsOf(next.id)) : [];
	const comparison = next ? compareSections(sections, nextSections) : null;
	const changeOf = new Map(comparison?.sections.map((s) => [s.key, s]) ?? []);

	const heard = await commentStore.listByIds(await heardIds(version.id), null);

	const bySection = new Map<string, commentStore.CommentView[]>();
	for (const comment of heard) {
		const list = bySection.get(comment.sectionKey) ?? [];
		list.push(comment);
		bySection.set(comment.sectionKey, list);
	}
	const outcomeSections: OutcomeSection[] = sections.map((section) => ({
		key: section.key,
		number: section.number,
		heading: section.heading,
		change: changeOf.get(section.key)?.status ?? null,
		moved: changeOf.get(section.key)?.moved ?? false,
		diff: changeOf.get(section.key)?.status === 'changed' || changeOf.get(section.key)?.status === 'removed' ? changeOf.get(section.key)! : null,
		comments: bySection.get(section.key) ?? []
	}));
	const unattached = [...bySection.entries()].filter(([key]) => !sections.some((s) => s.key === key));
	for (const [key, list] of unattached) {
		outcomeSections.push({ key, number: null, heading: key, change: null, moved: false, diff: null, comments: list });
	}

	const byDisposition = emptyTally();
	const byGroup = new Map<string, Tally>();
	// The chair's and the city staff's words at sessions are shown with the rest but are no opinions.
	const opinions = heard.filter((comment) => !comment.author?.role);
	for (const comment of opinions) {
		const disposition: TallyKey = comment.response?.disposition ?? 'none';
		byDisposition[disposition]++;
		const group = comment.author?.group ?? 'unknown';
		const tally = byGroup.get(group) ?? emptyTally();
		tally[disposition]++;
		byGroup.set(group, tally);
	}

	return {
		version: {
			number: version.number,
			title: version.title,
			publishedAt: version.publishedAt,
			commentsOpenAt: version.commentsOpenAt,
			commentsCloseAt: version.commentsCloseAt
		},
		next: next ? { number: next.number, title: next.title, publishedAt: next.publishedAt, changeSummary: next.changeSummary } : null,
		changeCounts: comparison?.counts ?? null,
		total: opinions.length,
		voices: heard.length - opinions.length,
		byDisposition,
		byGroup: [...byGroup.entries()].map(([group, tally]) => ({ group, tally, total: TALLY_KEYS.reduce((sum, key) => sum + tally[key], 0) })),
		themes: await themesHeard(planId, version.id),
		sessions: await sessionsOn(version.id),
		sections: outcomeSections.filter((s) => s.comments.length > 0 || s.change !== 'unchanged')
	};
}

export type OutcomeReport = NonNullable<Awaited<ReturnType<typeof report>>>;

/** Themes of the comments heard (counted once per comment), with the researchers' synthesis. */
async function themesHeard(planId: number, versionId: number) {
	const counted = await db
		.select({
			slug: themes.slug,
			labelKo: themes.labelKo,
			labelEn: themes.labelEn,
			color: themes.color,
			count: sql<number>`count(distinct ${commentTags.commentId})::int`,
			synthesis: themeSyntheses.body
		})
		.from(themes)
		.innerJoin(commentTags, eq(commentTags.themeId, themes.id))
		.innerJoin(comments, eq(comments.id, commentTags.commentId))
		.leftJoin(themeSyntheses, and(eq(themeSyntheses.themeId, themes.id), eq(themeSyntheses.planId, planId)))
		.where(and(eq(comments.versionId, versionId), eq(comments.status, 'visible'), isNull(themes.archivedAt)))
		.groupBy(themes.id, themeSyntheses.body)
		.orderBy(sql`count(distinct ${commentTags.commentId}) desc`, asc(themes.position));
	return counted.map(({ synthesis, ...theme }) => ({
		...theme,
		synthesisHtml: synthesis ? renderComment(synthesis) : null
	}));
}

async function sessionsOn(versionId: number) {
	return db
		.select({ id: consultationSessions.id, title: consultationSessions.title, heldOn: consultationSessions.heldOn, kind: consultationSessions.kind })
		.from(consultationSessions)
		.where(eq(consultationSessions.versionId, versionId))
		.orderBy(asc(consultationSessions.heldOn));
}

/** One row per comment heard, for the CSV export of the report (comment text as plain text). */
export async function csvTable(
	outcome: OutcomeReport,
	labels: { disposition: (d: string) => string; group: (g: string) => string; kind: (k: string) => string },
	header: string[]
) {
	const ids = outcome.sections.flatMap((s) => s.comments.map((c) => c.id));
	const sources = ids.length ? await db.select({ id: comments.id, body: comments.body }).from(comments).where(inArray(comments.id, ids)) : [];
	const bodies = new Map(sources.map((row) => [row.id, plainText(row.body)]));
	const rows: unknown[][] = [header];
	for (const section of outcome.sections) {
		for (const comment of section.comments) {
			rows.push([
				comment.id,
				comment.parentId ?? '',
				section.number ?? '',
				section.heading,
				comment.session?.title ?? '',
				comment.author?.name ?? '',
				comment.author?.organisation ?? '',
				comment.author?.group ? labels.group(comment.author.group) : '',
				labels.kind(comment.kind),
				bodies.get(comment.id) ?? '',
				comment.response ? labels.disposition(comment.response.disposition) : '',
				comment.response ? comment.response.body : '',
				comment.reflectedIn.map((r) => `v${r.versionNumber} ${r.heading}`).join('; ')
			]);
		}
	}
	return rows;
}
