// POST /api/v1/transcripts/parse over real HTTP against the built app: who may call it, what it
// returns (exactly the parse the preview runs), and its errors in the caller's language.
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { DEMO, DEMO_PASSWORD } from './helpers/accounts';
import { interimReport2015, parentheses } from '../../src/lib/transcripts/fixtures';
import { parseTranscript } from '../../src/lib/transcripts/parse';

const ENDPOINT = '/api/v1/transcripts/parse';
const contexts: APIRequestContext[] = [];

/** An API client with its own cookie jar, signed in through the login form when an email is given. */
async function client(baseURL: string, email?: string, locale = 'ko-KR'): Promise<APIRequestContext> {
	const context = await request.newContext({ baseURL, extraHTTPHeaders: { 'accept-language': locale } });
	contexts.push(context);
	if (email) {
		const response = await context.post('/login?/signIn', {
			form: { email, password: DEMO_PASSWORD },
			headers: { origin: baseURL, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status(), `sign in as ${email}`).toBe(303);
		const cookies = (await context.storageState()).cookies.map((cookie) => cookie.name);
		expect(cookies).toContain('session');
	}
	return context;
}

test.afterAll(async () => {
	await Promise.all(contexts.map((context) => context.dispose()));
});

test('a signed-out caller gets 401 and a participant 403, in JSON', async ({ baseURL }) => {
	const anonymous = await client(baseURL!);
	const signedOut = await anonymous.post(ENDPOINT, { data: { text: parentheses.input } });
	expect(signedOut.status()).toBe(401);
	expect(await signedOut.json()).toEqual({
		message: '로그인이 필요합니다. 로그인한 뒤 다시 시도해 주세요.',
		code: 'unauthorised'
	});

	const participant = await client(baseURL!, DEMO.participant);
	const refused = await participant.post(ENDPOINT, { data: { text: parentheses.input } });
	expect(refused.status()).toBe(403);
	expect(await refused.json()).toEqual({ message: '이 페이지나 작업에 대한 권한이 없습니다.', code: 'forbidden' });
});

test('a researcher gets the statements of the whole meeting, the same parse as the preview', async ({ baseURL }) => {
	const researcher = await client(baseURL!, DEMO.researcher);
	const response = await researcher.post(ENDPOINT, { data: { text: interimReport2015.input } });
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('application/json');
	expect(response.headers()['cache-control']).toBe('no-store');
	const body = await response.json();
	expect(Object.keys(body)).toEqual(['statements']);
	expect(body.statements).toEqual(interimReport2015.expected);
	expect(body.statements).toEqual(parseTranscript(interimReport2015.input));
});

test('an official gets statements too, and a transcript of exactly 100,000 characters fits', async ({ baseURL }) => {
	const official = await client(baseURL!, DEMO.official);
	const response = await official.post(ENDPOINT, { data: { text: parentheses.input } });
	expect(response.status()).toBe(200);
	expect(await response.json()).toEqual({ statements: parentheses.expected });

	const longest = interimReport2015.input.repeat(Math.ceil(100_000 / interimReport2015.input.length)).slice(0, 100_000);
	const full = await official.post(ENDPOINT, { data: { text: longest } });
	expect(full.status()).toBe(200);
	expect((await full.json()).statements).toEqual(parseTranscript(longest));
});

test('a bad body is refused with 400 and a message in the caller’s language', async ({ baseURL }) => {
	const korean = await client(baseURL!, DEMO.researcher);
	const cases: Array<[string, unknown, string, string]> = [
		['not JSON', '{"text": "김도윤(', 'invalid_json', '요청 본문이 올바른 JSON이 아닙니다.'],
		['no text', {}, 'text_required', '회의록 내용을 text 항목에 글자로 담아 보내 주세요.'],
		['text not a string', { text: 42 }, 'text_required', '회의록 내용을 text 항목에 글자로 담아 보내 주세요.'],
		['a JSON array', [], 'text_required', '회의록 내용을 text 항목에 글자로 담아 보내 주세요.'],
		['blank text', { text: ' \n\u3000 ' }, 'text_empty', '회의록 내용이 비어 있습니다. 발언 기록을 붙여 넣어 주세요.'],
		[
			'text one character too long',
			{ text: '가'.repeat(100_001) },
			'text_too_long',
			'회의록은 한 번에 100,000자까지 정리할 수 있습니다. 나누어 붙여 넣어 주세요.'
		]
	];
	for (const [what, data, code, message] of cases) {
		const response = await korean.post(ENDPOINT, {
			headers: { 'content-type': 'application/json' },
			// Raw bytes: Playwright would JSON-encode a string that is not JSON itself.
			data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data))
		});
		expect(response.status(), what).toBe(400);
		expect(await response.json(), what).toEqual({ message, code });
	}

	const english = await client(baseURL!, DEMO.official, 'en-US');
	const badJson = await english.post(ENDPOINT, {
		headers: { 'content-type': 'application/json' },
		data: Buffer.from('nope')
	});
	expect(badJson.status()).toBe(400);
	expect(await badJson.json()).toEqual({ message: 'The request body is not valid JSON.', code: 'invalid_json' });
	const tooLong = await english.post(ENDPOINT, { data: { text: 'a'.repeat(100_001) } });
	expect(await tooLong.json()).toEqual({
		message: 'A transcript can be at most 100,000 characters at a time. Paste it in parts.',
		code: 'text_too_long'
	});
});

test('another site cannot make a signed-in browser call it', async ({ baseURL }) => {
	const official = await client(baseURL!, DEMO.official);
	const response = await official.post(ENDPOINT, {
		headers: { origin: 'https://elsewhere.example' },
		data: { text: parentheses.input }
	});
	expect(response.status()).toBe(403);
	expect((await response.json()).code).toBe('cross_site');
});
