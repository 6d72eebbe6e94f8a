// The comment period rule, written once and read on the database's clock: the batched insert and
// the transactional writes both ask the database, so app instances whose clocks drift apart still
// agree on the moment a period opens and closes.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Transaction } from '$lib/server/db';
import { planVersions } from '$lib/server/db/schema';
import { CommentError } from './errors';

/** True while the version's comment period has begun and not yet ended, by the database's now(). */
export function periodIsOpen(): SQL<boolean> {
	return sql<boolean>`(${planVersions.commentsOpenAt} <= now() and ${planVersions.commentsCloseAt} > now())`;
}

/** The plan's published version when comments may be written on it now; otherwise why not. */
export async function openVersion(tx: Transaction, planId: number): Promise<{ id: number }> {
	const [version] = await tx
		.select({ id: planVersions.id, open: periodIsOpen() })
		.from(planVersions)
		.where(and(eq(planVersions.planId, planId), eq(planVersions.status, 'published')));
	if (!version) throw new CommentError('plan_not_found');
	if (version.open !== true) throw new CommentError('period_closed');
	return { id: version.id };
}
