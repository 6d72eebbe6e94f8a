// Labels for the fixed vocabularies, in the reader's language.
import { m } from '$lib/paraglide/messages';
import type { Role, StakeholderGroup } from '$lib/roles';

export function groupLabel(group: string): string {
	switch (group as StakeholderGroup) {
		case 'government':
			return m.group_government();
		case 'social_economy_enterprise':
			return m.group_social_economy_enterprise();
		case 'cooperative':
			return m.group_cooperative();
		case 'civil_society':
			return m.group_civil_society();
		case 'intermediary':
			return m.group_intermediary();
		case 'research':
			return m.group_research();
		case 'citizen':
			return m.group_citizen();
		default:
			return group;
	}
}

export function roleLabel(role: Role | 'participant'): string {
	switch (role) {
		case 'participant':
			return m.role_participant();
		case 'researcher':
			return m.role_researcher();
		case 'official':
			return m.role_official();
		case 'moderator':
			return m.role_moderator();
		case 'admin':
			return m.role_admin();
	}
}
