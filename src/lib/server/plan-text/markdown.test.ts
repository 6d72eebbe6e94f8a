import { describe, expect, it } from 'vitest';
import { plainText, renderComment, renderPlan } from './markdown';

describe('markdown', () => {
	it('never passes raw HTML through', () => {
		const html = renderComment('<script>alert(1)</script> <img src=x onerror=alert(1)> **굵게**');
		expect(html).not.toContain('<script');
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;script&gt;');
		expect(html).toContain('<strong>굵게</strong>');
	});

	it('refuses script and data URLs in links', () => {
		for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<b>x</b>']) {
			const html = renderComment(`[눌러 보세요](${href})`) + renderPlan(`[눌러 보세요](${href})`);
			expect(html).not.toMatch(/href="(javascript|vbscript|data):/i);
		}
	});

	it('marks links in comments nofollow ugc noopener', () => {
		expect(renderComment('[광명시](https://www.gm.go.kr)')).toContain('<a href="https://www.gm.go.kr" rel="nofollow ugc noopener">광명시</a>');
		expect(renderComment('https://example.org 을 보세요')).toContain('rel="nofollow ugc noopener"');
	});

	it('keeps comments to the subset: emphasis, lists, links, quotes', () => {
		const html = renderComment('# 제목\n\n- 하나\n- 둘\n\n> 인용\n\n![그림](https://example.org/a.png)');
		expect(html).not.toContain('<h1');
		expect(html).toContain('<ul>');
		expect(html).toContain('<blockquote>');
		expect(html).not.toContain('<img');
	});

	it('renders plan text with headings below the section heading and tables', () => {
		const html = renderPlan('## 배경\n\n| 지표 | 목표 |\n| --- | --- |\n| 기업 수 | 100개 |');
		expect(html).toContain('<h3>배경</h3>');
		expect(html).toContain('<table>');
	});

	it('turns Markdown into plain text for snippets', () => {
		expect(plainText('## 배경\n\n**지원센터**는 1명 & <뿐>입니다.')).toBe('배경 지원센터는 1명 & <뿐>입니다.');
	});
});
