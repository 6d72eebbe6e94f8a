import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acquireDataDirLock, DataDirLockedError } from './lock';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'pglite-lock-'));

describe('the embedded data folder lock', () => {
	it('refuses a folder held by another live process, naming it', async () => {
		const dir = tempDir();
		const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		try {
			writeFileSync(path.join(dir, 'app.lock'), String(holder.pid));
			const error = (() => {
				try {
					acquireDataDirLock(dir);
				} catch (e) {
					return e;
				}
			})();
			expect(error).toBeInstanceOf(DataDirLockedError);
			expect((error as Error).message).toContain(String(holder.pid));
			expect((error as Error).message).toContain('PGLITE_DIR');
		} finally {
			holder.kill();
		}
	});

	it('takes over a lock left by a process that died, and releases it', async () => {
		const dir = tempDir();
		const dead = spawn(process.execPath, ['-e', '']);
		await new Promise((resolve) => dead.on('exit', resolve));
		writeFileSync(path.join(dir, 'app.lock'), String(dead.pid));
		const lock = acquireDataDirLock(dir);
		expect(readFileSync(path.join(dir, 'app.lock'), 'utf8')).toBe(String(process.pid));
		lock.release();
		expect(existsSync(path.join(dir, 'app.lock'))).toBe(false);
	});
});
