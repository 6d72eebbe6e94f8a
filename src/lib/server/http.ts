import { m } from '$lib/paraglide/messages';
import { positiveInteger } from '$lib/server/config';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Largest request body the app reads (a long transcript fits); BODY_SIZE_LIMIT must be above it. */
export const MAX_BODY_BYTES = positiveInteger(process.env.MAX_BODY_BYTES, 400 * 1024);

function refusal(request: Request, status: number, code: string, message: string): Response {
	const accept = request.headers.get('accept') ?? '';
	if (accept.includes('text/html')) {
		return new Response(
			`<!doctype html><html lang="${m.lang_code()}"><head><meta charset="utf-8"><title>${status}</title></head>` +
				`<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6">` +
				`<h1>${status}</h1><p>${message}</p><p><a href="/">${m.nav_home()}</a></p></body></html>`,
			{ status, headers: { 'content-type': 'text/html; charset=utf-8' } }
		);
	}
	return Response.json({ message, code }, { status });
}

/**
 * SvelteKit's own origin check covers form posts; this covers every other state-changing request
 * (JSON endpoints): a browser always sends Origin on a cross-site write, and Sec-Fetch-Site tells
 * the rest. Clients that send neither are not browsers and carry no ambient cookies of a victim.
 */
export function crossSiteRefusal(request: Request, url: URL): Response | undefined {
	if (SAFE_METHODS.has(request.method)) return undefined;
	const origin = request.headers.get('origin');
	const fetchSite = request.headers.get('sec-fetch-site');
	const crossSite = origin ? origin !== url.origin : fetchSite === 'cross-site';
	if (!crossSite) return undefined;
	return refusal(request, 403, 'cross_site', m.error_cross_site());
}

export function oversizedBodyRefusal(request: Request): Response | undefined {
	const length = Number(request.headers.get('content-length') ?? '0');
	if (length <= MAX_BODY_BYTES) return undefined;
	return refusal(
		request,
		413,
		'too_large',
		m.error_body_too_large({ limit: `${Math.round(MAX_BODY_BYTES / 1024)} KB` })
	);
}

export function securityHeaders(url: URL, headers: Headers): void {
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.set('x-frame-options', 'DENY');
	headers.set('cross-origin-opener-policy', 'same-origin');
	headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	if (url.protocol === 'https:') {
		headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	}
}
