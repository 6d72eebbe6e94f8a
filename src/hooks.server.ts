import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { m } from '$lib/paraglide/messages';
import { startServer } from '$lib/server/startup';
import { isDatabaseUnavailable } from '$lib/server/db';
import {
	SESSION_COOKIE_NAME,
	deleteSessionCookie,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { crossSiteRefusal, oversizedBodyRefusal, securityHeaders } from '$lib/server/http';

export const init: ServerInit = async () => {
	try {
		await startServer();
	} catch (error) {
		console.error(`[plan-consultation] could not start: ${(error as Error).message}`);
		process.exit(1);
	}
};

/** Refuses what must never reach a route: cross-site writes and oversized bodies. */
const guardRequest: Handle = async ({ event, resolve }) => {
	return (
		crossSiteRefusal(event.request, event.url) ??
		oversizedBodyRefusal(event.request) ??
		resolve(event)
	);
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE_NAME);
	if (token) {
		const { session, user, renewed } = await validateSessionToken(token);
		if (session) {
			event.locals.session = session;
			event.locals.user = user;
			if (renewed) setSessionCookie(event.cookies, token, event.url);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

/**
 * An unexpected error is logged and answered without details; an unreachable database becomes
 * 503 so load balancers and people both know to try again shortly.
 */
const handleUnavailable: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		// A failure before any route ran (session lookup) does not reach handleError.
		if (!isDatabaseUnavailable(error)) throw error;
		return unavailableResponse(event.request);
	}
	if (response.status === 500 && event.locals.databaseUnavailable) {
		return new Response(response.body, {
			status: 503,
			statusText: 'Service Unavailable',
			headers: withRetryAfter(response.headers)
		});
	}
	return response;
};

function withRetryAfter(headers: Headers): Headers {
	const copy = new Headers(headers);
	copy.set('retry-after', '5');
	return copy;
}

function unavailableResponse(request: Request): Response {
	const message = m.error_database_unavailable();
	const wantsJson = !(request.headers.get('accept') ?? '').includes('text/html');
	return wantsJson
		? Response.json({ message, code: 'database_unavailable' }, { status: 503, headers: { 'retry-after': '5' } })
		: new Response(unavailablePage(message), {
				status: 503,
				headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '5' }
			});
}

function unavailablePage(message: string): string {
	return `<!doctype html><html lang="${m.lang_code()}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>503</title></head><body style="font-family:sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6"><h1>${m.error_unavailable_title()}</h1><p>${message}</p><p><a href="">${m.error_try_again()}</a></p></body></html>`;
}

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	securityHeaders(event.url, response.headers);
	return response;
};

export const handle = sequence(handleHeaders, guardRequest, handleLocale, handleUnavailable, handleSession);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (isDatabaseUnavailable(error)) {
		event.locals.databaseUnavailable = true;
		return { message: m.error_database_unavailable(), code: 'database_unavailable' };
	}
	if (status === 404) return { message: m.error_not_found(), code: 'not_found' };
	console.error(`[plan-consultation] ${event.request.method} ${event.url.pathname}:`, error);
	return { message: m.error_unexpected(), code: 'unexpected' };
};
