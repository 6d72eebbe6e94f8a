// Mirrors the SQL in migrations/: the migrations are the source of truth, these files type the queries.
// `npm run check:schema` fails when the two disagree (scripts/schema-drift.js lists what only the
// migrations hold: functions, triggers, and what drizzle cannot declare). It reads this module, so a
// table an area file declares and this file does not re-export counts as missing.
//
// One file an area, each importing the tables its foreign keys name from the files before it:
// accounts ← plan-text ← meetings ← commentary ← analysis, outcome. columns.ts holds shared column
// helpers and is not re-exported.
export * from './accounts';
export * from './plan-text';
export * from './meetings';
export * from './commentary';
export * from './analysis';
export * from './outcome';
export * from './infrastructure';
