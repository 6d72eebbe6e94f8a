// Inter-coder agreement: Cohen's kappa per theme between two researchers, over the comments both coded,
// so the team can see which theme definitions they read differently. Pure: no database, no server code.

export type Id = string | number;

/**
 * One coder's themes for one comment. A comment the coder looked at and found no theme for is coded
 * with `themes: []`; a comment they never coded has no record. Several records for the same comment
 * and coder are merged (so one row per tag works as well).
 */
export interface Coding {
	commentId: Id;
	coder: Id;
	themes: readonly string[];
}

/** The 2×2 table of one theme over the comments both coders coded. */
export interface AgreementTable {
	bothYes: number;
	bothNo: number;
	onlyA: number;
	onlyB: number;
}

export interface ThemeAgreement extends AgreementTable {
	theme: string;
	/** Comments both coded. */
	n: number;
	/** Share of those comments where the coders agree; null when they share none. */
	agreement: number | null;
	/** Cohen's kappa; null when it is undefined: no shared comments, or both coders gave every comment the same answer. */
	kappa: number | null;
}

export interface CoderPair {
	coderA: Id;
	coderB: Id;
	/** Comments both coded. */
	shared: number;
}

/**
 * Cohen's kappa of a 2×2 table, (po − pe) / (1 − pe), in its integer form 2(ad − bc) / ((a+b)(b+d) + (a+c)(c+d))
 * so that "no variance" is an exact zero denominator rather than a rounding accident.
 */
export function cohensKappa({ bothYes: a, onlyA: b, onlyB: c, bothNo: d }: AgreementTable): number | null {
	const denominator = (a + b) * (b + d) + (a + c) * (c + d);
	return denominator === 0 ? null : (2 * (a * d - b * c)) / denominator;
}

/** Each coder's merged themes per comment. */
function compareIds(a: Id, b: Id): number {
	return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

function byCoder(codings: readonly Coding[]): Map<Id, Map<Id, Set<string>>> {
	const coders = new Map<Id, Map<Id, Set<string>>>();
	for (const coding of codings) {
		let comments = coders.get(coding.coder);
		if (!comments) coders.set(coding.coder, (comments = new Map()));
		let themes = comments.get(coding.commentId);
		if (!themes) comments.set(coding.commentId, (themes = new Set()));
		for (const theme of coding.themes) themes.add(theme);
	}
	return coders;
}

/**
 * Agreement per theme between `coderA` and `coderB` over the comments both coded. `themes` fixes which
 * themes are reported and in what order; without it, every theme either coder used there, by slug.
 */
export function kappaByTheme(codings: readonly Coding[], coderA: Id, coderB: Id, themes?: readonly string[]): ThemeAgreement[] {
	const coders = byCoder(codings);
	const codedByB = coders.get(coderB) ?? new Map<Id, Set<string>>();
	const shared: { a: Set<string>; b: Set<string> }[] = [];
	for (const [commentId, a] of coders.get(coderA) ?? []) {
		const b = codedByB.get(commentId);
		if (b) shared.push({ a, b });
	}
	const reported = themes ?? [...new Set(shared.flatMap(({ a, b }) => [...a, ...b]))].sort();

	return reported.map((theme) => {
		const table: AgreementTable = { bothYes: 0, bothNo: 0, onlyA: 0, onlyB: 0 };
		for (const { a, b } of shared) {
			if (a.has(theme) && b.has(theme)) table.bothYes += 1;
			else if (a.has(theme)) table.onlyA += 1;
			else if (b.has(theme)) table.onlyB += 1;
			else table.bothNo += 1;
		}
		const n = shared.length;
		return {
			theme,
			...table,
			n,
			agreement: n === 0 ? null : (table.bothYes + table.bothNo) / n,
			kappa: cohensKappa(table)
		};
	});
}

/** Every pair of coders who coded at least one comment in common, most shared comments first. */
export function coderPairs(codings: readonly Coding[]): CoderPair[] {
	// In coder order, so a pair reads the same however the codings came (coderA before coderB).
	const coders = [...byCoder(codings)].sort(([a], [b]) => compareIds(a, b));
	const pairs: CoderPair[] = [];
	coders.forEach(([coderA, commentsA], index) => {
		for (const [coderB, commentsB] of coders.slice(index + 1)) {
			const shared = [...commentsA.keys()].filter((commentId) => commentsB.has(commentId)).length;
			if (shared > 0) pairs.push({ coderA, coderB, shared });
		}
	});
	return pairs.sort((x, y) => y.shared - x.shared);
}
