// `npm start`: builds the app when the build is missing or older than the sources, then serves it
// on http://localhost:3000 with the embedded database (or DATABASE_URL when set).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'build', 'handler.js');

function newestMtime(dir) {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'paraglide' || entry.name.startsWith('.')) continue;
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
	}
	return newest;
}

const sources = ['src', 'static', 'migrations', 'messages'].map((d) => path.join(root, d));
const stale = !existsSync(built) || Math.max(...sources.filter(existsSync).map(newestMtime)) > statSync(built).mtimeMs;
if (stale) {
	console.log('[plan-consultation] building the app (first start or changed sources, about a minute)…');
	const started = Date.now();
	// Warnings and errors only; SvelteKit's "Run npm run preview" hint would mislead someone who only
	// wants to open the app, which this script serves itself.
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
		.split('\n')
		.filter((line) => !/npm run preview/.test(line))
		.join('\n')
		.trim();
	if (result.status !== 0) {
		console.error(output);
		process.exit(result.status ?? 1);
	}
	if (/warn|error/i.test(output)) console.log(output);
	console.log(`[plan-consultation] built in ${Math.round((Date.now() - started) / 1000)} s`);
}

const port = process.env.PORT ?? '3000';
// adapter-node assumes https when it cannot tell; a local start is plain http on localhost.
// Document uploads (5 MB and their form) pass adapter-node's own limit; the app stops every other body at MAX_BODY_BYTES.
const env = { BODY_SIZE_LIMIT: '6M', ...process.env, PORT: port, ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}` };
const origin = `http://localhost:${port}`;
console.log(`[plan-consultation] starting on ${origin} (the first start migrates and seeds the demo)…`);
const server = spawn(process.execPath, [path.join(root, 'build', 'index.js')], { cwd: root, env, stdio: 'inherit' });
announceWhenReady();
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

const READY_POLL_MS = 500;
const READY_GIVE_UP_MS = 120_000;

// Says what to open only once the app answers, so the address printed is one that works.
async function announceWhenReady() {
	const deadline = Date.now() + READY_GIVE_UP_MS;
	while (Date.now() < deadline && server.exitCode === null) {
		try {
			const health = await fetch(`${origin}/healthz`);
			if (health.ok) {
				const plans = await fetch(`${origin}/api/v1/plans`).then((r) => (r.ok ? r.json() : []));
				const first = Array.isArray(plans) && plans[0] ? `${origin}/plans/${plans[0].slug}` : origin;
				console.log(`\n  Open ${first}`);
				if (process.env.SEED_DEMO !== 'false') {
					console.log('  Demo accounts (password demo-password): participant@, researcher@, official@, moderator@, admin@example.org');
				}
				console.log('  Stop with Ctrl+C.\n');
				return;
			}
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
	}
}
