import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '$tests/helpers/database';
import * as commentViews from './views';
import { setup } from './test-setup';

useTestDatabase();

describe('what readers may see', () => {
	it('renders XSS vectors from a cheat sheet as inert text', async () => {
		const { alice, write } = await setup();
		const vectors = [
			'<script>alert(1)</script>',
			'<img src=x onerror=alert(1)>',
			'<svg/onload=alert(1)>',
			'[클릭](javascript:alert(1))',
			'[클릭](JaVaScRiPt:alert(1))',
			'<a href="javascript:alert(1)">x</a>',
			'<iframe src="javascript:alert(1)"></iframe>',
			'"><script>alert(1)</script>',
			'<body onload=alert(1)>',
			'[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
			'<div style="background:url(javascript:alert(1))">',
			'![x](x" onerror="alert(1))'
		];
		for (const body of vectors) {
			const { id } = await write(alice.id, body);
			const html = (await commentViews.byId(id, null))!.bodyHtml!;
			expect(html, body).not.toMatch(/<(script|img|svg|iframe|body|div)\b/i);
			expect(html, body).not.toMatch(/href="(javascript|data):/i);
			// An event-handler attribute inside a real tag; escaped text like "&lt;img onerror=" is inert.
			expect(html, body).not.toMatch(/<[^>]*\son\w+=/i);
		}
	});
});
