// The import preview: statements parsed from a transcript, corrected by the official (names,
// groups, kinds, sections; merge, split, drop, confirm an unsure split) and sent back and forth as
// plain form fields, so the whole flow works without JavaScript and nothing typed is lost between steps.
import {
	formatTranscript,
	inferStakeholderGroup,
	mergeStatements,
	splitStatement,
	UNSURE_REASONS,
	type Statement,
	type UnsureReason
} from '$lib/transcripts/parse';
import { inferSpeakerRole } from '$lib/transcripts/stakeholder';
import { statementRowSchema } from '$lib/schemas/sessions';
import { issueMessage } from '$lib/server/pages/forms';
import { m } from '$lib/paraglide/messages';
import type { ImportStatement } from '$lib/server/meetings/statements';

export interface PreviewRow {
	name: string;
	affiliation: string;
	text: string;
	group: string;
	kind: string;
	section: string;
	/** 'chair' or 'staff' when the statement needs no answer; '' for a stakeholder's opinion. */
	role: string;
	drop: boolean;
	/** Why the parser was unsure of the split before this row, until the official confirms it; '' when sure. */
	unsure: UnsureReason | '';
}

/** Where the official wants a statement split: a line holding only this marker. */
export const SPLIT_MARKER = '///';
const DEFAULT_KIND = 'suggestion';
const MAX_ROWS = 500;

/** `organisation` is the plan's, so that its own staff's statements are recognised as such. */
export function rowsFromStatements(statements: Array<Statement & { unsure?: UnsureReason | null }>, organisation = ''): PreviewRow[] {
	return statements.slice(0, MAX_ROWS).map((s) => ({
		name: s.name,
		affiliation: s.affiliation,
		text: s.text,
		group: inferStakeholderGroup(s.affiliation) ?? '',
		kind: DEFAULT_KIND,
		section: '',
		role: inferSpeakerRole(s.name, s.affiliation, organisation) ?? '',
		drop: false,
		unsure: s.unsure ?? ''
	}));
}

const asUnsure = (value: string): UnsureReason | '' => ((UNSURE_REASONS as readonly string[]).includes(value) ? (value as UnsureReason) : '');

export function rowsFromForm(form: FormData): PreviewRow[] {
	const count = Math.min(MAX_ROWS, Math.max(0, Number(form.get('rows')) || 0));
	const text = (name: string) => String(form.get(name) ?? '');
	return Array.from({ length: count }, (_, i) => ({
		name: text(`name.${i}`),
		affiliation: text(`affiliation.${i}`),
		text: text(`text.${i}`),
		group: text(`group.${i}`),
		kind: text(`kind.${i}`) || DEFAULT_KIND,
		section: text(`section.${i}`),
		role: text(`role.${i}`),
		drop: form.get(`drop.${i}`) === 'on',
		unsure: asUnsure(text(`unsure.${i}`))
	}));
}

const asStatement = (row: PreviewRow): Statement => ({ name: row.name, affiliation: row.affiliation, text: row.text });

/** Did the parser (or the official) give the two rows different speakers? */
const otherSpeaker = (a: PreviewRow, b: PreviewRow) =>
	Boolean(a.name || a.affiliation) && b.name !== '' && (a.name !== b.name || a.affiliation !== b.affiliation);

/**
 * "merge:3" joins row 3 into row 2; "split:3" splits row 3 at its split markers; "confirm:3" takes
 * the parser's unsure split before row 3 as right. Merging a row of another speaker undoes a split
 * the parser got wrong, so that speaker's "Name(Affiliation)" goes back into the text.
 */
export function applyOperation(rows: PreviewRow[], operation: string): PreviewRow[] {
	const [verb, raw] = operation.split(':');
	const index = Number(raw);
	if (!Number.isInteger(index) || index < 0 || index >= rows.length) return rows;
	if (verb === 'confirm') return rows.map((row, i) => (i === index ? { ...row, unsure: '' } : row));
	if (verb === 'merge' && index > 0) {
		const below = rows[index];
		const text = otherSpeaker(rows[index - 1], below) ? formatTranscript([asStatement(below)]) : below.text;
		const merged = mergeStatements(asStatement(rows[index - 1]), { ...asStatement(below), text });
		const next = [...rows];
		next.splice(index - 1, 2, { ...rows[index - 1], ...merged });
		return next;
	}
	if (verb === 'split') {
		const parts: PreviewRow[] = [];
		let rest: PreviewRow = rows[index];
		for (;;) {
			const at = rest.text.indexOf(SPLIT_MARKER);
			if (at < 0) break;
			const pieces = splitStatement(asStatement({ ...rest, text: rest.text.replace(SPLIT_MARKER, '') }), at);
			if (!pieces) {
				rest = { ...rest, text: rest.text.replace(SPLIT_MARKER, ' ').trim() };
				continue;
			}
			const [head, tail] = pieces;
			parts.push({ ...rest, ...head });
			rest = {
				...rest,
				...tail,
				unsure: '',
				group: tail.affiliation === rest.affiliation ? rest.group : (inferStakeholderGroup(tail.affiliation) ?? '')
			};
		}
		const next = [...rows];
		next.splice(index, 1, ...parts, rest);
		return next;
	}
	return rows;
}

export type RowErrors = Record<string, string>;

/** The rows to import (dropped ones left out), or the field errors keyed "name.3". */
export function validateRows(
	rows: PreviewRow[],
	sectionKeys: Set<string>
): { ok: true; statements: ImportStatement[] } | { ok: false; errors: RowErrors } {
	const errors: RowErrors = {};
	const statements: ImportStatement[] = [];
	rows.forEach((row, i) => {
		if (row.drop) return;
		const parsed = statementRowSchema.safeParse(row);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) errors[`${String(issue.path[0])}.${i}`] ??= issueMessage(issue);
			return;
		}
		if (parsed.data.section && !sectionKeys.has(parsed.data.section)) {
			errors[`section.${i}`] = m.error_choice();
			return;
		}
		statements.push({
			name: parsed.data.name,
			affiliation: parsed.data.affiliation,
			text: parsed.data.text,
			stakeholderGroup: parsed.data.group,
			kind: parsed.data.kind,
			sectionKey: parsed.data.section || null,
			speakerRole: parsed.data.role
		});
	});
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, statements };
}
