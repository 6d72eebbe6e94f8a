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
	console.log('[plan-consultation] building the app (first start or changed sources)…');
	const result = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const port = process.env.PORT ?? '3000';
// adapter-node assumes https when it cannot tell; a local start is plain http on localhost.
// Document uploads (5 MB and their form) pass adapter-node's own limit; the app stops every other body at MAX_BODY_BYTES.
const env = { BODY_SIZE_LIMIT: '6M', ...process.env, PORT: port, ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}` };
console.log(`[plan-consultation] serving on http://localhost:${port}`);
const server = spawn(process.execPath, [path.join(root, 'build', 'index.js')], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
