// The reader's language for this request. Paraglide's middleware would keep it in an
// AsyncLocalStorage of its own and copy every request to do so; SvelteKit already keeps the request
// in one, so Paraglide reads the locale from there (one context per request instead of two).
import { getRequestEvent } from '$app/server';
import { extractLocaleFromRequest, overwriteServerAsyncLocalStorage, type Locale } from '$lib/paraglide/runtime';

overwriteServerAsyncLocalStorage({
	getStore() {
		try {
			const event = getRequestEvent();
			return { locale: event.locals.locale, origin: event.url.origin };
		} catch {
			// Outside a request (scripts, tests): Paraglide falls back to the base locale, Korean.
			return undefined;
		}
	},
	run: (_store: unknown, callback: () => unknown) => callback()
});

/** By the reader's choice (cookie), else their browser's languages, else Korean. */
export const localeOf = (request: Request): Locale => extractLocaleFromRequest(request);
