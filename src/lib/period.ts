// Comment periods, shared by pages and server: the state of a period at a moment, and time left.
export type PeriodState = 'none' | 'upcoming' | 'open' | 'closed';

export interface Period {
	status?: string;
	commentsOpenAt: Date | string | null;
	commentsCloseAt: Date | string | null;
}

const asDate = (value: Date | string) => (typeof value === 'string' ? new Date(value) : value);

export function periodState(version: Period, now: Date = new Date()): PeriodState {
	if (version.status && version.status !== 'published') return 'none';
	if (!version.commentsOpenAt || !version.commentsCloseAt) return 'none';
	if (now < asDate(version.commentsOpenAt)) return 'upcoming';
	if (now >= asDate(version.commentsCloseAt)) return 'closed';
	return 'open';
}

/** Whole days and remaining hours until `until`. */
export function timeLeft(until: Date | string, now: Date = new Date()): { days: number; hours: number } {
	const ms = Math.max(0, asDate(until).getTime() - now.getTime());
	const hours = Math.floor(ms / 3_600_000);
	return { days: Math.floor(hours / 24), hours: hours % 24 };
}
