// CSV for spreadsheets, shared by every download: UTF-8 with a byte order mark (without it Excel reads
// Hangul as mojibake), CRLF rows, and cells starting with = + - @ tab or CR (or their full-width
// forms) given a leading apostrophe by csv-stringify's escape_formulas, so no cell runs as a formula.
import { stringify } from 'csv-stringify/sync';

export function spreadsheetCsv(rows: unknown[][], options: { bom: boolean }): string {
	return stringify(rows, { bom: options.bom, record_delimiter: 'windows', escape_formulas: true });
}

/** A download's Content-Disposition: an ASCII name for old clients and the UTF-8 one (RFC 5987). */
export function attachment(filename: string, asciiFallback: string): string {
	const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}
