// Labels for the fixed vocabularies, in the reader's language.
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { STAKEHOLDER_GROUPS, type Role, type StakeholderGroup } from '$lib/roles';
import { COMMENT_KINDS } from '$lib/schemas/comments';

/** A message for each value of a vocabulary; called when asked, so the reader's language applies. */
export type LabelMessages<T extends string> = Record<T, () => string>;

/** The label of `value`; a value the vocabulary does not know stands as it is. */
export function labelFrom<T extends string>(messages: LabelMessages<T>, value: string): string {
	return Object.hasOwn(messages, value) ? messages[value as T]() : value;
}

const GROUPS: LabelMessages<StakeholderGroup> = {
	government: m.group_government,
	social_economy_enterprise: m.group_social_economy_enterprise,
	cooperative: m.group_cooperative,
	civil_society: m.group_civil_society,
	intermediary: m.group_intermediary,
	research: m.group_research,
	citizen: m.group_citizen
};
const ROLES: LabelMessages<Role | 'participant'> = {
	participant: m.role_participant,
	researcher: m.role_researcher,
	official: m.role_official,
	moderator: m.role_moderator,
	admin: m.role_admin
};
const KINDS = { support: m.kind_support, concern: m.kind_concern, suggestion: m.kind_suggestion, question: m.kind_question };
const DISPOSITIONS = {
	accepted: m.disposition_accepted,
	partly_accepted: m.disposition_partly_accepted,
	under_review: m.disposition_under_review,
	not_accepted: m.disposition_not_accepted,
	out_of_scope: m.disposition_out_of_scope
};
const SESSION_KINDS = {
	interim_report: m.session_kind_interim_report,
	final_report: m.session_kind_final_report,
	citizens_forum: m.session_kind_citizens_forum,
	workshop: m.session_kind_workshop
};
const COMMENT_STATUSES = { hidden: m.comment_status_hidden, deleted: m.comment_status_deleted };

export const groupLabel = (group: string): string => labelFrom(GROUPS, group);
export const roleLabel = (role: Role | 'participant'): string => ROLES[role]();
export const kindLabel = (kind: string): string => labelFrom(KINDS, kind);
export const dispositionLabel = (disposition: string): string => labelFrom(DISPOSITIONS, disposition);
export const sessionKindLabel = (kind: string): string => labelFrom(SESSION_KINDS, kind);
export const commentStatusLabel = (status: string): string => labelFrom(COMMENT_STATUSES, status);

/** A symbol beside each kind, so colour is never the only signal. */
export const KIND_SYMBOLS: Record<string, string> = {
	support: '＋',
	concern: '！',
	suggestion: '✎',
	question: '？'
};

/** A theme's label in the reader's language. */
export function themeLabel(theme: { labelKo: string; labelEn: string }): string {
	return getLocale() === 'en' ? theme.labelEn : theme.labelKo;
}

/** The choices of a select: every stakeholder group, every comment kind, the given themes. */
export const groupOptions = () => STAKEHOLDER_GROUPS.map((group) => ({ value: group, label: groupLabel(group) }));
export const kindOptions = () => COMMENT_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }));
export const themeOptions = (themes: readonly { slug: string; labelKo: string; labelEn: string }[]) =>
	themes.map((theme) => ({ value: theme.slug, label: themeLabel(theme) }));
