import { describe, expect, it } from 'vitest';
import { parseForm } from '$lib/server/pages/forms';
import { draftSchema, newPlanSchema, periodSchema, publishSchema } from './plans';

const form = (values: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(values)) data.append(name, value);
	return data;
};

const section = (index: number, key: string, heading: string, parentKey = '', body = '') => ({
	[`sections.${index}.key`]: key,
	[`sections.${index}.heading`]: heading,
	[`sections.${index}.parentKey`]: parentKey,
	[`sections.${index}.body`]: body
});

describe('draftSchema', () => {
	it('accepts a valid outline and normalises line endings', () => {
		const parsed = parseForm(
			draftSchema,
			form({ title: ' 수정안 ', ...section(0, 'strategy', '추진 전략'), ...section(1, 'governance', '거버넌스', 'strategy', '첫 줄\r\n둘째 줄\r\n') })
		);
		expect(parsed.ok && parsed.data).toEqual({
			title: '수정안',
			sections: [
				{ key: 'strategy', heading: '추진 전략', parentKey: '', body: '' },
				{ key: 'governance', heading: '거버넌스', parentKey: 'strategy', body: '첫 줄\n둘째 줄' }
			]
		});
	});

	it('puts each error beside its field, in the user’s language, and keeps every value', () => {
		const values = {
			title: '',
			...section(0, 'Support Centre', '지원센터'),
			...section(1, 'vision', ''),
			...section(2, 'vision', '비전 둘째'),
			...section(3, 'governance', '거버넌스', 'nowhere'),
			...section(4, 'strategy', '전략', 'strategy'),
			...section(5, 'deep', '깊은 절', 'governance-child'),
			...section(6, 'governance-child', '하위', 'vision')
		};
		const parsed = parseForm(draftSchema, form(values));
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors).toMatchObject({
			title: '필수 항목입니다.',
			'sections.0.key': '영문 소문자, 숫자, 하이픈(-)만 쓸 수 있고 문자나 숫자로 시작해야 합니다.',
			'sections.1.heading': '필수 항목입니다.',
			'sections.2.key': '이 초안에 같은 키가 이미 있습니다.',
			'sections.3.parentKey': '이 초안에 없는 장입니다.',
			'sections.4.parentKey': '자기 자신을 상위 장으로 고를 수 없습니다.',
			'sections.5.parentKey': '하위 절 아래에는 넣을 수 없습니다. 상위 장을 고르세요.',
			'sections.6.parentKey': '하위 절이 있는 장은 다른 장의 하위 절이 될 수 없습니다.'
		});
		expect(parsed.values).toEqual(values);
	});
});

describe('publishSchema and periodSchema', () => {
	it('reads the period as Seoul time', () => {
		const parsed = parseForm(
			publishSchema,
			form({ changeSummary: '의견 반영', commentsOpenAt: '2030-03-02T09:00', commentsCloseAt: '2030-04-30T18:00' })
		);
		expect(parsed.ok && parsed.data).toEqual({
			changeSummary: '의견 반영',
			commentsOpenAt: new Date('2030-03-02T00:00:00Z'),
			commentsCloseAt: new Date('2030-04-30T09:00:00Z')
		});
	});

	it('requires a change summary, both dates or neither, and closing after opening', () => {
		const missing = parseForm(publishSchema, form({ changeSummary: '', commentsOpenAt: '2030-03-02T09:00', commentsCloseAt: '' }));
		expect(!missing.ok && missing.errors).toEqual({
			changeSummary: '필수 항목입니다.',
			commentsCloseAt: '시작과 마감을 함께 입력하거나 둘 다 비워 두세요.'
		});
		const reversed = parseForm(periodSchema, form({ commentsOpenAt: '2030-04-30T18:00', commentsCloseAt: '2030-03-02T09:00' }));
		expect(!reversed.ok && reversed.errors).toEqual({ commentsCloseAt: '마감은 시작보다 뒤여야 합니다.' });
		const none = parseForm(periodSchema, form({ commentsOpenAt: '', commentsCloseAt: '' }));
		expect(none.ok && none.data).toEqual({ commentsOpenAt: null, commentsCloseAt: null });
		const garbled = parseForm(periodSchema, form({ commentsOpenAt: '2030-03-02', commentsCloseAt: '2030-04-30T18:00' }));
		expect(!garbled.ok && garbled.errors.commentsOpenAt).toBe('날짜와 시각을 모두 입력하세요.');
	});
});

describe('newPlanSchema', () => {
	it('checks the address like the database does and keeps /plans/new free', () => {
		expect(parseForm(newPlanSchema, form({ slug: 'siheung-plan', title: '시흥시 계획' })).ok).toBe(true);
		for (const slug of ['Siheung', '-plan', 'a', '한글주소', 'new']) {
			const parsed = parseForm(newPlanSchema, form({ slug, title: '계획' }));
			expect(parsed.ok, slug).toBe(false);
		}
	});
});
