import { beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { useTestDatabase } from '$tests/helpers/database';
import { createUser, sampleSections } from '$tests/helpers/factories';
import * as plans from '$lib/server/plan-text/plans';
import * as versions from '$lib/server/plan-text/versions';
import { GET } from './+server';

useTestDatabase();

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
let slug: string;

beforeAll(async () => {
	const official = await createUser({ roles: ['official'], displayName: '이담당' });
	const plan = await plans.create(
		{ slug: `feed-${Date.now()}`, title: '시흥 & 광명 <공동> 기본계획', summary: '두 도시가 함께 쓰는 계획', organisation: '광명시' },
		official.id
	);
	slug = plan.slug;
	await versions.saveDraft(plan.id, { title: '중간보고 초안', sections: sampleSections }, official.id);
	await versions.publish(plan.id, { changeSummary: '첫 공개', commentsOpenAt: null, commentsCloseAt: null }, official.id);
	await versions.startDraft(plan.id, official.id);
	await versions.publish(
		plan.id,
		{ changeSummary: '지원센터를 민간위탁하고 인력을 5명으로 늘립니다 (의견 <3건> & 반영)', commentsOpenAt: null, commentsCloseAt: null },
		official.id
	);
	await versions.startDraft(plan.id, official.id);
});

async function fetchFeed() {
	const response = await GET({ params: { slug }, url: new URL(`https://plans.example.org/plans/${slug}/feed.xml`) } as never);
	return { response, xml: await response.text() };
}

describe('the Atom feed', () => {
	it('is well-formed XML served as Atom', async () => {
		const { response, xml } = await fetchFeed();
		expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
		expect(XMLValidator.validate(xml)).toBe(true);
	});

	it('has what RFC 4287 requires of a feed and of each entry, newest first, without the draft', async () => {
		const { xml } = await fetchFeed();
		const parsed = new XMLParser({
			ignoreAttributes: false,
			attributeNamePrefix: '@',
			isArray: (name) => ['entry', 'link', 'author'].includes(name)
		}).parse(xml);
		const feed = parsed.feed;
		expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
		expect(feed.id).toBe(`https://plans.example.org/plans/${slug}`);
		expect(feed.title).toBe('시흥 & 광명 <공동> 기본계획 새 계획안 알림');
		expect(feed.updated).toMatch(RFC3339);
		expect(feed.link.map((l: Record<string, string>) => [l['@rel'], l['@href']])).toEqual([
			['alternate', `https://plans.example.org/plans/${slug}`],
			['self', `https://plans.example.org/plans/${slug}/feed.xml`]
		]);
		expect(feed.author[0].name).toBe('광명시');

		expect(feed.entry).toHaveLength(2);
		const [newest, oldest] = feed.entry;
		for (const entry of feed.entry) {
			expect(entry.id).toMatch(/^https:\/\/plans\.example\.org\/plans\/.+\/v\/\d+$/);
			expect(entry.updated).toMatch(RFC3339);
			expect(entry.link[0]['@href']).toMatch(/^https:\/\//);
			expect(entry.author[0].name).toBe('이담당');
		}
		expect(newest.id).toBe(`https://plans.example.org/plans/${slug}/v/2`);
		expect(newest.link[0]['@href']).toBe(`https://plans.example.org/plans/${slug}/compare/1...2`);
		expect(oldest.link[0]['@href']).toBe(`https://plans.example.org/plans/${slug}/v/1`);
		expect(feed.updated).toBe(newest.updated);
	});

	it('escapes titles and summaries so readers show the text as written', async () => {
		const { xml } = await fetchFeed();
		const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' }).parse(xml).feed;
		const [newest] = feed.entry;
		expect(newest.title['@type']).toBe('html');
		const unescape = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
		expect(unescape(newest.title['#text'])).toBe('2차안 · 중간보고 초안');
		expect(newest.summary['#text']).toBe('지원센터를 민간위탁하고 인력을 5명으로 늘립니다 (의견 &lt;3건&gt; &amp; 반영)');
		expect(unescape(newest.summary['#text'])).toBe('지원센터를 민간위탁하고 인력을 5명으로 늘립니다 (의견 <3건> & 반영)');
	});

	it('is 404 for a plan with nothing published', async () => {
		const official = await createUser({ roles: ['official'] });
		const unpublished = await plans.create({ slug: `unpublished-${Date.now()}`, title: '초안뿐', summary: '', organisation: '' }, official.id);
		await expect(GET({ params: { slug: unpublished.slug }, url: new URL('https://x.example/') } as never)).rejects.toMatchObject({ status: 404 });
	});
});
