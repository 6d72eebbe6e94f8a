// Fresh UTF-8 databases on the PostgreSQL server at TEST_DATABASE_URL (for vitest and Playwright).
import postgres from 'postgres';

export const serverUrl = process.env.TEST_DATABASE_URL;

export async function createServerDatabase(prefix = 't'): Promise<{ url: string; drop: () => Promise<void> }> {
	if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
	const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
	} finally {
		await admin.end();
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.href,
		drop: async () => {
			const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
			try {
				await dropper.unsafe(`drop database if exists "${name}" with (force)`);
			} finally {
				await dropper.end();
			}
		}
	};
}
