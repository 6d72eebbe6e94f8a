// The demo's coding: the demo researcher codes most of the online commentary; a second researcher
// codes the interim comments on their own, with the honest differences two people reading the same
// comments have, so the agreement page shows real kappas. Through the app's own coding functions.
import type { Role, StakeholderGroup } from '$lib/roles';
import * as userStore from '$lib/server/accounts/users';
import * as tagging from '$lib/server/analysis/tagging';
import { generateSecureRandomString } from '$lib/server/auth/session';

export const SECOND_RESEARCHER = {
	email: 'researcher2@demo.example.org',
	displayName: '정하은',
	organisation: '사회적경제 기본계획 연구진',
	stakeholderGroup: 'research' as StakeholderGroup,
	roles: ['researcher'] as Role[]
};

/** The demo researcher's themes per comment (by its ref in comments-content.ts). */
export const LEAD_CODING: Record<string, string[]> = {
	'centre-one-person': ['support-centre', 'staffing'],
	'centre-civil-operator': ['support-centre'],
	'centre-civil-operator-doubt': ['support-centre', 'trust-process'],
	'centre-move-out': ['support-centre', 'mini-clusters'],
	closures: ['sustainability'],
	'closures-quality': ['sustainability', 'markets'],
	'procurement-dependence': ['markets', 'sustainability'],
	execution: ['implementation'],
	'execution-tf': ['implementation', 'staffing'],
	'execution-mayor': ['implementation'],
	'trust-first': ['governance', 'trust-process'],
	'no-rush': ['trust-process'],
	'village-unit': ['localisation', 'cooperatives'],
	'learning-strength': ['lifelong-learning'],
	'gyeonggi-cases': ['markets'],
	'clusters-trust': ['mini-clusters', 'trust-process'],
	'clusters-rent': ['mini-clusters'],
	'coop-network': ['cooperatives'],
	'indicators-count': ['sustainability']
};

/**
 * The second researcher's reading of the same interim comments. An empty list means "read it, no
 * theme fits" (the Gyeonggi comparison is about evidence, which the taxonomy has no theme for).
 */
export const SECOND_CODING: Record<string, string[]> = {
	'centre-one-person': ['support-centre', 'staffing'],
	'centre-civil-operator': ['support-centre', 'governance'],
	'centre-civil-operator-doubt': ['support-centre'],
	'centre-move-out': ['mini-clusters', 'support-centre'],
	closures: ['sustainability'],
	'closures-quality': ['markets'],
	'procurement-dependence': ['markets', 'sustainability'],
	execution: ['implementation', 'trust-process'],
	'execution-tf': ['implementation'],
	'execution-mayor': ['implementation', 'governance'],
	'trust-first': ['trust-process', 'governance'],
	'no-rush': ['trust-process'],
	'village-unit': ['localisation'],
	'learning-strength': ['lifelong-learning'],
	'gyeonggi-cases': [],
	'clusters-trust': ['mini-clusters'],
	'clusters-rent': ['mini-clusters', 'sustainability'],
	'coop-network': ['cooperatives', 'markets'],
	'indicators-count': ['sustainability', 'implementation']
};

/** Of the demo researcher's themes, those taken by accepting a keyword suggestion. */
export const ACCEPTED: [ref: string, theme: string][] = [
	['closures-quality', 'markets'],
	['procurement-dependence', 'markets'],
	['execution-tf', 'implementation'],
	['learning-strength', 'lifelong-learning']
];

/** Suggestions the demo researcher rejected: a passing word, not the comment's subject. */
export const REJECTED: [ref: string, theme: string][] = [
	['centre-one-person', 'lifelong-learning'],
	['coop-network', 'governance']
];

/** Codes the demo commentary; returns the second researcher's account id. */
export async function seedCoding(accounts: Record<string, number>, commentIds: Record<string, number>): Promise<number> {
	const lead = { id: accounts['researcher@example.org'], roles: ['researcher'] };
	const second = await userStore.create({ ...SECOND_RESEARCHER, password: generateSecureRandomString() });
	accounts[SECOND_RESEARCHER.email] = second.id;

	const accepted = new Set(ACCEPTED.map(([ref, theme]) => `${ref}:${theme}`));
	for (const [ref, themes] of Object.entries(LEAD_CODING)) {
		for (const theme of themes) {
			if (accepted.has(`${ref}:${theme}`)) await tagging.acceptSuggestion(commentIds[ref], theme, lead);
			else await tagging.tag(commentIds[ref], theme, lead);
		}
	}
	for (const [ref, theme] of REJECTED) await tagging.rejectSuggestion(commentIds[ref], theme, lead);

	for (const [ref, themes] of Object.entries(SECOND_CODING)) {
		if (themes.length === 0) await tagging.markReviewed(commentIds[ref], second);
		for (const theme of themes) await tagging.tag(commentIds[ref], theme, second);
	}
	return second.id;
}
