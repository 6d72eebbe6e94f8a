// Column types and values more than one area file uses. Not re-exported by index.ts: they are not tables.
import { sql } from 'drizzle-orm';
import { bigint, customType, integer, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | Buffer }>({
	dataType: () => 'bytea',
	fromDriver: (value) => new Uint8Array(value)
});

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** The values of users.stakeholder_group and speakers.stakeholder_group, as SQL for their checks. */
export const stakeholderGroups = sql`('government', 'social_economy_enterprise', 'cooperative', 'civil_society', 'intermediary', 'research', 'citizen')`;

type Target = () => AnyPgColumn;

/** A required foreign key whose row goes when the row it names is deleted. */
export const ownerRef = <N extends string>(name: N, target: Target) => integer(name).notNull().references(target, { onDelete: 'cascade' });

/** ownerRef for a bigint key (comments and the other bigint ids). */
export const bigOwnerRef = <N extends string>(name: N, target: Target) =>
	bigint(name, { mode: 'number' }).notNull().references(target, { onDelete: 'cascade' });

/** An optional foreign key that is cleared when the row it names is deleted (who did something). */
export const clearedRef = <N extends string>(name: N, target: Target) => integer(name).references(target, { onDelete: 'set null' });
