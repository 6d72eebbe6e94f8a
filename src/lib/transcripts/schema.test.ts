import { describe, expect, it } from 'vitest';
import { TRANSCRIPT_MAX_LENGTH, transcriptParseSchema } from '$lib/schemas/transcripts';

const reason = (body: unknown) => {
	const result = transcriptParseSchema.safeParse(body);
	return result.success ? 'ok' : result.error.issues[0]?.message;
};

describe('transcriptParseSchema', () => {
	it('accepts any non-blank text up to 100,000 characters, as pasted', () => {
		expect(TRANSCRIPT_MAX_LENGTH).toBe(100_000);
		expect(transcriptParseSchema.parse({ text: '  김도윤(경기도 사회적경제과 팀장) 네.\n' })).toEqual({
			text: '  김도윤(경기도 사회적경제과 팀장) 네.\n'
		});
		expect(reason({ text: '가'.repeat(100_000) })).toBe('ok');
	});

	it('names the message for each refusal', () => {
		expect(reason({ text: '가'.repeat(100_001) })).toBe('transcript_too_long');
		expect(reason({ text: '' })).toBe('transcript_empty');
		expect(reason({ text: ' \n\t\u3000' })).toBe('transcript_empty');
		expect(reason({})).toBe('transcript_text_missing');
		expect(reason({ text: 7 })).toBe('transcript_text_missing');
		expect(reason(null)).toBe('transcript_text_missing');
		expect(reason('김도윤')).toBe('transcript_text_missing');
	});
});
