import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Connection, Database } from './client';

export type { Connection, Database } from './client';

const GLOBAL_KEY = Symbol.for('plan-consultation.connection');
type Holder = { [GLOBAL_KEY]?: Connection };

/** The open connection. Kept on globalThis so a dev-server reload does not open PGlite twice. */
export function connection(): Connection {
	const current = (globalThis as Holder)[GLOBAL_KEY];
	if (!current) throw new Error('The database is not open yet (useConnection was not called).');
	return current;
}

export function hasConnection(): boolean {
	return (globalThis as Holder)[GLOBAL_KEY] !== undefined;
}

export function useConnection(next: Connection | undefined): void {
	(globalThis as Holder)[GLOBAL_KEY] = next;
}

/** The typed query builder of the open connection; data modules import this. */
export const db: Database = new Proxy({} as Database, {
	get(_target, property) {
		const target = connection().db;
		const value = Reflect.get(target, property, target);
		return typeof value === 'function' ? value.bind(target) : value;
	}
});

/** Runs raw SQL and returns its rows the same way on both drivers. */
export async function rows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
	return Array.isArray(result) ? result : result.rows;
}

const dialect = new PgDialect();

/**
 * Raw SQL kept prepared: on a server it is parsed and planned once per connection, not on every run
 * (Drizzle does that only for what its query builder makes). For the few statements run most; their
 * values come as placeholders (`sql.placeholder('name')`).
 */
export function preparedStatement<T = Record<string, unknown>>(name: string, query: SQL) {
	const built = dialect.sqlToQuery(query);
	const statements = new WeakMap<Database, ReturnType<Database['_']['session']['prepareQuery']>>();
	return async (values: Record<string, unknown>): Promise<T[]> => {
		const database = connection().db;
		let statement = statements.get(database);
		if (!statement) {
			statement = database._.session.prepareQuery(built, undefined, name, false);
			statements.set(database, statement);
		}
		const result = (await statement.execute(values)) as unknown as T[] | { rows: T[] };
		return Array.isArray(result) ? result : result.rows;
	};
}

/**
 * A query built with Drizzle's builder and `.prepare(name)`, built once per database (tests switch
 * databases) and kept prepared: for the builder's queries run most, whose results it maps.
 */
export function preparedQuery<T>(build: (database: Database) => T): () => T {
	const built = new WeakMap<Database, T>();
	return () => {
		const database = connection().db;
		let query = built.get(database);
		if (query === undefined) built.set(database, (query = build(database)));
		return query;
	};
}

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

const UNAVAILABLE_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT',
	'57P01', // admin_shutdown
	'57P02', // crash_shutdown
	'57P03', // cannot_connect_now
	'53300' // too_many_connections
]);

/** The PostgreSQL (or socket) error code of an error, looking through Drizzle's wrapper. */
export function errorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string') return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** True when the database cannot be reached, as opposed to a query that failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
	const code = errorCode(error);
	return code !== undefined && UNAVAILABLE_CODES.has(code);
}

export const isUniqueViolation = (error: unknown) => errorCode(error) === '23505';
