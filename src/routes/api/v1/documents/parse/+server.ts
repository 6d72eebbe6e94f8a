// POST /api/v1/documents/parse: a document (multipart field `file`: .hwpx, .docx, .md, .txt) in,
// its sections as Markdown out, by the same importer as the plan editor. Officials only; nothing
// is stored.
import { json } from '@sveltejs/kit';
import { apiError } from '$lib/server/http/api';
import { DocumentError, parseUpload } from '$lib/server/documents';
import { capabilityRefusal } from '../../endpoint';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request }) => {
	const refused = capabilityRefusal(locals, 'plans.edit');
	if (refused) return refused;

	let formData: FormData;
	try {
		formData = await request.formData();
	} catch {
		formData = new FormData();
	}
	try {
		const parsed = await parseUpload(formData);
		return json(
			{
				format: parsed.format,
				title: parsed.title,
				sections: parsed.sections.map(({ title, level, markdown }) => ({ title, level, markdown })),
				warnings: parsed.warnings
			},
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch (error) {
		if (error instanceof DocumentError) return apiError(400, error.code, error.message);
		throw error;
	}
};
