import { describe, expect, it } from 'vitest';
import { tcpProxy } from '$tests/e2e/helpers/proxy';
import { serverUrl } from '$tests/helpers/server-database';
import { openConnection } from './client';

/** postgres.js's own backoff would have its connections wait 7 to 20 s after this many failures. */
const FAILURES_DURING_OUTAGE = 12;
/** The longest reconnect delay (1 s) with room for a slow machine. */
const RECOVERY_SECONDS = 3;

describe.runIf(serverUrl)('reconnecting to the server', () => {
	it('answers again within a second or so of the server coming back, however long it was gone', async () => {
		const target = new URL(serverUrl!);
		const proxy = await tcpProxy(Number(target.port || 5432), target.hostname);
		const proxied = new URL(serverUrl!);
		proxied.hostname = '127.0.0.1';
		proxied.port = String(proxy.port);
		const open = await openConnection({ kind: 'postgresql', url: proxied.href, poolSize: 3 });
		const ask = () => open.scriptTransaction((run) => run('select 1 as one'));
		try {
			expect(await ask()).toEqual([{ one: 1 }]);
			proxy.cut();
			for (let i = 0; i < FAILURES_DURING_OUTAGE; i++) await expect(ask()).rejects.toThrow();
			proxy.restore();
			const started = Date.now();
			let answered = false;
			while (!answered && Date.now() - started < RECOVERY_SECONDS * 1000) {
				answered = await ask().then(
					() => true,
					() => false
				);
			}
			expect(answered).toBe(true);
			expect(Date.now() - started).toBeLessThan(RECOVERY_SECONDS * 1000);
		} finally {
			await open.close();
			await proxy.close();
		}
	});
});
