import { describe, expect, it } from 'vitest';
import {
	bodyGuard,
	crossSiteRefusal,
	formTypeRefusal,
	isInvalidInput,
	MAX_BODY_BYTES,
	MAX_URL_LENGTH,
	securityHeaders,
	STATIC_PAGE_CSP,
	urlRefusal
} from './guards';

const APP = new URL('https://plans.example.org/plans/x');

function post(headers: Record<string, string>, body?: BodyInit): Request {
	return new Request(APP, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
}

function chunks(bytes: number, size = 16 * 1024): ReadableStream<Uint8Array> {
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (sent >= bytes) return controller.close();
			const next = Math.min(size, bytes - sent);
			controller.enqueue(new Uint8Array(next).fill(97));
			sent += next;
		}
	});
}

describe('cross-site refusal', () => {
	it('refuses a write whose Origin is another site, or marked cross-site without one', () => {
		expect(crossSiteRefusal(post({ origin: 'https://evil.example' }), APP)?.status).toBe(403);
		expect(crossSiteRefusal(post({ origin: 'http://plans.example.org' }), APP)?.status).toBe(403);
		expect(crossSiteRefusal(post({ 'sec-fetch-site': 'cross-site' }), APP)?.status).toBe(403);
	});

	it('lets same-origin writes, reads and clients that are not browsers through', () => {
		expect(crossSiteRefusal(post({ origin: APP.origin, 'sec-fetch-site': 'same-origin' }), APP)).toBeUndefined();
		expect(crossSiteRefusal(post({}), APP)).toBeUndefined();
		expect(crossSiteRefusal(new Request(APP, { headers: { origin: 'https://evil.example' } }), APP)).toBeUndefined();
	});
});

describe('body guard', () => {
	it('reads a body within the limit, with or without Content-Length', async () => {
		const declared = await bodyGuard(post({ 'content-type': 'application/x-www-form-urlencoded' }, 'body=%EA%B0%80'));
		expect(declared).toBeInstanceOf(Request);
		expect((await (declared as Request).formData()).get('body')).toBe('가');
		const streamed = await bodyGuard(post({ 'content-type': 'text/plain' }, chunks(MAX_BODY_BYTES)));
		expect((await (streamed as Request).arrayBuffer()).byteLength).toBe(MAX_BODY_BYTES);
	});

	it('refuses a body over the limit with 413, however it is sent', async () => {
		const streamed = await bodyGuard(post({ 'content-type': 'text/plain', accept: 'application/json' }, chunks(MAX_BODY_BYTES + 1)));
		expect((streamed as Response).status).toBe(413);
		expect(((await (streamed as Response).json()) as { code: string }).code).toBe('too_large');
		const declared = await bodyGuard(post({ 'content-type': 'text/plain' }, 'a'.repeat(MAX_BODY_BYTES + 1)));
		expect((declared as Response).status).toBe(413);
	});

	it('answers an enhanced form in the action-result shape', async () => {
		const refused = (await bodyGuard(post({ 'x-sveltekit-action': 'true' }, chunks(MAX_BODY_BYTES + 1)))) as Response;
		expect(await refused.json()).toMatchObject({ type: 'error', status: 413, error: { code: 'too_large' } });
	});

	it('refuses U+0000 in form fields (urlencoded or multipart) and JSON strings, nowhere else', async () => {
		const multipart = new FormData();
		multipart.set('body', 'a\u0000b');
		const refused = [
			post({ 'content-type': 'application/x-www-form-urlencoded' }, 'body=a%00b'),
			post({}, multipart),
			post({ 'content-type': 'application/json' }, JSON.stringify({ nested: ['a\u0000'] })),
			post({ 'content-type': 'text/plain' }, JSON.stringify({ body: '\u0000' })),
			// A backslash, then U+0000: the escape follows an escaped backslash.
			post({ 'content-type': 'application/json' }, JSON.stringify({ body: '\\\u0000' }))
		];
		for (const request of refused) expect(((await bodyGuard(request)) as Response).status).toBe(400);
		const allowed = [
			post({ 'content-type': 'application/json' }, JSON.stringify({ text: 'a literal \\u0000 is text' })),
			post({ 'content-type': 'application/json' }, '{ not json'),
			post({ 'content-type': 'application/x-www-form-urlencoded' }, 'body=%2500')
		];
		for (const request of allowed) expect(await bodyGuard(request)).toBeInstanceOf(Request);
	});

	it('refuses U+0000 in the address', () => {
		expect(urlRefusal(new Request(APP), new URL('https://plans.example.org/search?q=a%00'))?.status).toBe(400);
		expect(urlRefusal(new Request(APP), new URL('https://plans.example.org/plans/a%00b'))?.status).toBe(400);
		expect(urlRefusal(new Request(APP), new URL('https://plans.example.org/search?q=%E2%82%AC%25'))).toBeUndefined();
	});
});

describe('invalid UTF-8', () => {
	const bytes = (...parts: (string | number[])[]) =>
		Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

	it('refuses bytes that are not UTF-8 in JSON, form fields (raw or percent-encoded) and multipart', async () => {
		const refused = [
			post({ 'content-type': 'application/json' }, bytes('{"body":"', [0xff, 0xfe], '"}')),
			post({ 'content-type': 'application/x-www-form-urlencoded' }, 'body=%FF%FE'),
			post({ 'content-type': 'application/x-www-form-urlencoded' }, bytes('body=', [0xff])),
			// A lead byte whose continuation is in another field.
			post({ 'content-type': 'application/x-www-form-urlencoded' }, 'a=%EA%B0&b=%80'),
			post(
				{ 'content-type': 'multipart/form-data; boundary=zz' },
				bytes('--zz\r\ncontent-disposition: form-data; name="body"\r\n\r\n', [0xc3, 0x28], '\r\n--zz--\r\n')
			),
			post({}, bytes([0xed, 0xa0, 0x80]))
		];
		for (const request of refused) {
			const answer = (await bodyGuard(request)) as Response;
			expect(answer.status).toBe(400);
			expect(await answer.json()).toMatchObject({ code: 'invalid_utf8' });
		}
	});

	it('lets UTF-8 through, and a percent sign that escapes nothing', async () => {
		const allowed = [
			post({ 'content-type': 'application/json' }, JSON.stringify({ body: '가나다 €' })),
			post({ 'content-type': 'application/x-www-form-urlencoded' }, 'body=%EA%B0%80+100%25+50%+%zz'),
			post({ 'content-type': 'application/x-www-form-urlencoded' }, bytes('body=', Buffer.from('가').toJSON().data))
		];
		for (const request of allowed) expect(await bodyGuard(request)).toBeInstanceOf(Request);
	});

	it('refuses it in the address, percent-encoded, with the enhanced form shape for an action', async () => {
		expect(urlRefusal(new Request(APP), new URL('https://plans.example.org/search?q=%FF%FE'))?.status).toBe(400);
		expect(urlRefusal(new Request(APP), new URL('https://plans.example.org/plans/%C3'))?.status).toBe(400);
		const action = urlRefusal(post({ 'x-sveltekit-action': 'true' }), new URL('https://plans.example.org/plans/x?q=%FF'));
		expect(await action!.json()).toMatchObject({ type: 'error', status: 400, error: { code: 'invalid_utf8' } });
		expect(urlRefusal(new Request(APP), new URL('https://plans.example.org/search?q=%EA%B0%80'))).toBeUndefined();
	});

	it('answers a plain form post with a page in the reader’s words', async () => {
		const answer = (await bodyGuard(post({ accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, 'body=%FF'))) as Response;
		expect(answer.headers.get('content-type')).toContain('text/html');
		expect(await answer.text()).toContain('UTF-8');
	});
});

describe('malformed and unreadable bodies', () => {
	it('refuses a multipart body a form action could not read', async () => {
		for (const type of ['multipart/form-data; boundary=zz', 'multipart/form-data']) {
			const answer = (await bodyGuard(post({ 'content-type': type }, 'not multipart at all'))) as Response;
			expect(answer.status).toBe(400);
			expect(await answer.json()).toMatchObject({ code: 'malformed_body' });
		}
	});

	it('refuses text/plain posted to a form action with 415, not to the JSON API', async () => {
		const refused = formTypeRefusal(post({ 'content-type': 'text/plain' }), APP);
		expect(refused?.status).toBe(415);
		expect(formTypeRefusal(post({ 'content-type': 'text/plain' }), new URL('https://plans.example.org/api/v1/themes/suggest'))).toBeUndefined();
		expect(formTypeRefusal(post({ 'content-type': 'application/x-www-form-urlencoded' }), APP)).toBeUndefined();
	});
});

describe('address length', () => {
	it('answers 414 to a path and query over the cap, and lets one at the cap through', () => {
		const at = new URL(`https://plans.example.org/search?q=${'a'.repeat(MAX_URL_LENGTH - '/search?q='.length)}`);
		expect(urlRefusal(new Request(APP), at)).toBeUndefined();
		const over = new URL(`https://plans.example.org/search?q=${'a'.repeat(MAX_URL_LENGTH)}`);
		expect(urlRefusal(new Request(APP), over)?.status).toBe(414);
	});
});

describe('database errors caused by input', () => {
	it('recognises data errors, through Drizzle’s wrapper, and nothing else', () => {
		expect(isInvalidInput({ cause: { code: '22003' } })).toBe(true);
		expect(isInvalidInput({ code: '22P02' })).toBe(true);
		expect(isInvalidInput({ code: '23505' })).toBe(false);
		expect(isInvalidInput({ code: 'ECONNREFUSED' })).toBe(false);
		expect(isInvalidInput(new Error('plain'))).toBe(false);
	});
});

describe('security headers', () => {
	it('sets the usual headers, HSTS only over https, and a no-script policy on pages without one', () => {
		const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
		securityHeaders(APP, headers);
		expect(headers.get('x-content-type-options')).toBe('nosniff');
		expect(headers.get('x-frame-options')).toBe('DENY');
		expect(headers.get('strict-transport-security')).toContain('max-age=');
		expect(headers.get('content-security-policy')).toBe(STATIC_PAGE_CSP);

		const page = new Headers({ 'content-type': 'text/html', 'content-security-policy': "script-src 'self' 'nonce-abc'" });
		securityHeaders(new URL('http://localhost:3000/'), page);
		expect(page.get('content-security-policy')).toBe("script-src 'self' 'nonce-abc'");
		expect(page.get('strict-transport-security')).toBeNull();

		const json = new Headers({ 'content-type': 'application/json' });
		securityHeaders(APP, json);
		expect(json.get('content-security-policy')).toBeNull();
	});
});
