// The commentary exports' words in the reader's language (the export itself is
// $lib/server/analysis/exports, which knows no locale).
import { m } from '$lib/paraglide/messages';
import { dispositionLabel, groupLabel, kindLabel } from '$lib/labels';
import { COMMENT_KINDS } from '$lib/schemas/comments';
import { downloadDisposition, type Coder, type CsvLayout } from '$lib/server/analysis/exports';
import type { QdpxLabels } from '$lib/server/analysis/qdpx';

export function csvLayout(coders: Coder[] = []): CsvLayout {
	return {
		coders,
		coderHeader: (coder) => m.export_col_coder({ name: coder.name }),
		noTheme: m.export_coder_no_theme(),
		header: [
			m.export_col_id(),
			m.export_col_parent_id(),
			m.export_col_section_key(),
			m.export_col_section_heading(),
			m.export_col_version(),
			m.export_col_session(),
			m.export_col_group(),
			m.export_col_author(),
			m.export_col_organisation(),
			m.export_col_kind(),
			m.export_col_theme_slugs(),
			m.export_col_themes(),
			m.export_col_endorsements(),
			m.export_col_disposition(),
			m.export_col_created_at(),
			m.export_col_body()
		],
		kind: Object.fromEntries(COMMENT_KINDS.map((k) => [k, kindLabel(k)])),
		group: (group) => (group ? groupLabel(group) : ''),
		disposition: (disposition) => (disposition ? dispositionLabel(disposition) : '')
	};
}

/** Content-Disposition for the download, named in the reader's language. */
export function commentsDownload(plan: { slug: string; title: string }, extension: 'csv' | 'json' | 'qdpx', now = new Date()): string {
	return downloadDisposition(plan, extension, m.export_filename_comments(), now);
}

export function qdpxLabels(): QdpxLabels {
	return {
		sourceName: (row) => m.qdpx_source_name({ id: row.id, section: row.sectionHeading || row.sectionKey }),
		section: m.export_col_section_heading(),
		group: m.export_col_group(),
		kind: m.export_col_kind(),
		session: m.export_col_session(),
		createdAt: m.export_col_created_at(),
		groupLabel: (group) => (group ? groupLabel(group) : m.qdpx_group_unknown()),
		kindLabel
	};
}
