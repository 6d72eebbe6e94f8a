// One version and its sections as /api/v1/plans/{slug} and …/versions/{n} both answer them.
import * as plans from '$lib/server/plan-text/plans';
import { iso } from '$lib/server/http/api';
import { numberSections } from '$lib/server/plan-text/section-numbers';
import { renderPlan } from '$lib/server/plan-text/markdown';

/** `status` is given only where the version asked for may be an older one. */
export function versionJson(version: plans.PlanVersion, status?: 'current' | 'superseded') {
	return {
		number: version.number,
		title: version.title,
		...(status && { status }),
		change_summary: version.changeSummary,
		published_at: iso(version.publishedAt),
		comments_open_at: iso(version.commentsOpenAt),
		comments_close_at: iso(version.commentsCloseAt)
	};
}

export async function sectionsJson(versionId: number) {
	return numberSections(await plans.sectionsOf(versionId)).map((section) => ({
		key: section.key,
		number: section.number,
		heading: section.heading,
		parent_key: section.parentKey,
		markdown: section.body,
		html: renderPlan(section.body)
	}));
}
