// Starts extra instances of the built app (node build) for tests that need their own servers:
// several instances on one database, a database that goes away, a process killed mid-write.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export interface AppInstance {
	url: string;
	process: ChildProcess;
	output: () => string;
	/** SIGTERM and wait for exit. */
	stop: () => Promise<void>;
	/** SIGKILL (no shutdown at all) and wait for exit. */
	kill: () => Promise<void>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

const BUILD = path.resolve(process.env.BUILD_DIR ?? 'build');

function exited(child: ChildProcess): Promise<void> {
	return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `node build` with the given environment and waits until /healthz answers 200. `unset`
 * names variables to leave out (ORIGIN, to have the app read the proxy's headers instead).
 */
export async function startApp(env: Record<string, string>, options: { waitHealthy?: boolean; unset?: string[] } = {}): Promise<AppInstance> {
	const port = await freePort();
	const url = `http://localhost:${port}`;
	let output = '';
	const childEnv: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		ORIGIN: url,
		SEED_DEMO: 'true',
		RATE_LIMIT_SIGN_IN_FAILURES_PER_IP: '10000',
		RATE_LIMIT_REGISTRATIONS_PER_IP: '10000',
		RATE_LIMIT_COMMENTS_PER_USER: '10000',
		...env
	};
	for (const name of options.unset ?? []) delete childEnv[name];
	const child = spawn(process.execPath, [BUILD], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const instance: AppInstance = {
		url,
		process: child,
		output: () => output,
		stop: async () => {
			child.kill('SIGTERM');
			await exited(child);
		},
		kill: async () => {
			child.kill('SIGKILL');
			await exited(child);
		}
	};
	if (options.waitHealthy === false) return instance;
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output}`);
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) return instance;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	await instance.kill();
	throw new Error(`the app did not become healthy:\n${output}`);
}

/** A cookie jar of one: the session cookie a sign-in set. */
export function sessionCookie(response: Response): string {
	const cookie = response.headers
		.getSetCookie()
		.find((c) => c.startsWith('session='))
		?.split(';')[0];
	if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
	return cookie;
}

export async function signInOver(url: string, email: string, password: string): Promise<Response> {
	return fetch(`${url}/login?/signIn`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, accept: 'text/html' },
		body: new URLSearchParams({ email, password, redirectTo: '/' })
	});
}

let registered = 0;
/** Registers a new participant over HTTP and returns their session cookie. */
export async function registerOver(url: string, name = '동시 참여자'): Promise<string> {
	const email = `load-${Date.now().toString(36)}-${registered++}-${Math.random().toString(36).slice(2, 6)}@example.org`;
	const response = await fetch(`${url}/register?/register`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, accept: 'text/html' },
		body: new URLSearchParams({
			email,
			displayName: name,
			organisation: '',
			stakeholderGroup: 'citizen',
			password: 'load-password-1',
			confirmPassword: 'load-password-1'
		})
	});
	return sessionCookie(response);
}

/** Posts a comment through the section page's form action, as a browser without JavaScript would. */
export async function postCommentOver(
	url: string,
	cookie: string,
	sectionKey: string,
	body: string,
	idempotencyKey = `k-${Math.random().toString(36).slice(2)}-${Date.now()}`
): Promise<Response> {
	return fetch(`${url}/plans/gwangmyeong-social-economy/sections/${sectionKey}?/createComment`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: url,
			accept: 'text/html',
			cookie
		},
		body: new URLSearchParams({ kind: 'suggestion', body, idempotencyKey })
	});
}

/** Every comment of the demo plan, through the public API. */
export async function allComments(url: string): Promise<{ id: number; body: string | null }[]> {
	const found: { id: number; body: string | null }[] = [];
	let next: string | null = `${url}/api/v1/plans/gwangmyeong-social-economy/comments?limit=1000`;
	while (next) {
		const page = (await (await fetch(next)).json()) as { comments: { id: number; body: string | null }[]; next: string | null };
		found.push(...page.comments);
		next = page.next;
	}
	return found;
}
