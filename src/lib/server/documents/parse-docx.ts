// Word documents (.docx): mammoth turns the document into HTML by its styles (Heading 1 → h1 …),
// turndown turns that into Markdown, with a rule of our own for GFM tables.
import mammoth from 'mammoth';
import TurndownService from 'turndown';
import { zipSync } from 'fflate';
import { unzipEntries } from './zip';

export interface ConvertedDocument {
	markdown: string;
	images: number;
}

/** Korean style names Word and Hancom Office give headings, besides Word's built-in "heading N". */
const STYLE_MAP = [1, 2, 3, 4, 5, 6].flatMap((n) => [
	`p[style-name='제목 ${n}'] => h${n}:fresh`,
	`p[style-name='개요 ${n}'] => h${n}:fresh`,
	`p[style-name='Outline ${n}'] => h${n}:fresh`
]);

type TurndownNode = Parameters<TurndownService.ReplacementFunction>[1];

const elementChildren = (node: Element, names: string[]) => Array.from(node.children).filter((child) => names.includes(child.nodeName));

function rowsOf(table: Element): Element[] {
	const rows = elementChildren(table, ['TR']);
	for (const group of elementChildren(table, ['THEAD', 'TBODY', 'TFOOT'])) rows.push(...elementChildren(group, ['TR']));
	return rows;
}

/** One line of a GFM table cell: its paragraphs joined, pipes escaped. */
export const tableCell = (markdown: string) => markdown.replace(/\n+/g, ' ').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** A GFM table; the first row is its header, as GFM requires one. Short rows are padded. */
export function gfmTable(rows: string[][]): string {
	const width = Math.max(1, ...rows.map((row) => row.length));
	const line = (cells: string[]) => `| ${[...cells, ...Array(width - cells.length).fill('')].join(' | ')} |`;
	const [header = [], ...body] = rows;
	return [line(header), line(Array(width).fill('---')), ...body.map(line)].join('\n');
}

function turndownService(): TurndownService {
	const service = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', emDelimiter: '*' });
	service.addRule('table', {
		filter: 'table',
		replacement: (_content, node: TurndownNode) => {
			const rows = rowsOf(node as Element).map((row) =>
				elementChildren(row, ['TD', 'TH']).flatMap((cell) => {
					const text = tableCell(service.turndown((cell as HTMLElement).innerHTML));
					// A merged cell keeps the columns after it in place.
					const span = Math.max(1, Math.min(50, Number((cell as HTMLElement).getAttribute('colspan')) || 1));
					return [text, ...Array(span - 1).fill('')];
				})
			);
			return rows.length ? `\n\n${gfmTable(rows)}\n\n` : '';
		}
	});
	service.addRule('image', { filter: 'img', replacement: () => '' });
	// turndown pads list markers to four columns; one space is what people write.
	service.addRule('listItem', {
		filter: 'li',
		replacement: (content, node: TurndownNode) => {
			const parent = node.parentNode as Element | null;
			let prefix = '- ';
			if (parent?.nodeName === 'OL') {
				const start = Number(parent.getAttribute('start')) || 1;
				prefix = `${start + Array.prototype.indexOf.call(parent.children, node)}. `;
			}
			const body = content
				.replace(/^\n+/, '')
				.replace(/\n+$/, '\n')
				.replace(/\n/gm, `\n${' '.repeat(prefix.length)}`);
			return prefix + body + (node.nextSibling && !body.endsWith('\n') ? '\n' : '');
		}
	});
	return service;
}

export async function docxToMarkdown(bytes: Uint8Array): Promise<ConvertedDocument> {
	// Re-stored without compression from fflate's size-bounded unpacking, so mammoth's own unzip
	// never inflates anything the directory check did not see.
	const stored = zipSync(
		unzipEntries(bytes, () => true),
		{ level: 0 }
	);
	let images = 0;
	const result = await mammoth.convertToHtml(
		{ buffer: Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength) },
		{
			styleMap: STYLE_MAP,
			convertImage: mammoth.images.imgElement(async () => {
				images++;
				return { src: '' };
			})
		}
	);
	const markdown = turndownService().turndown(result.value || '<p></p>');
	return { markdown, images };
}
