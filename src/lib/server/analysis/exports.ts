// Exports of a plan's commentary for researchers and officials: CSV for spreadsheets, JSON for programs.
// Visible comments only (hidden and deleted ones stay out, as in every analysis view), read in pages by
// id and streamed, so a plan with 100,000 comments never sits in memory whole.
import { and, gt, sql } from 'drizzle-orm';
import { attachment, spreadsheetCsv } from '$lib/server/http/csv';
import { rows } from '$lib/server/db';
import {
	commentResponses,
	comments,
	consultationSessions,
	planSections,
	planVersions,
	speakers,
	users,
	type CommentKind,
	type Disposition
} from '$lib/server/db/schema';
import { authorGroup } from '$lib/server/analysis/authors';
import { filterConditions } from '$lib/server/analysis/comment-filters';
import type { CommentFilters } from '$lib/schemas/search';

export const BATCH_SIZE = 5000;

export interface ExportRow {
	id: number;
	parentId: number | null;
	sectionKey: string;
	sectionHeading: string;
	version: number;
	session: { id: number; title: string; heldOn: string } | null;
	author: { kind: 'user' | 'speaker'; name: string; organisation: string; group: string | null } | null;
	kind: CommentKind;
	themes: { slug: string; labelKo: string; labelEn: string }[];
	/** Each researcher who coded the comment and the themes they gave it ([] when they found none). */
	coding: { coderId: number; themes: string[] }[];
	endorsements: number;
	disposition: Disposition | null;
	createdAt: Date;
	body: string;
}

/** Korean time as an ISO 8601 string with its offset (Korea keeps UTC+9 all year). */
export function seoulIso(date: Date): string {
	return new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 19) + '+09:00';
}

interface ExportQueryRow {
	id: number | string;
	parent_id: number | string | null;
	section_key: string;
	section_heading: string | null;
	version: number;
	session_id: number | null;
	session_title: string | null;
	session_held_on: string | null;
	user_name: string | null;
	user_organisation: string | null;
	speaker_name: string | null;
	speaker_affiliation: string | null;
	grp: string | null;
	kind: CommentKind;
	themes: string | { slug: string; label_ko: string; label_en: string }[] | null;
	coding: string | { coder: number; slugs: string[] }[] | null;
	endorsements: number;
	disposition: Disposition | null;
	created_ms: number | string;
	body: string;
}

/**
 * Comments after `afterId`, oldest id first, at most `limit`. Plain SQL read as plain rows: mapping
 * a thousand rows of seventeen columns through the query builder took longer than the query itself.
 */
export async function exportBatch(planId: number, filters: CommentFilters, afterId: number, limit = BATCH_SIZE): Promise<ExportRow[]> {
	const found = await rows<ExportQueryRow>(sql`
		select ${comments.id} as id, ${comments.parentId} as parent_id, ${comments.sectionKey} as section_key,
			${planSections.heading} as section_heading, ${planVersions.number} as version,
			${comments.sessionId} as session_id, ${consultationSessions.title} as session_title,
			${consultationSessions.heldOn}::text as session_held_on,
			${users.displayName} as user_name, ${users.organisation} as user_organisation,
			${speakers.name} as speaker_name, ${speakers.affiliation} as speaker_affiliation, ${authorGroup} as grp,
			${comments.kind} as kind,
			(select json_agg(json_build_object('slug', th.slug, 'label_ko', th.label_ko, 'label_en', th.label_en) order by th.position, th.slug)
				from themes th
				where th.archived_at is null and th.merged_into_id is null
					and th.id in (select t.theme_id from comment_tags t where t.comment_id = ${comments.id})) as themes,
			(select json_agg(json_build_object('coder', coder, 'slugs', coalesce((
					select json_agg(th.slug order by th.position, th.slug) from comment_tags t join themes th on th.id = t.theme_id
					where t.comment_id = ${comments.id} and t.tagged_by = coder and th.archived_at is null and th.merged_into_id is null), '[]'::json))
					order by coder)
				from (select r.reviewed_by as coder from coding_reviews r where r.comment_id = ${comments.id}
					union select t.tagged_by from comment_tags t where t.comment_id = ${comments.id}) coders) as coding,
			${comments.endorsementCount} as endorsements, ${commentResponses.disposition} as disposition,
			extract(epoch from ${comments.createdAt}) * 1000 as created_ms, ${comments.body} as body
		from ${comments}
		join ${planVersions} on ${planVersions.id} = ${comments.versionId}
		left join ${planSections} on ${planSections.versionId} = ${comments.versionId} and ${planSections.key} = ${comments.sectionKey}
		left join ${users} on ${users.id} = ${comments.authorId}
		left join ${speakers} on ${speakers.id} = ${comments.speakerId}
		left join ${consultationSessions} on ${consultationSessions.id} = ${comments.sessionId}
		-- The repeated bound lets a merge join start at this page instead of at the first answer.
		left join ${commentResponses} on ${commentResponses.commentId} = ${comments.id} and ${commentResponses.commentId} > ${afterId}
		where ${and(...filterConditions(planId, filters), gt(comments.id, afterId))}
		order by ${comments.id}
		limit ${limit}`);
	return found.map((row) => {
		const themes = typeof row.themes === 'string' ? JSON.parse(row.themes) : row.themes;
		const coding = (typeof row.coding === 'string' ? JSON.parse(row.coding) : row.coding) as { coder: number; slugs: string[] }[] | null;
		return {
			id: Number(row.id),
			parentId: row.parent_id === null ? null : Number(row.parent_id),
			sectionKey: row.section_key,
			sectionHeading: row.section_heading ?? '',
			version: row.version,
			session:
				row.session_id !== null && row.session_title !== null
					? { id: row.session_id, title: row.session_title, heldOn: row.session_held_on ?? '' }
					: null,
			author:
				row.user_name !== null
					? { kind: 'user', name: row.user_name, organisation: row.user_organisation ?? '', group: row.grp }
					: row.speaker_name !== null
						? { kind: 'speaker', name: row.speaker_name, organisation: row.speaker_affiliation ?? '', group: row.grp }
						: null,
			kind: row.kind,
			themes: ((themes ?? []) as { slug: string; label_ko: string; label_en: string }[]).map((t) => ({
				slug: t.slug,
				labelKo: t.label_ko,
				labelEn: t.label_en
			})),
			coding: (coding ?? []).map((c) => ({ coderId: Number(c.coder), themes: c.slugs })),
			endorsements: Number(row.endorsements),
			disposition: row.disposition,
			createdAt: new Date(Number(row.created_ms)),
			body: row.body
		};
	});
}

export interface Coder {
	id: number;
	name: string;
}

/** The researchers who coded any of the plan's comments, by name: the per-coder columns. */
export async function codersOf(planId: number): Promise<Coder[]> {
	return rows<Coder>(sql`
		select u.id, u.display_name as name from users u
		where u.id in (select t.tagged_by from comment_tags t join comments c on c.id = t.comment_id where c.plan_id = ${planId}
			union select r.reviewed_by from coding_reviews r join comments c on c.id = r.comment_id where c.plan_id = ${planId})
		order by u.display_name, u.id`);
}

/** Every matching comment, a page at a time. */
export async function* exportRows(planId: number, filters: CommentFilters, batchSize = BATCH_SIZE): AsyncGenerator<ExportRow[]> {
	let afterId = 0;
	for (;;) {
		const batch = await exportBatch(planId, filters, afterId, batchSize);
		if (batch.length === 0) return;
		yield batch;
		if (batch.length < batchSize) return;
		afterId = batch[batch.length - 1].id;
	}
}

function streamOf(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const next = await chunks.next();
				if (next.done) controller.close();
				else controller.enqueue(encoder.encode(next.value));
			} catch (error) {
				controller.error(error);
			}
		},
		async cancel() {
			await chunks.return(undefined);
		}
	});
}

/**
 * The CSV's words in the reader's language, made by the caller (src/routes/plans/[slug]/export-labels.ts)
 * before the response streams: the labels depend on the request's locale, which is no longer known when
 * later pages are written.
 */
export interface CsvLayout {
	header: string[];
	/** One column each, after the shared columns: that researcher's themes. */
	coders: Coder[];
	coderHeader: (coder: Coder) => string;
	/** A researcher's cell for a comment they coded and gave no theme (an empty cell: not coded). */
	noTheme: string;
	kind: Record<string, string>;
	group: (group: string | null) => string;
	disposition: (disposition: Disposition | null) => string;
}

export function csvRecord(row: ExportRow, layout: CsvLayout): (string | number)[] {
	return [
		row.id,
		row.parentId ?? '',
		row.sectionKey,
		row.sectionHeading,
		row.version,
		row.session?.title ?? '',
		layout.group(row.author?.group ?? null),
		row.author?.name ?? '',
		row.author?.organisation ?? '',
		layout.kind[row.kind] ?? row.kind,
		row.themes.map((t) => t.slug).join('; '),
		row.themes.map((t) => t.labelKo).join('; '),
		row.endorsements,
		layout.disposition(row.disposition),
		seoulIso(row.createdAt),
		row.body,
		...layout.coders.map((coder) => {
			const coded = row.coding.find((c) => c.coderId === coder.id);
			return coded ? coded.themes.join('; ') || layout.noTheme : '';
		})
	];
}

/** CSV for spreadsheets (http/csv.ts); the byte order mark and header go once, at the start of the file. */
export function csvText(rows: ExportRow[], layout: CsvLayout, first: boolean): string {
	const records = rows.map((row) => csvRecord(row, layout));
	const header = [...layout.header, ...layout.coders.map(layout.coderHeader)];
	return spreadsheetCsv(first ? [header, ...records] : records, { bom: first });
}

export function csvStream(planId: number, filters: CommentFilters, layout: CsvLayout, batchSize = BATCH_SIZE): ReadableStream<Uint8Array> {
	async function* chunks(): AsyncGenerator<string> {
		let first = true;
		for await (const batch of exportRows(planId, filters, batchSize)) {
			yield csvText(batch, layout, first);
			first = false;
		}
		if (first) yield csvText([], layout, true);
	}
	return streamOf(chunks());
}

export function jsonRecord(row: ExportRow) {
	return {
		id: row.id,
		parent_id: row.parentId,
		section_key: row.sectionKey,
		section_heading: row.sectionHeading,
		version: row.version,
		session: row.session && { id: row.session.id, title: row.session.title, held_on: row.session.heldOn },
		author: row.author && {
			kind: row.author.kind,
			name: row.author.name,
			organisation: row.author.organisation,
			stakeholder_group: row.author.group
		},
		kind: row.kind,
		themes: row.themes.map((t) => ({ slug: t.slug, label_ko: t.labelKo, label_en: t.labelEn })),
		coding: row.coding.map((c) => ({ coder_id: c.coderId, themes: c.themes })),
		endorsements: row.endorsements,
		disposition: row.disposition,
		created_at: seoulIso(row.createdAt),
		body: row.body
	};
}

/** One JSON document, `{"plan", "exported_at", "filters", "coders", "comments": [...]}`, written a page at a time. */
export function jsonStream(
	plan: { id: number; slug: string; title: string },
	filters: CommentFilters,
	options: { now?: Date; batchSize?: number } = {}
): ReadableStream<Uint8Array> {
	async function* chunks(): AsyncGenerator<string> {
		const head = JSON.stringify({
			plan: { slug: plan.slug, title: plan.title },
			exported_at: seoulIso(options.now ?? new Date()),
			filters,
			coders: (await codersOf(plan.id)).map((coder) => ({ id: coder.id, name: coder.name }))
		});
		yield `${head.slice(0, -1)},"comments":[`;
		let first = true;
		for await (const batch of exportRows(plan.id, filters, options.batchSize)) {
			yield (first ? '\n' : ',\n') + batch.map((row) => JSON.stringify(jsonRecord(row))).join(',\n');
			first = false;
		}
		yield '\n]}\n';
	}
	return streamOf(chunks());
}

/**
 * Content-Disposition for a download named after the plan and the Seoul date: an ASCII name for old
 * clients and the Korean one (RFC 5987 `filename*`), with `commentsWord` in the reader's language, for the rest.
 */
export function downloadDisposition(
	plan: { slug: string; title: string },
	extension: 'csv' | 'json' | 'qdpx',
	commentsWord: string,
	now = new Date()
): string {
	const date = seoulIso(now).slice(0, 10);
	const ascii = `${plan.slug}-comments-${date}.${extension}`;
	const title = plan.title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').trim() || plan.slug;
	return attachment(`${title}-${commentsWord}-${date}.${extension}`, ascii);
}
