import { describe, expect, it } from 'vitest';
import { DOCX_TYPE, docxResponse, fileName } from './download';
import { clean } from './docx-styles';

describe('report downloads', () => {
	it('names the file after the plan, without separators, quotes or controls', () => {
		expect(fileName('광명시 "사회적경제" 기본계획 2016/2020\u0007', 'docx')).toBe('광명시 사회적경제 기본계획 2016 2020.docx');
		expect(fileName('  ', 'docx')).toBe('report.docx');
		expect(fileName('가'.repeat(300), 'docx')).toBe(`${'가'.repeat(120)}.docx`);
	});

	it('sends the Korean name by RFC 5987 beside an ASCII one', () => {
		const response = docxResponse(new Uint8Array([0x50, 0x4b]), '광명시 계획 (안) 결과', 'gwangmyeong-outcome-v1');
		expect(response.headers.get('content-type')).toBe(DOCX_TYPE);
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename="gwangmyeong-outcome-v1.docx"; filename*=UTF-8''${encodeURIComponent('광명시 계획 ')}%28${encodeURIComponent('안')}%29${encodeURIComponent(' 결과')}.docx`
		);
		expect(response.headers.get('content-length')).toBe('2');
	});

	it('keeps text XML can hold', () => {
		expect(clean('가\u0001나\t다\n라\uD800마😀')).toBe('가나\t다\n라마😀');
	});
});
