// Helpers for the JSON API (/api/v1): snake_case fields, errors as {message, code}.
import { json } from '@sveltejs/kit';

export function apiError(status: number, code: string, message: string): Response {
	return json({ message, code }, { status });
}

export const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

/** Public JSON may be cached briefly by proxies; it changes when officials publish or people comment. */
export const PUBLIC_CACHE = { 'cache-control': 'public, max-age=15' };
