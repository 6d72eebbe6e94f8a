import { expect, test } from '@playwright/test';
import { MATRIX, ROLES, type MatrixRole, type MatrixRow, type Outcome } from './authz-matrix';
import { sessionCookie, signInOver } from './helpers/server';

const ACCOUNTS: Record<Exclude<MatrixRole, 'signedOut'>, string> = {
	participant: 'participant@example.org',
	researcher: 'researcher@example.org',
	official: 'official@example.org',
	moderator: 'moderator@example.org',
	admin: 'admin@example.org'
};

const cookies: Partial<Record<MatrixRole, string>> = {};

test.beforeAll(async ({ baseURL }) => {
	for (const [role, email] of Object.entries(ACCOUNTS)) {
		cookies[role as MatrixRole] = sessionCookie(await signInOver(baseURL!, email, 'demo-password'));
	}
});

async function outcomeOf(baseURL: string, row: MatrixRow, role: MatrixRole): Promise<Outcome | string> {
	const headers: Record<string, string> = { origin: baseURL, accept: row.json ? 'application/json' : 'text/html' };
	if (cookies[role]) headers.cookie = cookies[role]!;
	let body: string | undefined;
	if (row.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(row.form).toString();
	} else if (row.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(row.json);
	}
	const response = await fetch(`${baseURL}${row.path}`, { method: row.method, headers, body, redirect: 'manual' });
	await response.arrayBuffer();
	const location = response.headers.get('location') ?? '';
	if (response.status >= 300 && response.status < 400) return location.startsWith('/login') ? 'login' : 'ok';
	if ([401, 403, 404].includes(response.status)) return response.status as Outcome;
	if (response.status < 300 || (response.status === 400 && row.method === 'POST')) return 'ok';
	return `status ${response.status}`;
}

for (const row of MATRIX) {
	test(`${row.method} ${row.path} (${row.what})`, async ({ baseURL }) => {
		const actual: Record<string, Outcome | string> = {};
		for (const role of ROLES) actual[role] = await outcomeOf(baseURL!, row, role);
		expect(actual).toEqual(row.expect);
	});
}
