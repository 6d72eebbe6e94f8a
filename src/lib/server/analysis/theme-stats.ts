// The theme dashboard: how many visible comments each active theme has, across sections, stakeholder
// groups, versions and sessions. A comment has a theme when any researcher tagged it with it.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { connection, db, rows, type Connection } from '$lib/server/db';
import { consultationSessions, planVersions, themeSyntheses, themes, users } from '$lib/server/db/schema';
import { STAKEHOLDER_GROUPS } from '$lib/roles';
import { ONLINE, UNKNOWN_GROUP } from '$lib/schemas/search';
import { activeTheme } from '$lib/server/analysis/comment-filters';
import { sectionOptions } from '$lib/server/analysis/filter-options';
import { themeMarkColumns, type ThemeMark } from '$lib/server/commentary/views';

/** theme slug → column key → comments. */
export type Matrix = Record<string, Record<string, number>>;

export interface DashboardTheme extends ThemeMark {
	id: number;
	description: string;
	count: number;
	synthesis: { updatedAt: Date; updatedBy: string | null; empty: boolean } | null;
	quoteCount: number;
}

export interface ThemeDashboard {
	totals: { comments: number; tagged: number };
	themes: DashboardTheme[];
	sections: { key: string; number: string; heading: string; inCurrent: boolean }[];
	groups: string[];
	versions: number[];
	sessions: { key: string; title: string | null; heldOn: string | null }[];
	bySection: Matrix;
	byGroup: Matrix;
	byVersion: Matrix;
	bySession: Matrix;
}

interface Counts {
	tagged: number;
	/** One row per theme and combination of section, version, session and group. */
	cells: { themeId: number; sectionKey: string; versionId: number; sessionId: number | null; group: string | null; count: number }[];
}

// The counts cost a scan of every tagged comment of the plan, so each instance keeps the last result
// and reuses it while analysis_revision (raised by triggers, migrations/0006) has not moved.
const cache = new WeakMap<Connection, Map<number, { revision: string; counts: Promise<Counts> }>>();

async function computeCounts(planId: number): Promise<Counts> {
	const [cells, [tagged]] = await Promise.all([
		rows<{ theme_id: number; section_key: string; version_id: number; session_id: number | null; grp: string | null; n: number }>(sql`
			select p.theme_id, c.section_key, c.version_id, c.session_id,
				coalesce(u.stakeholder_group, s.stakeholder_group) as grp, count(*)::int as n
			from comments c
			join (
				select distinct t.comment_id, t.theme_id from comment_tags t
				where t.theme_id in (select ${themes.id} from ${themes} where ${activeTheme})
			) p on p.comment_id = c.id
			left join users u on u.id = c.author_id
			left join speakers s on s.id = c.speaker_id
			where c.plan_id = ${planId} and c.status = 'visible'
			group by 1, 2, 3, 4, 5`),
		rows<{ n: number }>(sql`
			select count(*)::int as n from comments c
			where c.plan_id = ${planId} and c.status = 'visible' and exists (
				select 1 from comment_tags t join themes th on th.id = t.theme_id
				where t.comment_id = c.id and th.archived_at is null and th.merged_into_id is null)`)
	]);
	return {
		tagged: Number(tagged.n),
		cells: cells.map((row) => ({
			themeId: Number(row.theme_id),
			sectionKey: row.section_key,
			versionId: Number(row.version_id),
			sessionId: row.session_id === null ? null : Number(row.session_id),
			group: row.grp,
			count: Number(row.n)
		}))
	};
}

/** The revision of the analysed data and the plan's visible comments, in one round trip. */
async function revisionAndTotal(planId: number): Promise<{ revision: string; total: number }> {
	const [row] = await rows<{ revision: string | number; total: number }>(sql`
		select (select revision from analysis_revision where id) as revision,
			(select coalesce(sum(visible), 0)::int from section_comment_counts where plan_id = ${planId}) as total`);
	return { revision: String(row.revision), total: Number(row.total) };
}

async function countsFor(planId: number, revision: string): Promise<Counts> {
	const open = connection();
	let plans = cache.get(open);
	if (!plans) cache.set(open, (plans = new Map()));
	const cached = plans.get(planId);
	if (cached && cached.revision === revision) return cached.counts;
	// Requests arriving together share one computation.
	const counts = computeCounts(planId);
	plans.set(planId, { revision, counts });
	counts.catch(() => plans.delete(planId));
	return counts;
}

async function activeThemes(planId: number) {
	return db
		.select({
			id: themes.id,
			...themeMarkColumns,
			description: themes.description,
			synthesisAt: themeSyntheses.updatedAt,
			synthesisBy: users.displayName,
			synthesisEmpty: sql<boolean | null>`${themeSyntheses.body} = ''`,
			quoteCount: sql<number>`(select count(*)::int from synthesis_quotes q
				where q.plan_id = ${planId} and q.theme_id = ${themes}.id)`
		})
		.from(themes)
		.leftJoin(themeSyntheses, and(eq(themeSyntheses.planId, planId), eq(themeSyntheses.themeId, themes.id)))
		.leftJoin(users, eq(users.id, themeSyntheses.updatedBy))
		.where(activeTheme)
		.orderBy(asc(themes.position), asc(themes.id));
}

/** The plan's sections as columns, plus any key comments carry that no published version has. */
async function sectionColumns(planId: number, keysWithCounts: Set<string>) {
	// A section dropped in a later version is shown only while comments on it carry the theme.
	const columns = (await sectionOptions(planId)).filter((c) => c.inCurrent || keysWithCounts.has(c.key));
	const known = new Set(columns.map((c) => c.key));
	for (const key of keysWithCounts) if (!known.has(key)) columns.push({ key, number: '', heading: key, inCurrent: false });
	return columns;
}

function add(matrix: Matrix, slug: string, key: string, count: number) {
	const row = (matrix[slug] ??= {});
	row[key] = (row[key] ?? 0) + count;
}

export async function dashboard(planId: number): Promise<ThemeDashboard> {
	const { revision, total } = await revisionAndTotal(planId);
	const [counts, themeRows, versionRows, sessionRows] = await Promise.all([
		countsFor(planId, revision),
		activeThemes(planId),
		db
			.select({ id: planVersions.id, number: planVersions.number })
			.from(planVersions)
			.where(and(eq(planVersions.planId, planId), inArray(planVersions.status, ['published', 'superseded'])))
			.orderBy(asc(planVersions.number)),
		db
			.select({ id: consultationSessions.id, title: consultationSessions.title, heldOn: consultationSessions.heldOn })
			.from(consultationSessions)
			.where(eq(consultationSessions.planId, planId))
			.orderBy(asc(consultationSessions.heldOn), asc(consultationSessions.id))
	]);
	const slugOf = new Map(themeRows.map((t) => [t.id, t.slug]));
	const numberOf = new Map(versionRows.map((v) => [v.id, v.number]));
	const bySection: Matrix = {};
	const byGroup: Matrix = {};
	const byVersion: Matrix = {};
	const bySession: Matrix = {};
	const perTheme = new Map<number, number>();
	for (const cell of counts.cells) {
		const slug = slugOf.get(cell.themeId);
		// A theme archived since the counts were taken (the revision catches up on the next request).
		if (!slug) continue;
		perTheme.set(cell.themeId, (perTheme.get(cell.themeId) ?? 0) + cell.count);
		add(bySection, slug, cell.sectionKey, cell.count);
		add(byGroup, slug, cell.group ?? UNKNOWN_GROUP, cell.count);
		add(byVersion, slug, String(numberOf.get(cell.versionId) ?? '?'), cell.count);
		add(bySession, slug, cell.sessionId === null ? ONLINE : String(cell.sessionId), cell.count);
	}
	const sections = await sectionColumns(planId, new Set(counts.cells.map((c) => c.sectionKey)));
	const hasUnknown = counts.cells.some((c) => c.group === null);
	return {
		totals: { comments: total, tagged: counts.tagged },
		themes: themeRows.map((t) => ({
			id: t.id,
			slug: t.slug,
			labelKo: t.labelKo,
			labelEn: t.labelEn,
			color: t.color,
			description: t.description,
			count: perTheme.get(t.id) ?? 0,
			synthesis: t.synthesisAt ? { updatedAt: t.synthesisAt, updatedBy: t.synthesisBy, empty: t.synthesisEmpty === true } : null,
			quoteCount: Number(t.quoteCount)
		})),
		sections,
		groups: [...STAKEHOLDER_GROUPS, ...(hasUnknown ? [UNKNOWN_GROUP] : [])],
		versions: versionRows.map((v) => v.number),
		sessions: [{ key: ONLINE, title: null, heldOn: null }, ...sessionRows.map((s) => ({ key: String(s.id), title: s.title, heldOn: s.heldOn }))],
		bySection,
		byGroup,
		byVersion,
		bySession
	};
}
