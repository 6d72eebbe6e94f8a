import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { localeOf } from '$lib/server/http/locale';
import { m } from '$lib/paraglide/messages';
import { answering, isReady, startWhenDatabaseAnswers } from '$lib/server/operations/startup';
import { answerClientErrors } from '$lib/server/http/client-errors';
import { errorCode, isDatabaseUnavailable } from '$lib/server/db';
import { SESSION_COOKIE_NAME, deleteSessionCookie, setSessionCookie, validateSessionToken, type SessionValidation } from '$lib/server/auth/session';
import { bodyGuard, crossSiteRefusal, formTypeRefusal, isInvalidInput, securityHeaders, urlRefusal } from '$lib/server/http/guards';
import * as pageCache from '$lib/server/cache/page-cache';
import * as readerPages from '$lib/server/cache/reader-pages';

export const init: ServerInit = async () => {
	answerClientErrors();
	// Not awaited: SvelteKit serves once init returns, and a database that is not up yet (started
	// after the app) is waited for while handleStarting answers 503, instead of the port staying shut.
	void startWhenDatabaseAnswers().catch((error) => {
		console.error(`[plan-consultation] could not start: ${(error as Error).message}`);
		process.exit(1);
	});
};

/** Until the database answers with every migration applied, nothing can be read or written: 503. */
const handleStarting: Handle = async ({ event, resolve }) => {
	if (isReady()) return resolve(event);
	event.locals.locale = localeOf(event.request);
	if (event.url.pathname === '/healthz') {
		return Response.json({ status: 'starting' }, { status: 503, headers: { 'cache-control': 'no-store', 'retry-after': '5' } });
	}
	return unavailableResponse(event.request, event.url, { message: m.error_starting(), code: 'starting' });
};

/**
 * Refuses what must never reach a route: cross-site writes, oversized bodies and text PostgreSQL
 * cannot store. Runs inside the locale middleware so refusals speak the user's language.
 */
const guardRequest: Handle = async ({ event, resolve }) => {
	const refused = crossSiteRefusal(event.request, event.url) ?? urlRefusal(event.request, event.url) ?? formTypeRefusal(event.request, event.url);
	if (refused) return refused;
	const guarded = await bodyGuard(event.request);
	if (guarded instanceof Response) return guarded;
	event.request = guarded;
	return resolve(event);
};

const handleLocale: Handle = ({ event, resolve }) => {
	const locale = localeOf(event.request);
	event.locals.locale = locale;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale) });
};

const handleSession: Handle = async ({ event, resolve }) => {
	if (event.locals.sessionChecked) return resolve(event);
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE_NAME);
	if (token) takeSession(event, token, await validateSessionToken(token));
	return resolve(event);
};

/**
 * Puts what a session lookup found where the request's code reads it, once: a renewal sends the
 * cookie again (its expiry moves with the session's), a token that matched nothing clears it.
 */
function takeSession(event: RequestEvent, token: string, { session, user, renewed }: SessionValidation): void {
	event.locals.sessionChecked = true;
	event.locals.session = session;
	event.locals.user = user;
	if (!session) deleteSessionCookie(event.cookies, event.url);
	else if (renewed) setSessionCookie(event.cookies, token, event.url);
}

/**
 * An unexpected error is logged and answered without details; an unreachable database becomes
 * 503 so load balancers and people both know to try again shortly, and a value the database could
 * not take (an id beyond its range) becomes 400.
 */
const handleUnavailable: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		// A failure before any route ran (session lookup) does not reach handleError.
		if (!isDatabaseUnavailable(error)) throw error;
		return unavailableResponse(event.request, event.url);
	}
	if (response.status === 500 && event.locals.databaseUnavailable) {
		return new Response(response.body, {
			status: 503,
			statusText: 'Service Unavailable',
			headers: withRetryAfter(response.headers)
		});
	}
	if (response.status === 500 && event.locals.invalidInput) {
		return new Response(response.body, { status: 400, statusText: 'Bad Request', headers: response.headers });
	}
	return response;
};

function withRetryAfter(headers: Headers): Headers {
	const copy = new Headers(headers);
	copy.set('retry-after', '5');
	return copy;
}

async function postedFields(request: Request): Promise<[string, string][]> {
	const type = request.headers.get('content-type') ?? '';
	if (request.method !== 'POST' || !/form-urlencoded|multipart\/form-data/.test(type)) return [];
	try {
		return [...(await request.formData())].filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !/password/i.test(entry[0]));
	} catch {
		return [];
	}
}

async function unavailableResponse(
	request: Request,
	url: URL,
	{ message, code } = { message: m.error_database_unavailable(), code: 'database_unavailable' }
): Promise<Response> {
	const headers = { 'retry-after': '5' };
	// An enhanced form reads the action-result shape; the page keeps what was typed and shows this.
	if (request.headers.get('x-sveltekit-action') === 'true') {
		return Response.json({ type: 'error', status: 503, error: { message, code } }, { status: 503, headers });
	}
	const wantsJson = !(request.headers.get('accept') ?? '').includes('text/html');
	return wantsJson
		? Response.json({ message, code }, { status: 503, headers })
		: new Response(unavailablePage(message, url, await postedFields(request)), {
				status: 503,
				headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }
			});
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Drawn without the database. When a form was being sent, its text comes back in a form that can be
 * sent again, so nothing typed is lost.
 */
function unavailablePage(message: string, url: URL, fields: [string, string][]): string {
	const draft = fields.find(([name]) => name === 'body' || name === 'transcript');
	const retry = fields.length
		? `<form method="POST" action="${escapeHtml(url.pathname + url.search)}">` +
			fields
				.filter(([name]) => name !== draft?.[0])
				.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
				.join('') +
			(draft
				? `<label for="draft" style="display:block;font-weight:600">${m.error_unavailable_draft()}</label>` +
					`<textarea id="draft" name="${escapeHtml(draft[0])}" rows="8" style="width:100%;font:inherit">${escapeHtml(draft[1])}</textarea>`
				: '') +
			`<p><button type="submit">${m.error_unavailable_resend()}</button></p></form>`
		: `<p><a href="${escapeHtml(url.pathname + url.search)}">${m.error_try_again()}</a></p>`;
	return `<!doctype html><html lang="${m.lang_code()}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>503</title></head><body style="font-family:sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6"><h1>${m.error_unavailable_title()}</h1><p>${message}</p>${retry}</body></html>`;
}

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	securityHeaders(event.url, response.headers);
	return response;
};

/**
 * Readers' pages come from the page cache when it holds them; any write empties it, both before (a
 * page drawn meanwhile is not kept) and after, on every instance. Signed-in readers of the pages that
 * are shared get the drawing kept for readers like them, with their own name, id and form key.
 */
const handlePageCache: Handle = async ({ event, resolve }) => {
	if (pageCache.isWrite(event.request)) {
		// An endorsement or a new top-level comment changes only its section's comments (the action says
		// so once it has saved it, in locals.writeScope); anything else, or such an action that did not
		// say (a reply, which also notifies the parent's author), retires every page.
		const scoped = event.route.id === SECTION_ROUTE && SCOPED_ACTIONS.has(actionOf(event.url) ?? '');
		if (!scoped) pageCache.invalidate();
		try {
			return await resolve(event);
		} finally {
			const scope = scoped ? event.locals.writeScope : undefined;
			await (scope ? pageCache.invalidateScopeEverywhere(scope) : pageCache.invalidateEverywhere());
		}
	}
	const drawWith = async (tokens: pageCache.PageTokens) => {
		event.locals.pageTokens = tokens;
		return resolve(event);
	};
	const token = event.cookies.get(SESSION_COOKIE_NAME);
	const locale = localeOf(event.request);
	const scope = event.route.id === SECTION_ROUTE ? pageCache.sectionScope(event.params.slug!, event.params.key!) : null;
	if (!token) {
		const key = pageCache.keyOf(event.request, event.url, locale, 'out');
		return key ? pageCache.serve(key, drawWith, null, undefined, await pageCache.readGeneration(), scope) : resolve(event);
	}
	if (!pageCache.keyOf(event.request, event.url, locale, 'in')) return resolve(event);
	// Read once: the session, the reader's facts and the page are all looked up at this generation.
	const at = await pageCache.readGeneration();
	let validation: SessionValidation;
	try {
		validation = await readerPages.validatedSession(token, at);
	} catch {
		// handleSession meets the same failure and answers it (503 when the database is away).
		return resolve(event);
	}
	// Looked up once: handleSession takes it from here.
	takeSession(event, token, validation);
	const { user, renewed } = validation;
	// A response that sets or clears the cookie is drawn for this reader alone.
	if (!user || renewed || !readerPages.isShared(event.route.id, user)) return resolve(event);
	const base = pageCache.keyOf(event.request, event.url, locale, `in:${[...user.roles].sort().join(',')}`)!;
	return readerPages.serve(
		base,
		user,
		(tokens, record) => {
			event.locals.pageRecord = record;
			return drawWith(tokens);
		},
		at,
		scope
	);
};

/** The one page kept per section, whose endorsements and new top-level comments move their own counter (page-cache.ts). */
const SECTION_ROUTE = '/plans/[slug]/sections/[key]';
const SCOPED_ACTIONS = new Set(['endorseComment', 'createComment']);

/** A form action's name, found as SvelteKit finds it: the first query name that starts with '/'. */
function actionOf(url: URL): string | null {
	for (const name of url.searchParams.keys()) if (name.startsWith('/')) return name.slice(1) || 'default';
	return null;
}

const handleInFlight: Handle = ({ event, resolve }) => answering(async () => resolve(event));

export const handle = sequence(
	handleInFlight,
	handleStarting,
	handlePageCache,
	handleHeaders,
	handleLocale,
	guardRequest,
	handleUnavailable,
	handleSession
);

const UNSUPPORTED_MEDIA_TYPE = 415;
/** Enough of SvelteKit's own message to tell what was refused, not an echo of what was sent. */
const LOGGED_MESSAGE_LENGTH = 200;

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (isDatabaseUnavailable(error)) {
		event.locals.databaseUnavailable = true;
		return { message: m.error_database_unavailable(), code: 'database_unavailable' };
	}
	if (isInvalidInput(error)) {
		event.locals.invalidInput = true;
		console.warn(
			`[plan-consultation] ${event.request.method} ${event.url.pathname}: PostgreSQL refused a value from the request (${errorCode(error)})`
		);
		return { message: m.error_invalid_input(), code: 'invalid_input' };
	}
	if (status === 404) return { message: m.error_not_found(), code: 'not_found' };
	// The client's mistake (SvelteKit's 415 for a form action posted without a form's type): anyone
	// can send these, so a line each at most, never a stack trace.
	if (status >= 400 && status < 500) {
		console.warn(
			`[plan-consultation] ${event.request.method} ${event.url.pathname}: ${status} ${JSON.stringify(message.slice(0, LOGGED_MESSAGE_LENGTH))}`
		);
		return status === UNSUPPORTED_MEDIA_TYPE
			? { message: m.error_unsupported_media_type(), code: 'unsupported_media_type' }
			: { message: m.error_bad_request(), code: 'bad_request' };
	}
	console.error(`[plan-consultation] ${event.request.method} ${event.url.pathname}:`, error);
	return { message: m.error_unexpected(), code: 'unexpected' };
};
