import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const LOCK_FILE_NAME = 'app.lock';

export interface DataDirLock {
	release(): void;
}

export class DataDirLockedError extends Error {
	constructor(
		readonly dataDir: string,
		readonly pid: number
	) {
		super(
			`The embedded database in ${dataDir} is in use by another process (pid ${pid}). ` +
				`PGlite allows one process per data folder: stop that process, or set PGLITE_DIR to another folder.`
		);
		this.name = 'DataDirLockedError';
	}
}

function processIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Takes the data folder for this process. A lock left behind by a process that died
 * (killed, crashed) is taken over, so the folder always opens again after a crash.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
	const lockPath = path.join(dataDir, LOCK_FILE_NAME);
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
			return lockFor(lockPath);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const holder = Number.parseInt(readLock(lockPath), 10);
		if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
			throw new DataDirLockedError(dataDir, holder);
		}
		try {
			unlinkSync(lockPath);
		} catch {
			// another starter removed it first; try again
		}
	}
	throw new Error(`Could not take the lock on ${lockPath}`);
}

function readLock(lockPath: string): string {
	try {
		return readFileSync(lockPath, 'utf8').trim();
	} catch {
		return '';
	}
}

function lockFor(lockPath: string): DataDirLock {
	let held = true;
	const release = () => {
		if (!held) return;
		held = false;
		if (readLock(lockPath) === String(process.pid)) {
			try {
				unlinkSync(lockPath);
			} catch {
				// already gone
			}
		}
	};
	process.once('exit', release);
	return { release };
}
