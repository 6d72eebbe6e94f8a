import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			locale: 'ko' | 'en';
			/** Set by handleError so the response can become 503 instead of 500. */
			databaseUnavailable?: boolean;
		}
	}
}

export {};
