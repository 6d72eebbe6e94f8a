// The Markdown behind what the report pages show as HTML, for the Word reports to set as text.
import { and, eq, inArray } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { comments, themes, themeSyntheses } from '$lib/server/db/schema';

/** The Markdown of visible comments, by id (the outcome report lists only visible ones). */
export async function commentBodies(ids: number[]): Promise<Map<number, string>> {
	if (ids.length === 0) return new Map();
	const found = await db
		.select({ id: comments.id, body: comments.body })
		.from(comments)
		.where(and(inArray(comments.id, ids), eq(comments.status, 'visible')));
	return new Map(found.map((row) => [row.id, row.body]));
}

/** Each written synthesis of a plan, by theme slug. */
export async function synthesisBodies(planId: number): Promise<Map<string, string>> {
	const found = await db
		.select({ slug: themes.slug, body: themeSyntheses.body })
		.from(themeSyntheses)
		.innerJoin(themes, eq(themes.id, themeSyntheses.themeId))
		.where(eq(themeSyntheses.planId, planId));
	return new Map(found.filter((row) => row.body.trim()).map((row) => [row.slug, row.body]));
}
