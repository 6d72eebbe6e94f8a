import { redirect } from '@sveltejs/kit';
import { requireCapability, requireUser } from '$lib/server/auth/guard';
import * as plans from '$lib/server/plan-text/plans';
import * as responses from '$lib/server/outcome/responses';
import { linkPage } from '$lib/server/outcome/revision-links';
import { notFound, parseVersionNumber } from '$lib/server/pages/plan-view';
import type { Actions, PageServerLoad } from './$types';

async function versionOf(slug: string, raw: string) {
	const plan = await plans.bySlug(slug);
	const version = plan && (await plans.versionByNumber(plan.id, parseVersionNumber(raw)));
	if (!plan || !version) notFound();
	return { plan, version };
}

export const load: PageServerLoad = async ({ params, locals, url }) => {
	requireUser(locals, url);
	requireCapability(locals, 'responses.write');
	const { plan, version } = await versionOf(params.slug, params.n);
	return {
		plan: { slug: plan.slug, title: plan.title },
		version: { number: version.number, title: version.title, status: version.status },
		...(await linkPage(plan.id, version)),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	saveLinks: async ({ params, locals, request }) => {
		const official = requireCapability(locals, 'responses.write');
		const { plan, version } = await versionOf(params.slug, params.n);
		const form = await request.formData();
		const bySection = new Map<string, number[]>();
		for (const value of form.getAll('link')) {
			const [sectionKey, id] = String(value).split(':');
			const commentId = Number(id);
			if (sectionKey && Number.isInteger(commentId) && commentId > 0) {
				bySection.set(sectionKey, [...(bySection.get(sectionKey) ?? []), commentId]);
			}
		}
		await responses.setRevisionLinks(
			version.id,
			[...bySection].map(([sectionKey, commentIds]) => ({ sectionKey, commentIds })),
			official.id
		);
		redirect(303, `/plans/${plan.slug}/v/${version.number}/links?saved=1`);
	}
};
