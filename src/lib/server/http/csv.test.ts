import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { attachment, spreadsheetCsv } from './csv';

describe('spreadsheet CSV', () => {
	it('round-trips Hangul, commas, quotes and newlines; defuses formulas; BOM and CRLF', () => {
		const rows = [
			['번호', '의견'],
			[1, '지원센터 "인력" 확충, 꼭 필요합니다.\n두 번째 줄'],
			[2, '=HYPERLINK("http://evil")'],
			[3, '＝１＋１'],
			[4, '광명시 = 좋은 도시']
		];
		const text = spreadsheetCsv(rows, { bom: true });
		expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		expect(text).toContain('\r\n');
		expect(parse(text, { bom: true })).toEqual([
			['번호', '의견'],
			['1', '지원센터 "인력" 확충, 꼭 필요합니다.\n두 번째 줄'],
			['2', `'=HYPERLINK("http://evil")`],
			['3', `'＝１＋１`],
			['4', '광명시 = 좋은 도시']
		]);
		expect(spreadsheetCsv([['a']], { bom: false }).charCodeAt(0)).toBe(97);
	});

	it('names a download in UTF-8 with an ASCII fallback', () => {
		expect(attachment('광명 결과(1).csv', 'outcome.csv')).toBe(
			`attachment; filename="outcome.csv"; filename*=UTF-8''%EA%B4%91%EB%AA%85%20%EA%B2%B0%EA%B3%BC%281%29.csv`
		);
	});
});
