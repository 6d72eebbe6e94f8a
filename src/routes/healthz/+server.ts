import { json } from '@sveltejs/kit';
import { connection, hasConnection } from '$lib/server/db';
import { pendingMigrations } from '$lib/server/db/migrate';
import type { RequestHandler } from './$types';

/** For load balancers: 200 when the database answers and every shipped migration is applied. */
export const GET: RequestHandler = async () => {
	const headers = { 'cache-control': 'no-store' };
	if (!hasConnection()) return json({ status: 'starting' }, { status: 503, headers });
	const current = connection();
	try {
		const pending = await pendingMigrations(current);
		if (pending.length > 0) {
			return json({ status: 'migrations_pending', database: current.kind, pending }, { status: 503, headers });
		}
		return json({ status: 'ok', database: current.kind, migrations: 'current' }, { headers });
	} catch {
		return json({ status: 'database_unreachable', database: current.kind }, { status: 503, headers });
	}
};
