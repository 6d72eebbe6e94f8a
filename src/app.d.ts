import type { Session, SessionUser } from '$lib/server/auth/session';

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
		}
	}
}

export {};
