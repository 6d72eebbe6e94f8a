// The outcome report ("you said, we did") as a Word document: the same parts as the page, in the
// reader's language, with every comment's disposition in a table per section. The text changes
// themselves stay on the page (a Word table of word diffs would not read well); each section names
// how it changed.
import type { Paragraph, Table } from 'docx';
import { m } from '$lib/paraglide/messages';
import { formatDate, formatNumber, isOne } from '$lib/format';
import { dispositionLabel, groupLabel, kindLabel, sessionKindLabel, themeLabel } from '$lib/labels';
import { TALLY_KEYS, type TallyKey } from '$lib/schemas/responses';
import { caption, heading, markdownParagraphs, muted, packDocx, subtitle, table, text, title, type Cell } from './docx-styles';

export interface OutcomeDocxComment {
	id: number;
	kind: string;
	author: { name: string; organisation: string; group: string | null; role?: string | null } | null;
	session: { title: string } | null;
	/** Null when the reader may not see the text; the page then shows none either. */
	bodyHtml: string | null;
	response: { disposition: string; body: string } | null;
	reflectedIn: { versionNumber: number; heading: string }[];
}

/** What the builder reads of `outcome.report(...)`: the page's data. */
export interface OutcomeDocxReport {
	version: { number: number; title: string; commentsOpenAt: Date | null; commentsCloseAt: Date | null };
	next: { number: number; title: string; publishedAt: Date | null; changeSummary: string | null } | null;
	total: number;
	/** Statements by the chair or staff at a session: shown, not counted as opinions to answer. */
	voices: number;
	byDisposition: Record<TallyKey, number>;
	byGroup: { group: string; tally: Record<TallyKey, number>; total: number }[];
	themes: { slug: string; labelKo: string; labelEn: string; count: number }[];
	sessions: { title: string; heldOn: Date | string; kind: string }[];
	sections: { key: string; number: string | null; heading: string; change: string | null; moved: boolean; comments: OutcomeDocxComment[] }[];
}

export interface OutcomeDocxInput {
	plan: { title: string; organisation: string | null };
	report: OutcomeDocxReport;
	/** Markdown of each comment heard, by id. */
	bodies: Map<number, string>;
	/** Markdown of each theme's synthesis, by theme slug. */
	syntheses: Map<string, string>;
}

const tallyLabel = (key: string) => (key === 'none' ? m.outcome_no_answer() : dispositionLabel(key));

/** As the page labels a section's change. */
function changeLabel(change: string | null, moved: boolean): string {
	const labels: Record<string, () => string> = {
		changed: m.outcome_change_changed,
		removed: m.outcome_change_removed,
		added: m.outcome_change_added,
		unchanged: m.outcome_change_unchanged
	};
	const label = (change && labels[change]?.()) || m.outcome_change_none();
	return moved ? `${label} · ${m.outcome_change_moved()}` : label;
}

function summary({ report }: OutcomeDocxInput): (Paragraph | Table)[] {
	const percent = (part: number) => (report.total ? Math.round((part / report.total) * 100) : 0);
	const lead = isOne(report.sessions.length) ? m.outcome_summary_text_one : m.outcome_summary_text;
	return [
		heading(m.outcome_summary(), 1),
		text(lead({ total: formatNumber(report.total), sessions: formatNumber(report.sessions.length) })),
		...(report.voices > 0 ? [text(m.outcome_voices_excluded({ count: formatNumber(report.voices) }))] : []),
		caption(m.outcome_by_disposition()),
		table(
			[m.response_disposition(), m.outcome_count(), m.outcome_share()],
			[
				...TALLY_KEYS.map((key) => [tallyLabel(key), formatNumber(report.byDisposition[key]), `${percent(report.byDisposition[key])}%`]),
				[m.outcome_total(), formatNumber(report.total), '100%']
			],
			[50, 25, 25]
		),
		caption(m.outcome_by_group()),
		table(
			[m.field_stakeholder_group(), ...TALLY_KEYS.map(tallyLabel), m.outcome_total()],
			report.byGroup.map((row) => [
				row.group === 'unknown' ? m.import_group_unknown() : groupLabel(row.group),
				...TALLY_KEYS.map((key) => formatNumber(row.tally[key])),
				formatNumber(row.total)
			])
		)
	];
}

function heard({ report, syntheses }: OutcomeDocxInput): (Paragraph | Table)[] {
	const out: (Paragraph | Table)[] = [heading(m.outcome_what_we_heard(), 1)];
	if (report.themes.length === 0) out.push(muted(m.outcome_no_themes()));
	for (const theme of report.themes) {
		out.push(heading(`${themeLabel(theme)} · ${m.comments_count({ count: formatNumber(theme.count) })}`, 2));
		const synthesis = syntheses.get(theme.slug);
		if (synthesis) out.push(...markdownParagraphs(synthesis));
	}
	if (report.sessions.length > 0) {
		out.push(heading(m.outcome_sessions(), 2));
		for (const session of report.sessions) out.push(text(`• ${session.title} · ${sessionKindLabel(session.kind)} · ${formatDate(session.heldOn)}`));
	}
	return out;
}

function commentRow(comment: OutcomeDocxComment, bodies: Map<number, string>): Cell[] {
	const who = [comment.author?.name ?? m.comment_unknown_author(), comment.author?.organisation, kindLabel(comment.kind), comment.session?.title]
		.filter(Boolean)
		.join('\n');
	const body = comment.bodyHtml === null ? '' : (bodies.get(comment.id) ?? '');
	const answer = comment.response
		? [
				...markdownParagraphs(comment.response.body),
				...comment.reflectedIn.map((link) =>
					text(`✓ ${m.comment_reflected_in({ number: link.versionNumber, section: link.heading })}`, { bold: true })
				)
			]
		: comment.author?.role
			? m.speaker_role_note()
			: m.outcome_no_answer();
	return [
		`#${comment.id}`,
		[...who.split('\n').map((line, i) => text(line, i === 0 ? { bold: true } : {}))],
		markdownParagraphs(body),
		comment.response ? dispositionLabel(comment.response.disposition) : comment.author?.role ? m.speaker_role_note() : m.outcome_no_answer(),
		answer
	];
}

function did({ report, bodies }: OutcomeDocxInput): (Paragraph | Table)[] {
	const out: (Paragraph | Table)[] = [heading(m.outcome_what_we_did(), 1)];
	if (report.next) {
		out.push(text(m.outcome_next_version({ number: report.next.number, title: report.next.title, date: formatDate(report.next.publishedAt) })));
		if (report.next.changeSummary) out.push(...markdownParagraphs(report.next.changeSummary));
	} else {
		out.push(muted(m.outcome_no_next()));
	}
	for (const section of report.sections) {
		const name = section.number ? `${section.number} ${section.heading}` : m.responses_no_section();
		out.push(heading(name, 2), muted(changeLabel(section.change, section.moved)));
		if (section.comments.length === 0) {
			out.push(muted(m.outcome_no_comments()));
			continue;
		}
		out.push(
			caption(`${name}: ${m.report_docx_comments()}`),
			table(
				[m.csv_comment_id(), m.csv_author(), m.csv_body(), m.csv_disposition(), m.csv_response()],
				section.comments.map((comment) => commentRow(comment, bodies)),
				[9, 17, 34, 12, 28]
			)
		);
	}
	return out;
}

export function outcomeDocx(input: OutcomeDocxInput): Promise<Uint8Array> {
	const { plan, report } = input;
	const heading1 = m.outcome_title({ number: report.version.number });
	const cover: Paragraph[] = [
		...(plan.organisation ? [muted(plan.organisation)] : []),
		title(heading1),
		subtitle(`${plan.title} · ${m.version_label({ number: report.version.number })} ${report.version.title}`)
	];
	if (report.version.commentsOpenAt && report.version.commentsCloseAt) {
		cover.push(muted(m.outcome_period({ from: formatDate(report.version.commentsOpenAt), to: formatDate(report.version.commentsCloseAt) })));
	}
	return packDocx({
		title: `${heading1} · ${plan.title}`,
		sections: [{ children: [...cover, ...summary(input), ...heard(input), ...did(input)] }]
	});
}
