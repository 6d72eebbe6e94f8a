// Dates and numbers for the reader's language, always in Seoul time (the plan's city).
import { getLocale } from '$lib/paraglide/runtime';

export const TIME_ZONE = 'Asia/Seoul';

const intlLocale = () => (getLocale() === 'en' ? 'en-GB' : 'ko-KR');

const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormatter(style: 'date' | 'datetime' | 'short'): Intl.DateTimeFormat {
	const key = `${intlLocale()}|${style}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		const options: Intl.DateTimeFormatOptions =
			style === 'date'
				? { dateStyle: 'long' }
				: style === 'short'
					? { dateStyle: 'medium' }
					: // A 24-hour clock: ICU versions disagree on Korean AM/PM (오후 or PM), so server and browser would too.
						{ dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' };
		formatter = new Intl.DateTimeFormat(intlLocale(), { ...options, timeZone: TIME_ZONE });
		formatters.set(key, formatter);
	}
	return formatter;
}

export function formatDate(value: Date | string | null | undefined, style: 'date' | 'datetime' | 'short' = 'date'): string {
	if (!value) return '';
	return dateFormatter(style).format(typeof value === 'string' ? new Date(value) : value);
}

const numberFormatters = new Map<string, Intl.NumberFormat>();
export function formatNumber(value: number): string {
	const locale = intlLocale();
	let formatter = numberFormatters.get(locale);
	if (!formatter) numberFormatters.set(locale, (formatter = new Intl.NumberFormat(locale)));
	return formatter.format(value);
}

/**
 * A message about a count, with the number formatted: `one` where the language says "1 comment"
 * rather than "2 comments" (English), `other` otherwise. Korean has one form, so both say the same there.
 */
export function countMessage<Inputs extends object>(
	count: number,
	one: (inputs: Inputs & { count: string }) => string,
	other: (inputs: Inputs & { count: string }) => string,
	inputs?: Inputs
): string {
	return (isOne(count) ? one : other)({ ...(inputs as Inputs), count: formatNumber(count) });
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** Does the reader's language use its singular for this count ("1 day", not "2 days")? */
export function isOne(count: number): boolean {
	const locale = intlLocale();
	let rules = pluralRules.get(locale);
	if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
	return rules.select(count) === 'one';
}

/** Korean dictionary order for names (가나다), whatever the interface language. */
export const nameCollator = new Intl.Collator('ko-KR', { sensitivity: 'base', numeric: true });

/** The value of an <input type="datetime-local"> for a date, in Seoul time. */
export function toSeoulInput(value: Date | null | undefined): string {
	if (!value) return '';
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: TIME_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(value);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Reads an <input type="datetime-local"> value as Seoul time (UTC+9, no daylight saving). */
export function fromSeoulInput(value: string): Date | null {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
	const date = new Date(`${value}:00+09:00`);
	return Number.isNaN(date.getTime()) ? null : date;
}
