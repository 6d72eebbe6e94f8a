// A document an official uploads, as the editor's sections: the format is told by the file's
// first bytes (and, for text, its name), never by the type the browser claims.
import { m } from '$lib/paraglide/messages';
import { freeKey, type OutlineSection } from '$lib/outline';
import { BODY_MAX, HEADING_MAX } from '$lib/schemas/plans';
import { documentUploadSchema } from '$lib/schemas/documents';
import { DocumentError } from './errors';
import { DOCUMENT_MAX_BYTES, DOCUMENT_MAX_SECTIONS } from './limits';
import { docxToMarkdown, type ConvertedDocument } from './parse-docx';
import { hwpxToMarkdown, isHwpx } from './parse-hwpx';
import { decodeText, textToMarkdown } from './parse-text';
import { splitSections, type DocumentSection } from './sections';
import { isZip, zipDirectory } from './zip';

export { DocumentError } from './errors';
export type { DocumentSection } from './sections';

export type DocumentFormat = 'docx' | 'hwpx' | 'markdown' | 'text';

export interface DocumentWarning {
	code: 'images_dropped' | 'headings_flattened' | 'no_headings' | 'euc_kr' | 'heading_cut' | 'section_too_long';
	message: string;
}

export interface ParsedDocument {
	format: DocumentFormat;
	title: string | null;
	sections: DocumentSection[];
	warnings: DocumentWarning[];
}

/** An OLE compound file: legacy .hwp and .doc, and every password-protected Office file. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** HWP 3.0 and older start with this text. */
const HWP3_MAGIC = 'HWP Document File';
const OFFICE_EXTENSIONS = new Set(['docx', 'doc', 'docm', 'dotx', 'xlsx', 'xls', 'pptx', 'ppt']);

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, i) => bytes[i] === byte);
const extensionOf = (name: string) => /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? '';
const baseName = (name: string) =>
	name
		.replace(/^.*[\\/]/, '')
		.replace(/\.[a-z0-9]{1,8}$/i, '')
		.trim();

async function convert(name: string, bytes: Uint8Array): Promise<ConvertedDocument & { format: DocumentFormat; eucKr?: boolean }> {
	const extension = extensionOf(name);
	if (startsWith(bytes, OLE_MAGIC))
		throw new DocumentError(OFFICE_EXTENSIONS.has(extension) ? 'encrypted' : extension === 'hwp' ? 'hwp_binary' : 'unsupported');
	if (Buffer.from(bytes.subarray(0, HWP3_MAGIC.length)).toString('latin1') === HWP3_MAGIC) throw new DocumentError('hwp_binary');
	if (isZip(bytes)) {
		const entries = zipDirectory(bytes);
		if (entries.has('word/document.xml')) return { format: 'docx', ...(await docxToMarkdown(bytes)) };
		if (isHwpx(entries)) return { format: 'hwpx', ...hwpxToMarkdown(bytes, entries) };
		throw new DocumentError('unsupported');
	}
	if (extension === 'hwp') throw new DocumentError('hwp_binary');
	if (['md', 'markdown', 'txt'].includes(extension)) {
		const decoded = decodeText(bytes);
		if (!decoded) throw new DocumentError('unsupported');
		const markdown = extension === 'txt' ? textToMarkdown(decoded.text) : decoded.text;
		return { format: extension === 'txt' ? 'text' : 'markdown', markdown, images: 0, eucKr: decoded.eucKr };
	}
	throw new DocumentError(['docx', 'hwpx'].includes(extension) ? 'corrupt' : 'unsupported');
}

/** The document's sections and what the official should know about the import; throws DocumentError. */
export async function parseDocument(file: { name: string; bytes: Uint8Array }): Promise<ParsedDocument> {
	const { name, bytes } = file;
	if (bytes.byteLength === 0) throw new DocumentError('empty');
	if (bytes.byteLength > DOCUMENT_MAX_BYTES) throw new DocumentError('too_large');
	let converted: Awaited<ReturnType<typeof convert>>;
	try {
		converted = await convert(name, bytes);
	} catch (error) {
		if (error instanceof DocumentError) throw error;
		// mammoth and the XML parser throw on what they cannot read: the file's fault, not ours.
		throw new DocumentError('corrupt');
	}
	const split = splitSections(converted.markdown, {
		preambleTitle: m.document_import_preamble(),
		fallbackTitle: baseName(name) || m.document_import_untitled()
	});
	if (!split.sections.some((s) => s.markdown.trim() || s.title.trim())) throw new DocumentError('no_text');
	if (split.sections.length > DOCUMENT_MAX_SECTIONS) throw new DocumentError('too_many_sections', split.sections.length);

	const warnings: DocumentWarning[] = [];
	const warn = (code: DocumentWarning['code'], message: string) => warnings.push({ code, message });
	if (converted.images > 0) warn('images_dropped', m.document_import_warning_images({ count: converted.images }));
	if (split.flattened) warn('headings_flattened', m.document_import_warning_flattened());
	if (split.headingless) warn('no_headings', m.document_import_warning_no_headings());
	if (converted.eucKr) warn('euc_kr', m.document_import_warning_euc_kr());
	let cut = 0;
	const sections = split.sections.map((section) => {
		if (section.title.length <= HEADING_MAX) return section;
		cut++;
		return { ...section, title: section.title.slice(0, HEADING_MAX - 1).trimEnd() + '…' };
	});
	if (cut) warn('heading_cut', m.document_import_warning_heading_cut({ count: cut, max: HEADING_MAX }));
	for (const section of sections) {
		if (section.markdown.length > BODY_MAX) {
			warn('section_too_long', m.document_import_warning_section_long({ heading: section.title, max: new Intl.NumberFormat().format(BODY_MAX) }));
		}
	}
	return { format: converted.format, title: split.title, sections, warnings };
}

/**
 * The sections as the editor holds them. A section whose heading matches one the editor had keeps
 * that one's key (and so its published comments); others get fresh keys.
 */
export function toOutline(
	sections: DocumentSection[],
	existing: Pick<OutlineSection, 'key' | 'heading' | 'locked'>[] = []
): {
	sections: OutlineSection[];
	/** Existing sections no imported heading matched: they leave the editor. */
	dropped: number;
} {
	const byHeading = new Map<string, Pick<OutlineSection, 'key' | 'heading' | 'locked'>>();
	for (const section of existing) {
		const heading = section.heading.trim();
		if (heading && section.key && !byHeading.has(heading)) byHeading.set(heading, section);
	}
	const reused = new Set<string>();
	const outline: OutlineSection[] = [];
	let chapterKey = '';
	for (const section of sections) {
		const match = byHeading.get(section.title.trim());
		let key: string;
		let locked = false;
		if (match && !reused.has(match.key)) {
			key = match.key;
			locked = match.locked;
			reused.add(key);
		} else {
			const taken = [...outline, ...existing.filter((s) => !reused.has(s.key)).map((s) => ({ key: s.key }))];
			key = freeKey(taken);
		}
		const parentKey = section.level === 2 ? chapterKey : '';
		if (section.level === 1) chapterKey = key;
		outline.push({ key, heading: section.title, parentKey, body: section.markdown, locked });
	}
	const dropped = existing.filter((s) => s.key && !reused.has(s.key)).length;
	return { sections: outline, dropped };
}

/** The `file` of an upload form, parsed; throws DocumentError (no file, too large, unreadable). */
export async function parseUpload(formData: FormData): Promise<ParsedDocument & { fileName: string }> {
	const parsed = documentUploadSchema.safeParse({ file: formData.get('file') ?? undefined });
	if (!parsed.success) throw new DocumentError('no_file');
	const { file } = parsed.data;
	if (file.size > DOCUMENT_MAX_BYTES) throw new DocumentError('too_large');
	const bytes = new Uint8Array(await file.arrayBuffer());
	return { fileName: file.name, ...(await parseDocument({ name: file.name, bytes })) };
}
