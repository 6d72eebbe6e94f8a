import { z } from 'zod';

/** Largest document file an official may upload (the server's limits build on it). */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
/** The limit as the forms' hints state it. */
export const DOCUMENT_LIMIT = `${DOCUMENT_MAX_BYTES / (1024 * 1024)} MB`;
/** What the file inputs offer; any file is still told apart by its bytes. */
export const DOCUMENT_ACCEPT = '.hwpx,.docx,.md,.markdown,.txt';

/**
 * The `file` field of a document upload. A file input left empty still sends a part, with no name
 * and no bytes: that counts as no file.
 */
export const documentUploadSchema = z.object({
	file: z.custom<File>((value) => value instanceof File && (value.size > 0 || value.name !== ''))
});

/** What an import tells the editor besides the sections: which file, how many sections, what to know. */
export interface ImportReport {
	fileName: string;
	count: number;
	warnings: string[];
}
