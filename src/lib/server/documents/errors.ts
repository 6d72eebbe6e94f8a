import { m } from '$lib/paraglide/messages';
import { DOCUMENT_LIMIT } from '$lib/schemas/documents';
import { DOCUMENT_MAX_SECTIONS } from './limits';

export type DocumentErrorCode =
	'no_file' | 'empty' | 'too_large' | 'unsupported' | 'hwp_binary' | 'encrypted' | 'corrupt' | 'unzipped_too_large' | 'no_text' | 'too_many_sections';

const messages: Record<DocumentErrorCode, (count: number) => string> = {
	no_file: () => m.document_import_error_no_file(),
	empty: () => m.document_import_error_empty(),
	too_large: () => m.document_import_error_too_large({ limit: DOCUMENT_LIMIT }),
	unsupported: () => m.document_import_error_unsupported(),
	hwp_binary: () => m.document_import_error_hwp(),
	encrypted: () => m.document_import_error_encrypted(),
	corrupt: () => m.document_import_error_corrupt(),
	unzipped_too_large: () => m.document_import_error_unzipped_too_large(),
	no_text: () => m.document_import_error_no_text(),
	too_many_sections: (count) => m.document_import_error_too_many_sections({ count, max: DOCUMENT_MAX_SECTIONS })
};

/** A file the importer refuses; `message` is in the reader's language, worded when thrown. */
export class DocumentError extends Error {
	constructor(
		readonly code: DocumentErrorCode,
		count = 0
	) {
		super(messages[code](count));
		this.name = 'DocumentError';
	}
}
