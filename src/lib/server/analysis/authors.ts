// Who wrote a comment, read the same way wherever commentary is listed: search hits, the coding queue
// and synthesis quotes. A comment is written online by a user or said at a session by a speaker.
import { sql } from 'drizzle-orm';
import { speakers, users } from '$lib/server/db/schema';

/** The author's stakeholder group, whether they wrote online or spoke at a session. */
export const authorGroup = sql<string | null>`coalesce(${users.stakeholderGroup}, ${speakers.stakeholderGroup})`;

/** The author's columns for a select that joins users and speakers; `authorOf` reads them back. */
export const authorColumns = {
	userName: users.displayName,
	userOrganisation: users.organisation,
	speakerName: speakers.name,
	speakerAffiliation: speakers.affiliation,
	group: authorGroup
};

export interface CommentAuthor {
	name: string;
	organisation: string;
	group: string | null;
}

type AuthorRow = {
	userName: string | null;
	userOrganisation: string | null;
	speakerName: string | null;
	speakerAffiliation: string | null;
	group: string | null;
};

/** Who wrote it online or said it at a session; null for neither (a removed account). */
export function authorOf(row: AuthorRow): CommentAuthor | null {
	const name = row.userName ?? row.speakerName;
	return name === null ? null : { name, organisation: row.userOrganisation ?? row.speakerAffiliation ?? '', group: row.group };
}
