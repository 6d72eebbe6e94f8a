// The request guard's exception for document uploads: a binary file larger than a text body is let
// through to the upload routes only, and their text fields are still held to the NUL check.
import { describe, expect, it } from 'vitest';
import { bodyGuard, MAX_BODY_BYTES, UPLOAD_MAX_BODY_BYTES } from '$lib/server/http/guards';
import { DOCUMENT_MAX_BYTES } from './limits';

const binary = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 131 + 7) % 256);

function upload(path: string, file: Uint8Array<ArrayBuffer>, fields: Record<string, string> = {}): Request {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.set(name, value);
	form.set('file', new File([file], 'plan.docx'));
	return new Request(new URL(path, 'https://plans.example.org'), { method: 'POST', body: form });
}

describe('document uploads', () => {
	it('lets a binary file larger than a text body through to the parse endpoint and the import actions', async () => {
		const file = binary(MAX_BODY_BYTES + 1024);
		for (const path of ['/api/v1/documents/parse', '/plans/new?/importDocument', '/plans/demo/edit?/importDocument']) {
			const guarded = await bodyGuard(upload(path, file, { title: '계획' }));
			expect(guarded, path).toBeInstanceOf(Request);
			const form = await (guarded as Request).formData();
			expect(new Uint8Array(await (form.get('file') as File).arrayBuffer())).toEqual(file);
			expect(form.get('title')).toBe('계획');
		}
		expect(UPLOAD_MAX_BODY_BYTES).toBeGreaterThan(DOCUMENT_MAX_BYTES);
	});

	it('holds every other route, and other actions of the editors, to the text checks', async () => {
		for (const path of ['/plans/demo/edit?/saveDraft', '/plans/new?/createPlan', '/api/v1/transcripts/parse', '/plans/demo/edit']) {
			const refused = await bodyGuard(upload(path, binary(2048)));
			expect(refused, path).toBeInstanceOf(Response);
			expect((refused as Response).status, path).toBe(400);
		}
		const large = await bodyGuard(upload('/plans/demo/edit?/saveDraft', new Uint8Array(MAX_BODY_BYTES + 1024).fill(97)));
		expect((large as Response).status).toBe(413);
	});

	it('refuses an upload above its own limit, and NUL in an upload’s text fields', async () => {
		const large = (await bodyGuard(upload('/api/v1/documents/parse', binary(UPLOAD_MAX_BODY_BYTES + 1)))) as Response;
		expect(large.status).toBe(413);
		expect((await large.json()).message).toContain('MB');
		const nul = (await bodyGuard(upload('/api/v1/documents/parse', binary(16), { title: 'a\u0000b' }))) as Response;
		expect(nul.status).toBe(400);
		expect((await nul.json()).code).toBe('invalid_character');
	});
});
