// How much of a document the importer takes. A file is read whole into memory, so every limit
// bounds memory before anything is inflated or parsed.
import { MAX_SECTIONS } from '$lib/outline';

export { DOCUMENT_MAX_BYTES } from '$lib/schemas/documents';
/** Room beside the file for the form's own fields (the editor sends its whole outline along). */
export const DOCUMENT_FORM_MARGIN_BYTES = 1024 * 1024;
/** What all entries of a DOCX or HWPX may unpack to, as their zip directory declares it. */
export const DOCUMENT_MAX_UNZIPPED_BYTES = 60 * 1024 * 1024;
/** Entries a zip may hold; real documents have a few dozen. */
export const DOCUMENT_MAX_ENTRIES = 2_000;
/** As many sections as the editor holds. */
export const DOCUMENT_MAX_SECTIONS = MAX_SECTIONS;
