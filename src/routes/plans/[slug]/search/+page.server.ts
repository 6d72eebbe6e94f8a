import { plainText } from '$lib/server/plan-text/markdown';
import { resolveVersion } from '$lib/server/pages/plan-view';
import * as search from '$lib/server/analysis/search';
import { filterOptions } from '$lib/server/analysis/filter-options';
import { highlight, snippet } from '$lib/server/analysis/snippets';
import { filterParams, parseFilters, parsePage, parseQuery, parseSort, searchTerms } from '$lib/schemas/search';
import type { PageServerLoad } from './$types';

/** Public search over the plan's commentary and its current text. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { plan, version } = await resolveVersion(params.slug, null, locals.user);
	const query = parseQuery(url.searchParams);
	const terms = searchTerms(query);
	const filters = parseFilters(url.searchParams);
	const sort = parseSort(url.searchParams);
	const asked = terms.length > 0 || filterParams(filters).size > 0;
	const [found, sections, options] = await Promise.all([
		asked ? search.findComments({ planId: plan.id, filters, terms, order: sort, page: parsePage(url.searchParams), capCount: true }) : null,
		search.findSections(version.id, terms),
		filterOptions(plan.id)
	]);
	return {
		plan: { slug: plan.slug, title: plan.title },
		query,
		terms,
		filters,
		sort,
		options,
		asked,
		sections,
		comments: (found?.hits ?? []).map(({ body, ...hit }) => ({
			...hit,
			snippetHtml: highlight(snippet(plainText(body), terms, 320), terms)
		})),
		total: found?.total ?? 0,
		capped: found?.capped ?? false,
		page: found?.page ?? 1,
		pages: found?.pages ?? 1,
		cap: search.COUNT_CAP
	};
};
