// Agreement between researchers: how far two researchers' codings of the same comments agree.
// The maths lives in $lib/analysis/kappa (Cohen's kappa) and $lib/analysis/krippendorff.
import { and, eq, inArray, ne } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { codingReviews, commentTags, comments, themes, users } from '$lib/server/db/schema';
import * as themeStore from '$lib/server/analysis/themes';
import { coderPairs, kappaByTheme, type Coding, type ThemeAgreement } from '$lib/analysis/kappa';
import { nominalAlpha, type Unit } from '$lib/analysis/krippendorff';
import { assertCoder, type Actor } from '$lib/server/analysis/coder';

export interface AgreementRow extends ThemeAgreement {
	slug: string;
	labelKo: string;
	labelEn: string;
	color: string;
	/** Krippendorff's alpha of this theme over every researcher's coding (not only the pair's). */
	alpha: number | null;
}

export interface AgreementReport {
	coders: { id: number; name: string; coded: number }[];
	pairs: { a: number; b: number; shared: number }[];
	pair: { a: { id: number; name: string }; b: { id: number; name: string }; shared: number } | null;
	rows: AgreementRow[];
	/** Mean of the kappas that are defined; null when none is. */
	meanKappa: number | null;
	/** Krippendorff's alpha over every theme and every researcher, the themes' yes/no pooled as units. */
	pooledAlpha: number | null;
}

/**
 * Each theme's yes/no units for Krippendorff's alpha: one unit a comment, one value per researcher who
 * coded it (the others missing), whether they gave it the theme.
 */
function alphaUnits(codings: readonly Coding[], slugs: readonly string[]): Map<string, Unit[]> {
	const byComment = new Map<number, Map<number, Set<string>>>();
	for (const coding of codings) {
		const coders = byComment.get(Number(coding.commentId)) ?? new Map<number, Set<string>>();
		const applied = coders.get(Number(coding.coder)) ?? new Set<string>();
		for (const theme of coding.themes) applied.add(theme);
		coders.set(Number(coding.coder), applied);
		byComment.set(Number(coding.commentId), coders);
	}
	const shared = [...byComment.values()].filter((coders) => coders.size >= 2);
	return new Map(slugs.map((slug) => [slug, shared.map((coders) => [...coders.values()].map((applied) => applied.has(slug)))]));
}

/**
 * Per-theme agreement (Cohen's kappa) between two researchers over the plan's comments both coded,
 * a comment coded by a researcher meaning reviewed by them, with their tags as its themes. Without a
 * valid pair asked for, the pair with the most comments in common.
 */
export async function agreement(planId: number, requested: { a?: number; b?: number }, actor: Actor): Promise<AgreementReport> {
	assertCoder(actor);
	const [reviewRows, tagRows, activeThemes] = await Promise.all([
		db
			.select({ commentId: codingReviews.commentId, coder: codingReviews.reviewedBy })
			.from(codingReviews)
			.innerJoin(comments, eq(comments.id, codingReviews.commentId))
			.where(and(eq(comments.planId, planId), ne(comments.status, 'deleted'))),
		db
			.select({ commentId: commentTags.commentId, coder: commentTags.taggedBy, slug: themes.slug })
			.from(commentTags)
			.innerJoin(comments, eq(comments.id, commentTags.commentId))
			.innerJoin(themes, eq(themes.id, commentTags.themeId))
			.where(and(eq(comments.planId, planId), ne(comments.status, 'deleted'))),
		themeStore.active()
	]);
	const codings: Coding[] = [
		...reviewRows.map((row) => ({ commentId: Number(row.commentId), coder: row.coder, themes: [] })),
		// A tag implies a review, whether or not the review row is there.
		...tagRows.map((row) => ({ commentId: Number(row.commentId), coder: row.coder, themes: [row.slug] }))
	];
	const codedBy = new Map<number, Set<number>>();
	for (const coding of codings) {
		const coder = Number(coding.coder);
		codedBy.set(coder, (codedBy.get(coder) ?? new Set()).add(Number(coding.commentId)));
	}
	const names = codedBy.size
		? await db
				.select({ id: users.id, name: users.displayName })
				.from(users)
				.where(inArray(users.id, [...codedBy.keys()]))
		: [];
	const nameOf = new Map(names.map((user) => [user.id, user.name]));
	const coders = [...codedBy]
		.map(([id, coded]) => ({ id, name: nameOf.get(id) ?? String(id), coded: coded.size }))
		.sort((x, y) => y.coded - x.coded || x.name.localeCompare(y.name, 'ko'));
	const pairs = coderPairs(codings).map((pair) => ({ a: Number(pair.coderA), b: Number(pair.coderB), shared: pair.shared }));

	let chosen: { a: number; b: number } | undefined;
	const { a, b } = requested;
	if (a !== undefined && b !== undefined && a !== b && codedBy.has(a) && codedBy.has(b)) chosen = { a, b };
	else if (pairs[0]) chosen = { a: pairs[0].a, b: pairs[0].b };
	if (!chosen) return { coders, pairs, pair: null, rows: [], meanKappa: null, pooledAlpha: null };

	const shared = [...codedBy.get(chosen.a)!].filter((commentId) => codedBy.get(chosen.b)!.has(commentId)).length;
	const bySlug = new Map(activeThemes.map((theme) => [theme.slug, theme]));
	const units = alphaUnits(
		codings,
		activeThemes.map((theme) => theme.slug)
	);
	const rows = kappaByTheme(
		codings,
		chosen.a,
		chosen.b,
		activeThemes.map((theme) => theme.slug)
	).map((row) => {
		const theme = bySlug.get(row.theme)!;
		return {
			...row,
			slug: theme.slug,
			labelKo: theme.labelKo,
			labelEn: theme.labelEn,
			color: theme.color,
			alpha: nominalAlpha(units.get(row.theme)!)
		};
	});
	const defined = rows.map((row) => row.kappa).filter((kappa): kappa is number => kappa !== null);
	return {
		coders,
		pairs,
		pair: {
			a: { id: chosen.a, name: nameOf.get(chosen.a) ?? String(chosen.a) },
			b: { id: chosen.b, name: nameOf.get(chosen.b) ?? String(chosen.b) },
			shared
		},
		rows,
		meanKappa: defined.length ? defined.reduce((sum, kappa) => sum + kappa, 0) / defined.length : null,
		pooledAlpha: nominalAlpha([...units.values()].flat())
	};
}
