import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '$tests/helpers/database';
import { createPublishedPlan } from '$tests/helpers/factories';
import * as plans from '$lib/server/plan-text/plans';
import * as versions from '$lib/server/plan-text/versions';
import * as frozenText from './frozen-text';

useTestDatabase();

describe('the text of published versions', () => {
	it('is read once for a published version, and every time for a draft', async () => {
		const { plan, version, official } = await createPublishedPlan();
		const first = await frozenText.sectionsOf(version);
		expect(first.map((s) => s.key)).toContain('support-centre');
		// The same reading, not a new one.
		expect(await frozenText.sectionsOf(version)).toBe(first);

		const draft = await versions.startDraft(plan.id, official.id);
		const drafted = await frozenText.sectionsOf(draft);
		await versions.saveDraft(
			plan.id,
			{ title: '수정안', sections: [{ key: 'support-centre', heading: '지원센터', body: '새로 쓴 본문', parentKey: null }] },
			official.id
		);
		const again = await frozenText.sectionsOf(draft);
		expect(again).not.toBe(drafted);
		expect(again.map((s) => s.body)).toEqual(['새로 쓴 본문']);
	});

	it('says which earlier versions had a different text of a section, the newest version included once published', async () => {
		const { plan, version, official } = await createPublishedPlan();
		expect(await frozenText.sectionChangedSince(version, 'support-centre')).toEqual({ [version.number]: false });
		const sections = (await plans.sectionsOf(version.id)).map(({ key, heading, body, parentKey }) => ({
			key,
			heading,
			parentKey,
			body: key === 'support-centre' ? `${body}\n\n고친 문단` : body
		}));
		await versions.startDraft(plan.id, official.id);
		await versions.saveDraft(plan.id, { title: '수정안', sections }, official.id);
		const next = await versions.publish(plan.id, { changeSummary: '고침', commentsOpenAt: null, commentsCloseAt: null }, official.id);
		expect(await frozenText.sectionChangedSince(next, 'support-centre')).toEqual({ [version.number]: true, [next.number]: false });
	});
});
