import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.2 A and AA, plus axe's best practices (landmarks, headings, scrollable regions). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const BLOCKING = new Set(['serious', 'critical']);

export interface Finding {
	rule: string;
	impact: string;
	targets: string[];
	summary: string;
}

/**
 * axe-core on the page as it stands. The page must come from `browser.newContext()` (the `page`
 * fixture does); axe cannot attach to a page from `browser.newPage()`. Legacy mode runs axe in the
 * page itself instead of gathering results from every frame into a blank page of its own: the app has
 * no frames, the rules are the same, and a scan takes half the time.
 */
export async function axeFindings(page: Page): Promise<Finding[]> {
	const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
	return results.violations.map((violation) => ({
		rule: violation.id,
		impact: violation.impact ?? 'unknown',
		targets: violation.nodes.map((node) => node.target.join(' ')),
		summary: violation.nodes[0]?.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''
	}));
}

/** Fails on any serious or critical violation, naming the rule, the elements and what is wrong. */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
	const blocking = (await axeFindings(page)).filter((finding) => BLOCKING.has(finding.impact));
	expect(
		blocking.map((f) => `${f.impact} ${f.rule}: ${f.targets.slice(0, 5).join(', ')} (${f.summary})`),
		`axe on ${where}`
	).toEqual([]);
}
