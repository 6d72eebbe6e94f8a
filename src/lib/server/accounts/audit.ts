import { desc, eq } from 'drizzle-orm';
import { db, type Transaction } from '$lib/server/db';
import { auditLog, users } from '$lib/server/db/schema';

export interface AuditEntry {
	actorId: number | null;
	action: string;
	targetType: string;
	targetId: string | number;
	detail?: Record<string, unknown>;
}

/** Writes one entry; pass the transaction of the act itself so both commit or neither does. */
export async function record(entry: AuditEntry, tx: Transaction | typeof db = db): Promise<void> {
	await tx.insert(auditLog).values({
		actorId: entry.actorId,
		action: entry.action,
		targetType: entry.targetType,
		targetId: String(entry.targetId),
		detail: entry.detail ?? {}
	});
}

export async function recent(limit = 200) {
	return db
		.select({
			id: auditLog.id,
			action: auditLog.action,
			targetType: auditLog.targetType,
			targetId: auditLog.targetId,
			detail: auditLog.detail,
			createdAt: auditLog.createdAt,
			actorName: users.displayName
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.orderBy(desc(auditLog.id))
		.limit(limit);
}
