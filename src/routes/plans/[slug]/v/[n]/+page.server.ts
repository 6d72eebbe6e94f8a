import { loadPlanPage, parseVersionNumber } from '$lib/server/pages/plan-view';
import type { PageServerLoad } from './$types';

// Reading the plan needs no script: every control is a link or a plain form. Shipping none keeps the
// most-read page light (see bench/README.md); section pages, with their live threads, do hydrate.
export const csr = false;

export const load: PageServerLoad = ({ params, locals }) => loadPlanPage(params.slug, parseVersionNumber(params.n), locals.user);
