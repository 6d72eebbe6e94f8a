import { describe, expect, it } from 'vitest';
import { commentRenderer, planRenderer, renderPlanMarkdown } from './markdown';

const renderers = { plan: planRenderer, comment: commentRenderer };

describe.each(Object.entries(renderers))('the %s renderer with Korean emphasis', (_name, md) => {
	it('closes strong emphasis that ends in punctuation before Hangul', () => {
		expect(md.render('**"협동"**이 중요합니다.')).toContain('<strong>&quot;협동&quot;</strong>이 중요합니다.');
		expect(md.render('**(사회적경제)**를 키웁니다.')).toContain('<strong>(사회적경제)</strong>를');
	});

	it('takes single-star emphasis before a particle', () => {
		expect(md.render('*사회적경제*를 키웁니다.')).toContain('<em>사회적경제</em>를');
		expect(md.render('**지원센터**는 1명')).toContain('<strong>지원센터</strong>는');
	});

	it('still keeps raw HTML off', () => {
		const html = md.render('<script>alert(1)</script> **"협동"**이');
		expect(html).not.toContain('<script');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('<strong>&quot;협동&quot;</strong>이');
	});

	it('leaves a lone star as text', () => {
		expect(md.render('별표 * 하나와 2 * 3')).not.toContain('<em>');
	});
});

describe('the editor preview', () => {
	it('renders like the server', () => {
		expect(renderPlanMarkdown('**"협동"**이')).toBe('<p><strong>&quot;협동&quot;</strong>이</p>\n');
	});
});
