// Substring tests in SQL that take the user's text literally.
import { sql, type Column, type SQL } from 'drizzle-orm';

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column` contains `term`, ignoring case, with LIKE wildcards in the term taken literally. */
export function contains(column: SQL | Column, term: string): SQL {
	return sql`${column} ilike ${`%${escapeLike(term)}%`}`;
}
