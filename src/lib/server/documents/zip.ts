// DOCX and HWPX are zip files. Before anything is inflated the zip's directory is read: how many
// entries and how large they say they unpack, so a zip bomb is refused without unpacking it.
// fflate inflates each entry into a buffer of exactly its declared size, so an entry that lies
// about its size cannot grow past what was checked.
import { unzipSync, type Unzipped } from 'fflate';
import { DocumentError } from './errors';
import { DOCUMENT_MAX_ENTRIES, DOCUMENT_MAX_UNZIPPED_BYTES } from './limits';

export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);

class TooManyEntries extends Error {}

/** Entry names with their declared unpacked sizes; refuses a zip that says it unpacks too large. */
export function zipDirectory(bytes: Uint8Array): Map<string, number> {
	const entries = new Map<string, number>();
	let total = 0;
	try {
		unzipSync(bytes, {
			filter: (file) => {
				if (entries.size >= DOCUMENT_MAX_ENTRIES) throw new TooManyEntries();
				entries.set(file.name, file.originalSize);
				total += file.originalSize;
				return false;
			}
		});
	} catch (error) {
		if (error instanceof TooManyEntries) throw new DocumentError('unzipped_too_large');
		throw new DocumentError('corrupt');
	}
	if (total > DOCUMENT_MAX_UNZIPPED_BYTES) throw new DocumentError('unzipped_too_large');
	return entries;
}

/** The entries `wanted` keeps, unpacked; call zipDirectory first. */
export function unzipEntries(bytes: Uint8Array, wanted: (name: string) => boolean): Unzipped {
	try {
		return unzipSync(bytes, { filter: (file) => wanted(file.name) });
	} catch {
		throw new DocumentError('corrupt');
	}
}

const utf8 = new TextDecoder('utf-8');
export const entryText = (files: Unzipped, name: string): string | null => (files[name] ? utf8.decode(files[name]) : null);
