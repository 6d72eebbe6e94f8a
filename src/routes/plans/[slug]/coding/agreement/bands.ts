// Landis & Koch (1977) readings of Cohen's kappa, on the value as shown (two decimals), so a kappa
// printed as 0.20 is never read as "fair".
export type KappaBand = 'none' | 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost_perfect';

export function kappaBand(kappa: number | null): KappaBand {
	if (kappa === null || Number.isNaN(kappa)) return 'none';
	const shown = Math.round(kappa * 100) / 100;
	if (shown < 0) return 'poor';
	if (shown <= 0.2) return 'slight';
	if (shown <= 0.4) return 'fair';
	if (shown <= 0.6) return 'moderate';
	if (shown <= 0.8) return 'substantial';
	return 'almost_perfect';
}
