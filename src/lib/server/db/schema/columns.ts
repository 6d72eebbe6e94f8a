// Column types and values more than one area file uses. Not re-exported by index.ts: they are not tables.
import { sql } from 'drizzle-orm';
import { customType, timestamp } from 'drizzle-orm/pg-core';

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | Buffer }>({
	dataType: () => 'bytea',
	fromDriver: (value) => new Uint8Array(value)
});

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** The values of users.stakeholder_group and speakers.stakeholder_group, as SQL for their checks. */
export const stakeholderGroups = sql`('government', 'social_economy_enterprise', 'cooperative', 'civil_society', 'intermediary', 'research', 'citizen')`;
