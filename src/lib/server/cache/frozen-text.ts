// What a published version says never changes: only a draft's sections are written, and publishing
// freezes them. So a published (or superseded) version's sections, and which earlier versions had a
// different text of a section, are read once per instance instead of on every page drawn. A draft's
// are read each time. (A backup is restored with the app stopped: ids are never reused while it runs.)
import { connection } from '$lib/server/db';
import * as plans from '$lib/server/plan-text/plans';
import * as threads from '$lib/server/commentary/threads';

/** Readings kept per database; beyond it the oldest go. */
const MAX_KEPT = 2_000;

/** Per database: tests switch databases, and ids repeat across them. */
const kept = new WeakMap<object, Map<string, Promise<unknown>>>();

function once<T>(key: string, read: () => Promise<T>): Promise<T> {
	const database = connection().db;
	let readings = kept.get(database);
	if (!readings) kept.set(database, (readings = new Map()));
	let found = readings.get(key) as Promise<T> | undefined;
	if (!found) {
		const map = readings;
		found = read();
		// A failed reading is not kept: the next page asks again.
		found.catch(() => map.delete(key));
		if (map.size >= MAX_KEPT) map.delete(map.keys().next().value!);
		map.set(key, found);
	}
	return found;
}

interface VersionRef {
	id: number;
	planId: number;
	number: number;
	status: string;
}

const frozen = (version: VersionRef) => version.status !== 'draft';

/** The version's sections in order. Shared between pages: callers must not change them. */
export function sectionsOf(version: VersionRef): Promise<plans.PlanSection[]> {
	return frozen(version) ? once(`sections ${version.id}`, () => plans.sectionsOf(version.id)) : plans.sectionsOf(version.id);
}

/** threads.sectionChangedSince, for a section read at `version`: earlier versions are frozen, and so is it once published. */
export function sectionChangedSince(version: VersionRef, sectionKey: string): Promise<Record<number, boolean>> {
	const read = () => threads.sectionChangedSince(version.planId, sectionKey, version.number);
	return frozen(version) ? once(`changed ${version.id} ${sectionKey}`, read) : read();
}
