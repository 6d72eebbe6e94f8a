// Labels for the fixed vocabularies, in the reader's language.
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
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

export function kindLabel(kind: string): string {
	switch (kind) {
		case 'support':
			return m.kind_support();
		case 'concern':
			return m.kind_concern();
		case 'suggestion':
			return m.kind_suggestion();
		case 'question':
			return m.kind_question();
		default:
			return kind;
	}
}

/** A symbol beside each kind, so colour is never the only signal. */
export const KIND_SYMBOLS: Record<string, string> = {
	support: '＋',
	concern: '！',
	suggestion: '✎',
	question: '？'
};

export function dispositionLabel(disposition: string): string {
	switch (disposition) {
		case 'accepted':
			return m.disposition_accepted();
		case 'partly_accepted':
			return m.disposition_partly_accepted();
		case 'under_review':
			return m.disposition_under_review();
		case 'not_accepted':
			return m.disposition_not_accepted();
		case 'out_of_scope':
			return m.disposition_out_of_scope();
		default:
			return disposition;
	}
}

/** A theme's label in the reader's language. */
export function themeLabel(theme: { labelKo: string; labelEn: string }): string {
	return getLocale() === 'en' ? theme.labelEn : theme.labelKo;
}

export function sessionKindLabel(kind: string): string {
	switch (kind) {
		case 'interim_report':
			return m.session_kind_interim_report();
		case 'final_report':
			return m.session_kind_final_report();
		case 'citizens_forum':
			return m.session_kind_citizens_forum();
		case 'workshop':
			return m.session_kind_workshop();
		default:
			return kind;
	}
}

export function commentStatusLabel(status: string): string {
	switch (status) {
		case 'hidden':
			return m.comment_status_hidden();
		case 'deleted':
			return m.comment_status_deleted();
		default:
			return status;
	}
}
