// Krippendorff's alpha for nominal data: agreement among any number of coders, each unit coded by any
// subset of them (missing values allowed). Pure: no database, no server code.
// Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School, Univ. of Pennsylvania.

export type NominalValue = string | number | boolean;

/**
 * One unit's values, one per coder who coded it (missing coders left out or given as null). Units
 * with fewer than two values carry no information about agreement and are skipped, as the method says.
 */
export type Unit = readonly (NominalValue | null | undefined)[];

/**
 * α = 1 − D_o / D_e over the coincidence matrix: 1 is perfect agreement, 0 is what chance gives,
 * below 0 is systematic disagreement. Null when it is undefined: fewer than two pairable values, or
 * every value the same (no variation to agree on).
 */
export function nominalAlpha(units: readonly Unit[]): number | null {
	// o[c][k]: coincidences of values c and k, each unit's pairs weighted by 1 / (m_u − 1).
	const coincidences = new Map<NominalValue, Map<NominalValue, number>>();
	for (const unit of units) {
		const values = unit.filter((value): value is NominalValue => value !== null && value !== undefined);
		const m = values.length;
		if (m < 2) continue;
		for (let i = 0; i < m; i++) {
			for (let j = 0; j < m; j++) {
				if (i === j) continue;
				const row = coincidences.get(values[i]) ?? new Map<NominalValue, number>();
				row.set(values[j], (row.get(values[j]) ?? 0) + 1 / (m - 1));
				coincidences.set(values[i], row);
			}
		}
	}
	const totals = new Map<NominalValue, number>();
	let n = 0;
	let observedDisagreement = 0;
	for (const [c, row] of coincidences) {
		for (const [k, count] of row) {
			totals.set(c, (totals.get(c) ?? 0) + count);
			n += count;
			if (c !== k) observedDisagreement += count;
		}
	}
	let expectedDisagreement = 0;
	for (const [c, nc] of totals) for (const [k, nk] of totals) if (c !== k) expectedDisagreement += nc * nk;
	if (n < 2 || expectedDisagreement === 0) return null;
	return 1 - ((n - 1) * observedDisagreement) / expectedDisagreement;
}
