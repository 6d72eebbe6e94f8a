// The themes report as a Word document: the printable page's cover, contents (here a table of themes
// and their counts), and per theme the researchers' synthesis and the quotes pinned to it.
import { ExternalHyperlink, Paragraph, type Table } from 'docx';
import { m } from '$lib/paraglide/messages';
import { countMessage, formatDate, formatNumber } from '$lib/format';
import { themeLabel } from '$lib/labels';
import { caption, heading, markdownParagraphs, muted, packDocx, run, subtitle, table, text, title } from './docx-styles';

export interface ThemesDocxTheme {
	slug: string;
	labelKo: string;
	labelEn: string;
	description: string;
	count: number;
	/** Markdown; null when nobody has written one. */
	synthesis: string | null;
	updatedAt: Date | null;
	updatedBy: string | null;
	/** Each quote with its byline as the page prints it. */
	quotes: { commentId: number; excerpt: string; byline: string }[];
}

export interface ThemesDocxInput {
	plan: { title: string; organisation: string | null };
	totals: { comments: number; tagged: number };
	themes: ThemesDocxTheme[];
	generatedAt: Date;
	/** The site's address, so each quote links to its comment. */
	origin: string;
}

const count = (value: number) => countMessage(value, m.report_count_one, m.report_count);

function themePart(theme: ThemesDocxTheme, index: number, origin: string): (Paragraph | Table)[] {
	const out: (Paragraph | Table)[] = [heading(`${index + 1}. ${themeLabel(theme)}`, 1)];
	const facts = [count(theme.count)];
	if (theme.updatedAt)
		facts.push(m.synthesis_last_edited({ name: theme.updatedBy ?? m.synthesis_someone(), date: formatDate(theme.updatedAt, 'short') }));
	out.push(text(facts.join(' · '), { bold: true }));
	if (theme.description) out.push(text(theme.description, { italics: true }));
	out.push(heading(m.synthesis_title(), 2));
	out.push(...(theme.synthesis ? markdownParagraphs(theme.synthesis) : [muted(m.synthesis_none())]));
	if (theme.quotes.length > 0) {
		out.push(heading(m.pinned_title(), 2));
		for (const quote of theme.quotes) {
			out.push(new Paragraph({ style: 'Quote', children: [run(quote.excerpt)] }));
			const url = `${origin}/comments/${quote.commentId}`;
			out.push(
				new Paragraph({
					style: 'Muted',
					children: [
						run(`${quote.byline} · `),
						new ExternalHyperlink({ link: url, children: [run(m.report_comment_ref({ id: quote.commentId }), { style: 'Hyperlink' })] })
					]
				})
			);
		}
	}
	return out;
}

export function themesDocx(input: ThemesDocxInput): Promise<Uint8Array> {
	const { plan, totals } = input;
	const share = totals.comments ? Math.round((totals.tagged / totals.comments) * 100) : 0;
	const cover: (Paragraph | Table)[] = [
		...(plan.organisation ? [muted(plan.organisation)] : []),
		title(plan.title),
		subtitle(m.report_title()),
		muted(
			`${m.report_generated({ date: formatDate(input.generatedAt, 'datetime') })} · ${m.dashboard_totals({
				total: formatNumber(totals.comments),
				tagged: formatNumber(totals.tagged),
				share: formatNumber(share)
			})}`
		),
		text(m.report_lead())
	];
	if (input.themes.length === 0) {
		cover.push(muted(m.dashboard_no_themes()));
	} else {
		cover.push(
			caption(m.report_docx_themes_by_count()),
			table(
				['#', m.report_docx_theme(), m.outcome_count()],
				input.themes.map((theme, index) => [String(index + 1), themeLabel(theme), count(theme.count)]),
				[8, 62, 30]
			)
		);
	}
	return packDocx({
		title: `${m.report_title()} · ${plan.title}`,
		sections: [{ children: cover }, ...input.themes.map((theme, index) => ({ children: themePart(theme, index, input.origin) }))]
	});
}
