// The Atom feed of a plan's published versions, written by the `feed` package.
import { Feed } from 'feed';
import { m } from '$lib/paraglide/messages';
import { plainText } from '$lib/server/plan-text/markdown';
import type { HistoryEntry, Plan } from '$lib/server/plan-text/plans';

/** Atom "html" text: the feed package puts titles and summaries in CDATA as HTML, so escape them. */
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function planFeed(plan: Plan, entries: HistoryEntry[], origin: string): string {
	const planUrl = new URL(`/plans/${plan.slug}`, origin).href;
	const feed = new Feed({
		id: planUrl,
		title: m.feed_title({ plan: plan.title }),
		description: plainText(plan.summary) || undefined,
		link: planUrl,
		feedLinks: { atom: `${planUrl}/feed.xml` },
		language: m.lang_code(),
		updated: entries[0]?.publishedAt ?? plan.createdAt,
		author: plan.organisation ? { name: plan.organisation } : undefined,
		generator: false
	});
	entries.forEach((entry, index) => {
		const previous = entries[index + 1];
		const versionUrl = `${planUrl}/v/${entry.number}`;
		const summary = entry.changeSummary || entry.title;
		feed.addItem({
			id: versionUrl,
			title: html(`${m.version_label({ number: entry.number })} · ${entry.title}`),
			link: previous ? `${planUrl}/compare/${previous.number}...${entry.number}` : versionUrl,
			date: entry.publishedAt!,
			published: entry.publishedAt!,
			description: html(summary),
			author: entry.publishedByName ? [{ name: entry.publishedByName }] : undefined
		});
	});
	return feed.atom1();
}
