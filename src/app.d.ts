import type { Session, SessionUser } from '$lib/server/auth/session';
import type { PageTokens, Scope } from '$lib/server/cache/page-cache';
import type { PageRecord } from '$lib/server/cache/reader-pages';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
			/** What the person was writing when the save failed, so the error page can hand it back. */
			draft?: Record<string, string>;
		}
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			locale: 'ko' | 'en';
			/** Set by handleError so the response can become 503 instead of 500. */
			databaseUnavailable?: boolean;
			/** Set by handleError when a query failed on a value from the request, so it becomes 400. */
			invalidInput?: boolean;
			/** The session was already looked up for this request (by the page cache). */
			sessionChecked?: boolean;
			/** Placeholders for a page drawn to be shared (page-cache.ts): loads draw with these. */
			pageTokens?: PageTokens;
			/** What a shared signed-in drawing found about its reader (reader-pages.ts). */
			pageRecord?: PageRecord;
			/** The only part of the data a write changed, set by the action that made it (page-cache.ts). */
			writeScope?: Scope;
		}
	}
}

export {};
