import path from 'node:path';

/** Where the global setup leaves the migrated embedded database (tests/helpers/pglite-snapshot.ts). */
export const PGLITE_SNAPSHOT = path.resolve(import.meta.dirname, '..', '.artifacts', 'pglite-migrated.tar');
