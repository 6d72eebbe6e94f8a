// Shared by server and pages: the names of roles and stakeholder groups (labels live in messages/).

/** Everyone who registers is a participant; these roles are granted on top by an admin. */
export const ROLES = ['researcher', 'official', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAKEHOLDER_GROUPS = [
	'government',
	'social_economy_enterprise',
	'cooperative',
	'civil_society',
	'intermediary',
	'research',
	'citizen'
] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

/** What each role may do; checked on the server for every action, and used to show or hide controls. */
export const CAPABILITIES = {
	'plans.edit': ['official'],
	'plans.viewDrafts': ['official', 'admin'],
	'sessions.manage': ['official'],
	'transcripts.parse': ['official', 'researcher'],
	'themes.manage': ['researcher'],
	'comments.tag': ['researcher'],
	'syntheses.edit': ['researcher'],
	'comments.export': ['researcher', 'official', 'admin'],
	'responses.write': ['official'],
	'moderation.act': ['moderator', 'admin'],
	'users.manage': ['admin'],
	'audit.read': ['admin']
} as const satisfies Record<string, readonly Role[]>;
export type Capability = keyof typeof CAPABILITIES;

export function can(user: { roles: readonly string[] } | null | undefined, capability: Capability): boolean {
	if (!user) return false;
	const allowed: readonly string[] = CAPABILITIES[capability];
	return user.roles.some((role) => allowed.includes(role));
}
