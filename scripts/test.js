// `npm test`: every test. Unit and integration tests (vitest) on the embedded database, or on the
// PostgreSQL server at TEST_DATABASE_URL, then the end-to-end tests in Chromium against the build.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (script) => spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' }).status ?? 1;

const database = process.env.TEST_DATABASE_URL ? 'PostgreSQL server (TEST_DATABASE_URL)' : 'embedded PGlite';
console.log(`\n== unit and integration tests on ${database} ==`);
if (run('test:unit') !== 0) process.exit(1);
console.log(`\n== end-to-end tests in Chromium on ${database} ==`);
process.exit(run('test:e2e'));
