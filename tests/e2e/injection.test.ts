// SQL injection and hostile input through every search, filter, sort and page parameter (and the
// ids in paths): the app answers 2xx, 3xx or 4xx, never 500, takes LIKE wildcards literally, and
// the data is exactly as it was afterwards. Runs on an instance of its own so "unchanged" is exact.
import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD } from './helpers/accounts';
import { ownApp, type OwnApp } from './helpers/instance';
import { allComments, postCommentOver, registerOver, sessionCookie, signInOver } from './helpers/server';

test.describe.configure({ mode: 'serial' });

const SLUG = 'gwangmyeong-social-economy';
const PLAN = `/plans/${SLUG}`;
/** Longer than any answer here may take: a payload that made the database sleep would show. */
const SLEEP_SECONDS = 10;
const CONCURRENCY = 6;

const PAYLOADS = [
	"'",
	'"',
	"' OR '1'='1",
	"' OR 1=1 --",
	"'; drop table comments; --",
	'1; drop table comments',
	"1' union select password_hash from users --",
	"x') or true; delete from sessions; --",
	`'; select pg_sleep(${SLEEP_SECONDS}); --`,
	`1 and (select 1 from pg_sleep(${SLEEP_SECONDS})) = 1`,
	'$1',
	'$$; drop table users; $$',
	'%',
	'_',
	'%_%',
	'\\',
	"\\'",
	'\\\\%',
	'50%',
	'협동%조합',
	"지원센터'; --",
	'😀',
	'\u202Eevil',
	'\uFFFF',
	'\uD800',
	'-1',
	'0',
	'1.5',
	'1e400',
	'99999999999',
	'9223372036854775808',
	'NaN',
	'[]',
	'{"$gt": ""}',
	'/**/',
	'x'.repeat(5_000),
	'가'.repeat(3_000)
];

type Who = 'anyone' | 'researcher' | 'official' | 'moderator' | 'admin';

const TARGETS: { path: string; who: Who; params: string[] }[] = [
	{ path: `${PLAN}/search`, who: 'anyone', params: ['q', 'section', 'session', 'group', 'kind', 'theme', 'sort', 'page'] },
	{ path: `${PLAN}/themes/governance`, who: 'anyone', params: ['section', 'session', 'group', 'kind', 'sort', 'page'] },
	{ path: `${PLAN}/themes`, who: 'anyone', params: ['section', 'session', 'group', 'kind'] },
	{ path: `${PLAN}/sections/support-centre`, who: 'anyone', params: ['sort', 'page'] },
	{ path: `${PLAN}/history`, who: 'anyone', params: ['published'] },
	{ path: `${PLAN}/compare`, who: 'anyone', params: ['a', 'b', 'view'] },
	{ path: `/api/v1/plans/${SLUG}/comments`, who: 'anyone', params: ['after', 'limit'] },
	{ path: `${PLAN}/coding`, who: 'researcher', params: ['section', 'session', 'group', 'kind', 'state', 'page'] },
	{ path: `${PLAN}/coding/agreement`, who: 'researcher', params: ['a', 'b'] },
	{ path: `${PLAN}/export.csv`, who: 'researcher', params: ['section', 'session', 'group', 'kind', 'theme'] },
	{ path: `${PLAN}/export.json`, who: 'researcher', params: ['section', 'session', 'group', 'kind', 'theme'] },
	{ path: `${PLAN}/responses`, who: 'official', params: ['section', 'theme', 'session', 'group', 'answered', 'page'] },
	{ path: '/admin/users', who: 'admin', params: ['q'] }
];

/** Path parts as sent: encoded payloads, plus bytes that are not UTF-8 at all. */
const PATH_PARTS = [
	...PAYLOADS.map((payload) => encodeURIComponent(payload.toWellFormed())),
	'%ED%A0%80',
	'%C0%AE%C0%AE',
	'%FF%FE',
	'..%2F..%2Fetc%2Fpasswd'
];

/** Paths whose parts are ids or keys from the address. */
const PATHS = (part: string) => {
	return [
		`/plans/${part}`,
		`${PLAN}/sections/${part}`,
		`${PLAN}/themes/${part}`,
		`${PLAN}/v/${part}`,
		`${PLAN}/outcome/${part}`,
		`/comments/${part}`,
		`/sessions/${part}`,
		`/api/v1/plans/${part}`,
		`/api/v1/comments/${part}`,
		`/api/v1/plans/${SLUG}/versions/${part}`
	];
};

let own: OwnApp;
let base = '';
const cookies: Partial<Record<Who, string>> = {};

interface Snapshot {
	comments: { id: number; body: string | null }[];
	plans: unknown;
	versions: unknown;
	users: string;
}

async function snapshot(): Promise<Snapshot> {
	const json = async (path: string) => (await fetch(`${base}${path}`)).json();
	const users = await fetch(`${base}/admin/users`, { headers: { cookie: cookies.admin! } });
	return {
		comments: (await allComments(base)).map(({ id, body }) => ({ id, body })),
		plans: await json('/api/v1/plans'),
		versions: await json(`/api/v1/plans/${SLUG}/versions`),
		users: [...new Set((await users.text()).match(/[\w.+-]+@example\.org/g))].sort().join(' ')
	};
}

let before: Snapshot;

test.beforeAll(async () => {
	test.setTimeout(180_000);
	own = await ownApp('sqli');
	base = own.app.url;
	for (const who of ['researcher', 'official', 'moderator', 'admin'] as const) {
		cookies[who] = sessionCookie(await signInOver(base, DEMO[who], DEMO_PASSWORD));
	}
	// Comments that hold the characters LIKE treats as wildcards, to search for literally.
	const writer = await registerOver(base, '와일드카드 시험');
	for (const body of ['할인율 50% 확대가 필요합니다', '파일 이름은 plan_v2 입니다', '경로는 C:\\plans 입니다']) {
		expect((await postCommentOver(base, writer, 'support-centre', body)).status).toBe(303);
	}
	before = await snapshot();
	expect(before.comments.length).toBeGreaterThan(10);
});

test.afterAll(async () => {
	await own?.close();
});

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
	for (let i = 0; i < items.length; i += CONCURRENCY) await Promise.all(items.slice(i, i + CONCURRENCY).map(work));
}

/** GETs a URL as `who` and checks it was answered without a server error, in good time. */
async function expectHandled(url: string, who: Who, failures: string[]): Promise<void> {
	const started = Date.now();
	const response = await fetch(`${base}${url}`, {
		redirect: 'manual',
		headers: { accept: 'text/html', ...(cookies[who] ? { cookie: cookies[who]! } : {}) }
	});
	await response.arrayBuffer();
	const seconds = (Date.now() - started) / 1000;
	if (response.status >= 500) failures.push(`${response.status} ${url.slice(0, 160)}`);
	if (seconds >= SLEEP_SECONDS) failures.push(`${seconds}s ${url.slice(0, 160)}`);
}

test('search, filter, sort and page parameters: never a server error, never a sleep', async () => {
	test.setTimeout(300_000);
	const requests = TARGETS.flatMap(({ path, who, params }) =>
		params.flatMap((param) => PAYLOADS.map((payload) => ({ url: `${path}?${new URLSearchParams({ [param]: payload })}`, who })))
	);
	// Every parameter at once with the same payload, too: filters combined into one query.
	for (const { path, who, params } of TARGETS) {
		for (const payload of PAYLOADS) {
			requests.push({ url: `${path}?${new URLSearchParams(params.map((param) => [param, payload]))}`, who });
		}
	}
	const failures: string[] = [];
	await inBatches(requests, ({ url, who }) => expectHandled(url, who, failures));
	expect(failures).toEqual([]);
	expect(requests.length).toBeGreaterThan(1000);
});

test('ids and keys in the address: never a server error', async () => {
	test.setTimeout(120_000);
	const failures: string[] = [];
	const requests = PATH_PARTS.flatMap((part) => PATHS(part));
	await inBatches(requests, (url) => expectHandled(url, 'anyone', failures));
	expect(failures).toEqual([]);
});

test('a NUL character anywhere in a request is refused with 400, not a database error', async () => {
	const search = await fetch(`${base}${PLAN}/search?q=${encodeURIComponent('센터\u0000')}`);
	expect(search.status).toBe(400);
	const inPath = await fetch(`${base}/plans/a%00b`);
	expect(inPath.status).toBe(400);
	const participant = await registerOver(base, 'NUL 시험');
	const form = await postCommentOver(base, participant, 'support-centre', 'NUL \u0000 문자');
	expect(form.status).toBe(400);
	const multipart = new FormData();
	for (const [name, value] of Object.entries({ kind: 'support', body: 'NUL \u0000 문자', idempotencyKey: 'nul-multipart-1' })) {
		multipart.set(name, value);
	}
	const enhanced = await fetch(`${base}${PLAN}/sections/support-centre?/createComment`, {
		method: 'POST',
		headers: { origin: base, cookie: participant, 'x-sveltekit-action': 'true' },
		body: multipart
	});
	expect(enhanced.status).toBe(400);
	expect((await enhanced.json()).error.code).toBe('invalid_character');
	const api = await fetch(`${base}/api/v1/plans/${SLUG}/comments`, {
		method: 'POST',
		headers: { origin: base, cookie: participant, 'content-type': 'application/json', 'accept-language': 'en' },
		body: JSON.stringify({ section_key: 'support-centre', kind: 'support', body: 'NUL \u0000', idempotency_key: 'nul-api-key-1' })
	});
	expect(api.status).toBe(400);
	expect(await api.json()).toEqual({
		message: 'What you sent contains a character that cannot be stored (NUL, U+0000). Please remove it and send again.',
		code: 'invalid_character'
	});
	// The same text without the NUL goes through: only the character was refused.
	expect((await postCommentOver(base, participant, 'support-centre', 'NUL 없는 문자')).status).toBe(303);
});

test('actions on ids that do not exist, or lie beyond the database’s integer range, are refused (4xx)', async () => {
	const actions: [Who, string, Record<string, string>][] = [
		['official', `${PLAN}/sections/support-centre?/flagComment`, { reason: '없는 의견' }],
		['official', `${PLAN}/sections/support-centre?/endorseComment`, {}],
		['official', `${PLAN}/sections/support-centre?/deleteComment`, {}],
		['official', `${PLAN}/responses?/respondToComment`, { disposition: 'accepted', body: '없는 의견' }],
		['researcher', `${PLAN}/coding?/tagComment`, { theme: 'governance' }],
		['researcher', `${PLAN}/themes/governance?/pinQuote`, { excerpt: '없는 의견' }],
		['moderator', '/moderation?/hideComment', { reason: '없는 의견' }],
		['moderator', '/moderation?/restoreComment', {}]
	];
	const failures: string[] = [];
	for (const id of ['999999', '99999999999']) {
		for (const [who, path, fields] of actions) {
			const response = await fetch(`${base}${path}`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: base, accept: 'text/html', cookie: cookies[who]!, 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ commentId: id, ...fields })
			});
			if (response.status < 400 || response.status >= 500) failures.push(`${response.status} ${path} (${id})`);
		}
		for (const [who, path, fields] of [
			['researcher', '/themes?/archiveTheme', { themeId: id }],
			['admin', '/admin/users?/setRoles', { userId: id, roles: 'participant' }]
		] as const) {
			const response = await fetch(`${base}${path}`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: base, accept: 'text/html', cookie: cookies[who]!, 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(fields)
			});
			if (response.status < 400 || response.status >= 500) failures.push(`${response.status} ${path} (${id})`);
		}
		const page = await fetch(`${base}/sessions/${id}`, { headers: { accept: 'text/html' } });
		if (page.status < 400 || page.status >= 500) failures.push(`${page.status} /sessions/${id}`);
	}
	expect(failures).toEqual([]);
});

test('LIKE wildcards and backslashes in a search are taken literally', async () => {
	const comments = await allComments(base);
	for (const term of ['%', '_', '\\', '50%', 'plan_v2']) {
		const expected = comments.filter((c) => c.body?.toLowerCase().includes(term.toLowerCase())).length;
		expect(expected, `${term}: the test has comments to find`).toBeGreaterThan(0);
		const html = await (await fetch(`${base}${PLAN}/search?${new URLSearchParams({ q: `"${term}"` })}`)).text();
		const shown = /의견 \(([\d,]+)건\)/.exec(html)?.[1];
		expect(Number(shown?.replace(/,/g, '')), `${term}: the search counts only comments that contain it`).toBe(expected);
	}
});

test('afterwards every table answers and the data is exactly as it was', async () => {
	expect((await fetch(`${base}/healthz`)).status).toBe(200);
	const after = await snapshot();
	// Only the NUL test's own comment was added; everything that was there is unchanged.
	expect(after.comments.slice(0, before.comments.length)).toEqual(before.comments);
	expect(after.comments.slice(before.comments.length).map((c) => c.body)).toEqual(['NUL 없는 문자']);
	expect(after.plans).toEqual(before.plans);
	expect(after.versions).toEqual(before.versions);
	// The NUL test registered one person; nobody else came or went.
	expect(after.users.split(' ').length).toBe(before.users.split(' ').length + 1);
	for (const email of before.users.split(' ')) expect(after.users).toContain(email);
	const signIn = await signInOver(base, DEMO.participant, DEMO_PASSWORD);
	expect(signIn.status, 'passwords and sessions still work').toBe(303);
});
