// The JSON shape of a comment in the open-data API (`/api/v1`): snake_case, public fields only.
import { and, asc, eq, sql } from 'drizzle-orm';
import { comments, type CommentKind, type CommentStatus, type Disposition } from '$lib/server/db/schema';
import { reflectionsFor, responsesFor, selectComments, toView } from './views';

export interface ApiComment {
	id: number;
	parent_id: number | null;
	section_key: string;
	version: number;
	kind: CommentKind;
	author: { display_name: string; organisation: string; stakeholder_group: string | null; kind: 'user' | 'speaker' } | null;
	session: { id: number; title: string } | null;
	body: string | null;
	quote: string | null;
	created_at: string;
	edited_at: string | null;
	endorsements: number;
	status: CommentStatus;
	hidden_reason: string | null;
	disposition: Disposition | null;
	response: { body: string; responded_at: string; responded_by: string | null } | null;
	reflected_in: { version: number; section_key: string }[];
}

/** Every comment of a plan for the open-data API, oldest first, paged by id. */
export async function forApi(planId: number, options: { afterId: number; limit: number }): Promise<ApiComment[]> {
	const found = await selectComments()
		.where(and(eq(comments.planId, planId), sql`${comments.id} > ${options.afterId}`))
		.orderBy(asc(comments.id))
		.limit(options.limit);
	const ids = found.map((row) => row.id);
	const [answers, reflections] = await Promise.all([responsesFor(ids), reflectionsFor(ids)]);
	return found.map((row) => {
		const view = toView(row, null, new Set());
		const answer = row.status === 'deleted' ? undefined : answers.get(row.id);
		return {
			id: view.id,
			parent_id: view.parentId,
			section_key: view.sectionKey,
			version: view.versionNumber,
			kind: view.kind,
			author: view.author && {
				display_name: view.author.name,
				organisation: view.author.organisation,
				stakeholder_group: view.author.group,
				kind: view.author.kind
			},
			session: view.session,
			body: view.status === 'visible' ? row.body : null,
			quote: view.quote,
			created_at: view.createdAt.toISOString(),
			edited_at: view.editedAt?.toISOString() ?? null,
			endorsements: view.endorsementCount,
			status: view.status,
			hidden_reason: view.moderationReason,
			disposition: answer?.disposition ?? null,
			response: answer ? { body: answer.body, responded_at: answer.respondedAt.toISOString(), responded_by: answer.respondedBy } : null,
			reflected_in: (reflections.get(row.id) ?? []).map((r) => ({ version: r.versionNumber, section_key: r.sectionKey }))
		};
	});
}
