// Calls that arrive during one turn of the event loop share one statement. On a busy server each
// statement costs a round trip, a socket write on each side and, for a write, a commit, far more than
// its rows do; when many people post at once, one statement for all of them is what keeps up.
import { connection, type Connection } from '$lib/server/db';

/** Items per statement at most; more waiting go in the next one. */
export const MAX_GATHERED = 200;

interface Waiting<In, Out> {
	item: In;
	settle: (result: Out) => void;
	fail: (error: unknown) => void;
}

export interface GatherOptions {
	/**
	 * Start a run only once the one before has finished; what arrives meanwhile waits for the next.
	 * For writes that would wait for each other's locks in the database anyway: each run is then
	 * larger, and one slow run holds up only what arrived during it.
	 */
	oneAtATime?: boolean;
}

/**
 * Wraps `run`, which takes every item gathered and returns one result per item in the same order,
 * as a function of one item. A failed run fails every caller of that run with its error.
 */
export function gathered<In, Out>(run: (items: In[]) => Promise<Out[]>, options: GatherOptions = {}): (item: In) => Promise<Out> {
	// Per open connection, as tests switch connections; a batch never mixes two databases.
	const queues = new WeakMap<Connection, { waiting: Waiting<In, Out>[]; scheduled: boolean; running: boolean }>();

	function schedule(open: Connection): void {
		const queue = queues.get(open)!;
		if (queue.scheduled || (options.oneAtATime && queue.running) || queue.waiting.length === 0) return;
		queue.scheduled = true;
		setImmediate(() => flush(open));
	}

	function flush(open: Connection): void {
		const queue = queues.get(open)!;
		queue.scheduled = false;
		const batch = queue.waiting.splice(0, MAX_GATHERED);
		if (batch.length === 0) return;
		queue.running = true;
		const finished = () => {
			queue.running = false;
			schedule(open);
		};
		run(batch.map((waiting) => waiting.item))
			.then(
				(results) => batch.forEach((waiting, index) => waiting.settle(results[index])),
				(error) => batch.forEach((waiting) => waiting.fail(error))
			)
			.finally(finished);
		schedule(open);
	}

	return (item) => {
		const open = connection();
		let queue = queues.get(open);
		if (!queue) queues.set(open, (queue = { waiting: [], scheduled: false, running: false }));
		const waiting = queue.waiting;
		const promise = new Promise<Out>((settle, fail) => waiting.push({ item, settle, fail }));
		schedule(open);
		return promise;
	};
}
