// A report as a download: the Word content type and a Content-Disposition carrying the Korean name
// (RFC 5987) with an ASCII one for clients that read only `filename`.
import { attachment } from '$lib/server/http/csv';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file name from a plan title: no path separators, quotes or controls, not overly long. */
export function fileName(name: string, extension: string): string {
	const safe = name
		.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return `${[...safe].slice(0, 120).join('').trim() || 'report'}.${extension}`;
}

export function docxResponse(bytes: Uint8Array, name: string, asciiName: string): Response {
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': DOCX_TYPE,
			'content-disposition': attachment(fileName(name, 'docx'), fileName(asciiName.replace(/[^\x20-\x7e]/g, ''), 'docx')),
			'content-length': String(bytes.byteLength),
			'cache-control': 'no-store'
		}
	});
}
