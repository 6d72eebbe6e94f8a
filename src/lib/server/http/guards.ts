import { m } from '$lib/paraglide/messages';
import { positiveInteger } from '$lib/server/operations/config';
import { errorCode } from '$lib/server/db';
import { DOCUMENT_FORM_MARGIN_BYTES, DOCUMENT_MAX_BYTES } from '$lib/server/documents/limits';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Largest request body the app reads (a long transcript fits); BODY_SIZE_LIMIT must be above it. */
export const MAX_BODY_BYTES = positiveInteger(process.env.MAX_BODY_BYTES, 400 * 1024);
/** Largest body of a document upload: the file and the form sent along with it. */
export const UPLOAD_MAX_BODY_BYTES = DOCUMENT_MAX_BYTES + DOCUMENT_FORM_MARGIN_BYTES;
/** Where a document is uploaded: the parse endpoint, and the import action of the plan editors. */
const UPLOAD_ENDPOINT = '/api/v1/documents/parse';
const EDITOR_PATH = /^\/plans\/(?:new|[^/]+\/edit)$/;
const IMPORT_ACTION = '?/importDocument';
/** PostgreSQL text cannot hold U+0000, so a request carrying one is refused before a query fails on it. */
const NUL = '\u0000';
const FORM_TYPES = /application\/x-www-form-urlencoded|multipart\/form-data/i;
/** adapter-node ends a body above BODY_SIZE_LIMIT with an error of this status. */
const PAYLOAD_TOO_LARGE = 413;
/** How much of a refused body is read and dropped before the connection is cut instead. */
const DRAIN_MAX_BYTES = 4 * 1024 * 1024;
/** Data errors PostgreSQL raises for a value it cannot take: text for a number, a number out of range, NUL. */
const INVALID_INPUT_CODES = new Set(['22P02', '22003', '22021', '22001', '22007', '22008']);
/**
 * Longest path and query the app reads. Node itself answers 431 to a request head over its
 * maxHeaderSize (16 KB by default), see client-errors.ts.
 */
export const MAX_URL_LENGTH = 8 * 1024;
const URI_TOO_LONG = 414;
/** Decoding without `fatal` would store U+FFFD in place of what was sent; this refuses instead. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Pages written here rather than by SvelteKit (refusals, the 503 page) have no scripts at all. */
export const STATIC_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function refusal(request: Request, status: number, code: string, message: string): Response {
	// An enhanced form reads SvelteKit's action-result shape and shows the error page with this message.
	if (request.headers.get('x-sveltekit-action') === 'true') {
		return Response.json({ type: 'error', status, error: { message, code } }, { status });
	}
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

function tooLarge(request: Request, limit = MAX_BODY_BYTES): Response {
	const shown = limit >= 1024 * 1024 ? `${Math.round(limit / (1024 * 1024))} MB` : `${Math.round(limit / 1024)} KB`;
	return refusal(request, PAYLOAD_TOO_LARGE, 'too_large', m.error_body_too_large({ limit: shown }));
}

/** A multipart post to a route that takes a document file. */
function isUpload(request: Request, type: string): boolean {
	if (request.method !== 'POST' || !MULTIPART.test(type)) return false;
	const url = new URL(request.url);
	return url.pathname === UPLOAD_ENDPOINT || (EDITOR_PATH.test(url.pathname) && url.search === IMPORT_ACTION);
}

/**
 * An upload's file is binary, so its bytes are not held to the text checks; its text fields still
 * are, once parsed. Those fields are never stored by the upload routes (the import action only
 * gives them back to the editor, whose save is checked like any other form).
 */
async function uploadRefusal(request: Request, bytes: Uint8Array<ArrayBuffer>, type: string): Promise<Response | null> {
	let form: FormData;
	try {
		form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
	} catch {
		return refusal(request, 400, 'malformed_body', m.error_malformed_body());
	}
	for (const value of form.values()) {
		if (typeof value === 'string' && value.includes(NUL)) return invalidCharacter(request);
	}
	return null;
}

const invalidCharacter = (request: Request) => refusal(request, 400, 'invalid_character', m.error_invalid_character());

function decoded(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

const PERCENT = 0x25;
const hexValue = (byte: number | undefined) => {
	if (byte === undefined) return -1;
	if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
	const lower = byte | 0x20;
	return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
};

/**
 * The bytes a percent-encoded text stands for. A `%` without two hex digits after it stands for
 * itself, as URLSearchParams reads it.
 */
function percentDecoded(bytes: Uint8Array): Uint8Array {
	const out = new Uint8Array(bytes.byteLength);
	let length = 0;
	for (let i = 0; i < bytes.byteLength; i++) {
		const high = bytes[i] === PERCENT ? hexValue(bytes[i + 1]) : -1;
		const low = high === -1 ? -1 : hexValue(bytes[i + 2]);
		if (low === -1) out[length++] = bytes[i];
		else {
			out[length++] = high * 16 + low;
			i += 2;
		}
	}
	return out.subarray(0, length);
}

function isUtf8(bytes: Uint8Array): boolean {
	try {
		strictUtf8.decode(bytes);
		return true;
	} catch {
		return false;
	}
}

const invalidUtf8 = (request: Request) => refusal(request, 400, 'invalid_utf8', m.error_invalid_utf8());

export function urlRefusal(request: Request, url: URL): Response | undefined {
	if (url.pathname.length + url.search.length > MAX_URL_LENGTH) {
		return refusal(request, URI_TOO_LONG, 'url_too_long', m.error_url_too_long({ limit: `${MAX_URL_LENGTH / 1024} KB` }));
	}
	if (!isUtf8(percentDecoded(Buffer.from(url.pathname + url.search)))) return invalidUtf8(request);
	const carriesNul = decoded(url.pathname).includes(NUL) || [...url.searchParams.values()].some((v) => v.includes(NUL));
	return carriesNul ? invalidCharacter(request) : undefined;
}

const UNSUPPORTED_MEDIA_TYPE = 415;
const TEXT_PLAIN = /^text\/plain/i;

/**
 * SvelteKit lets a form action take text/plain (an HTML form can send it), which no action can
 * read: refused here with a message, instead of failing inside the action with a stack trace.
 * Only the JSON endpoints (under /api/) take bodies that are not forms.
 */
export function formTypeRefusal(request: Request, url: URL): Response | undefined {
	if (SAFE_METHODS.has(request.method) || url.pathname.startsWith('/api/')) return undefined;
	if (!TEXT_PLAIN.test(request.headers.get('content-type') ?? '')) return undefined;
	return refusal(request, UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', m.error_unsupported_media_type());
}

/**
 * The whole body, or null when it is larger than `limit`. The rest of a larger body is still read
 * and dropped (up to DRAIN_MAX_BYTES), so the client gets the refusal rather than a reset connection.
 */
async function readAtMost(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = body.getReader();
	try {
		for (let next = await reader.read(); !next.done; next = await reader.read()) {
			size += next.value.byteLength;
			if (size <= limit) chunks.push(next.value);
			else if (size > DRAIN_MAX_BYTES) {
				await reader.cancel();
				break;
			}
		}
	} catch (error) {
		if ((error as { status?: number }).status === PAYLOAD_TOO_LARGE) return null;
		throw error;
	}
	if (size > limit) return null;
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.byteLength;
	}
	return bytes;
}

/** A JSON string escape of U+0000: `\u0000` after an even number of other backslashes. */
const JSON_NUL = /(?<!\\)(?:\\\\)*\\u0000/;
const NUL_BYTE = 0;
const URLENCODED = /application\/x-www-form-urlencoded/i;
const MULTIPART = /multipart\/form-data/i;

/** A multipart body a form action would fail to read (no boundary, cut off) is the sender's fault. */
async function parsesAsForm(bytes: Uint8Array<ArrayBuffer>, type: string): Promise<boolean> {
	try {
		await new Response(bytes, { headers: { 'content-type': type } }).formData();
		return true;
	} catch {
		return false;
	}
}

/**
 * Whether the body carries U+0000 in a value, read from its bytes without parsing it: a raw NUL
 * (multipart fields; uploads are checked apart), `%00` in a urlencoded form, the `\u0000`
 * escape in JSON (which the JSON endpoints read whatever the declared type).
 */
function carriesNul(bytes: Uint8Array, type: string): boolean {
	if (bytes.includes(NUL_BYTE)) return true;
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (URLENCODED.test(type)) return text.includes('%00');
	if (FORM_TYPES.test(type) || !text.includes('u0000')) return false;
	return JSON_NUL.test(text.toString('utf8'));
}

/**
 * The request with its body read into memory, or a refusal. Counting what arrives, rather than
 * trusting Content-Length, holds chunked bodies (which have none) to the same limit.
 */
export async function bodyGuard(request: Request): Promise<Request | Response> {
	if (!request.body) return request;
	const type = request.headers.get('content-type') ?? '';
	const upload = isUpload(request, type);
	const limit = upload ? UPLOAD_MAX_BODY_BYTES : MAX_BODY_BYTES;
	const bytes = await readAtMost(request.body, limit);
	if (!bytes) return tooLarge(request, limit);
	if (upload) {
		const refused = await uploadRefusal(request, bytes, type);
		if (refused) return refused;
		return new Request(request.url, { method: request.method, headers: request.headers, body: bytes, signal: request.signal });
	}
	if (carriesNul(bytes, type)) return invalidCharacter(request);
	// Every body but an upload is text; a form's values are percent-encoded.
	if (!isUtf8(URLENCODED.test(type) ? percentDecoded(bytes) : bytes)) return invalidUtf8(request);
	if (MULTIPART.test(type) && !(await parsesAsForm(bytes, type))) {
		return refusal(request, 400, 'malformed_body', m.error_malformed_body());
	}
	return new Request(request.url, {
		method: request.method,
		headers: request.headers,
		body: bytes,
		signal: request.signal
	});
}

/** A query failed on a value from the request (an id beyond integer range, say): the request's fault. */
export const isInvalidInput = (error: unknown) => INVALID_INPUT_CODES.has(errorCode(error) ?? '');

export function securityHeaders(url: URL, headers: Headers): void {
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.set('x-frame-options', 'DENY');
	headers.set('cross-origin-opener-policy', 'same-origin');
	headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	if (url.protocol === 'https:') {
		headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	}
	// SvelteKit sets a nonce policy on its pages; anything else that is HTML gets one with no scripts.
	if (!headers.has('content-security-policy') && headers.get('content-type')?.startsWith('text/html')) {
		headers.set('content-security-policy', STATIC_PAGE_CSP);
	}
}
