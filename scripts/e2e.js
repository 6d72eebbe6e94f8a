// `npm run test:e2e`: builds the app, gives it a fresh database (a PGlite folder, or a new database
// on the server at TEST_DATABASE_URL), runs Playwright against `node build`, then cleans up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

const root = path.resolve(import.meta.dirname, '..');
const browser = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!browser) {
	console.error(
		'\nEnd-to-end tests need Chromium and none was found (CHROMIUM_PATH, /usr/bin/chromium).\n' +
			'Install it: apt-get update && apt-get install -y chromium fonts-noto-cjk\n' +
			'(on machines with network access, `npx playwright install chromium` and CHROMIUM_PATH also work)\n'
	);
	process.exit(1);
}

const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

// E2E_REUSE_BUILD=1 (CI's second run, on the same tree) keeps the build the first run made: the
// build does not depend on the database, which is chosen when the server starts.
const buildDir = path.join(root, process.env.BUILD_DIR ?? 'build');
if (process.env.E2E_REUSE_BUILD === '1' && existsSync(path.join(buildDir, 'index.js'))) {
	console.log(`[e2e] reusing the build in ${path.relative(root, buildDir)}`);
} else if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);

const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', CHROMIUM_PATH: browser };
let cleanup = async () => {};
const artifacts = path.join(root, 'tests', '.artifacts');
mkdirSync(artifacts, { recursive: true });

if (process.env.TEST_DATABASE_URL) {
	const name = `e2e_${Date.now().toString(36)}`;
	const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
	await admin.end();
	const url = new URL(process.env.TEST_DATABASE_URL);
	url.pathname = `/${name}`;
	env.E2E_DATABASE_URL = url.href;
	cleanup = async () => {
		const dropper = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
		await dropper.unsafe(`drop database if exists "${name}" with (force)`);
		await dropper.end();
	};
	console.log(`[e2e] PostgreSQL server database ${name}`);
	if (process.env.E2E_MARKUP_ON_SERVER !== '1') {
		console.log('[e2e] markup-only files (accessibility, keyboard, languages, xss) are skipped: they run in the PGlite pass');
	}
} else {
	const dir = path.join(artifacts, `e2e-data-${Date.now().toString(36)}`);
	env.E2E_PGLITE_DIR = dir;
	cleanup = async () => rmSync(dir, { recursive: true, force: true });
	console.log(`[e2e] embedded PGlite in ${path.relative(root, dir)}`);
}

let status = 1;
try {
	status = run('npx', ['playwright', 'test', ...process.argv.slice(2)], env);
} finally {
	await cleanup();
}
process.exit(status);
