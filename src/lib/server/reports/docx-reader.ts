// For the specs: a .docx opened the way a reader would check it, as its parts' XML and its paragraphs.
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

type Node = Record<string, unknown>;

export interface DocxParagraph {
	style: string | null;
	text: string;
	/** Text of the runs set in bold. */
	bold: string[];
	inTable: boolean;
}

export function openDocx(bytes: Uint8Array) {
	const files = unzipSync(bytes);
	const part = (name: string) => {
		const file = files[name];
		if (!file) throw new Error(`no ${name} in the package`);
		return strFromU8(file);
	};
	const documentXml = part('word/document.xml');
	const valid = XMLValidator.validate(documentXml);
	if (valid !== true) throw new Error(`word/document.xml does not parse: ${valid.err.msg}`);
	const tree = new XMLParser({ preserveOrder: true, ignoreAttributes: false, trimValues: false, parseTagValue: false }).parse(documentXml) as Node[];
	const paragraphs: DocxParagraph[] = [];
	walk(tree, false, paragraphs);
	return { files: Object.keys(files), part, paragraphs };
}

const tagOf = (node: Node) => Object.keys(node).find((key) => key !== ':@')!;
const childrenOf = (node: Node) => (node[tagOf(node)] as Node[]) ?? [];
const attr = (node: Node, name: string) => (node[':@'] as Record<string, string> | undefined)?.[`@_${name}`];

function walk(nodes: Node[], inTable: boolean, out: DocxParagraph[]): void {
	for (const node of nodes) {
		const tag = tagOf(node);
		if (tag === 'w:p') out.push(paragraph(childrenOf(node), inTable));
		else if (Array.isArray(node[tag])) walk(childrenOf(node), inTable || tag === 'w:tbl', out);
	}
}

function paragraph(children: Node[], inTable: boolean): DocxParagraph {
	let style: string | null = null;
	const runs: { text: string; bold: boolean }[] = [];
	const visit = (nodes: Node[]) => {
		for (const node of nodes) {
			const tag = tagOf(node);
			if (tag === 'w:pPr') {
				const styleNode = childrenOf(node).find((child) => tagOf(child) === 'w:pStyle');
				if (styleNode) style = attr(styleNode, 'w:val') ?? null;
			} else if (tag === 'w:r') {
				const props = childrenOf(node).find((child) => tagOf(child) === 'w:rPr');
				const bold = !!props && childrenOf(props).some((child) => tagOf(child) === 'w:b' && !['false', '0'].includes(attr(child, 'w:val') ?? ''));
				const text = childrenOf(node)
					.filter((child) => tagOf(child) === 'w:t')
					.flatMap((t) => childrenOf(t).map((leaf) => String(leaf['#text'] ?? '')))
					.join('');
				runs.push({ text, bold });
			} else if (Array.isArray(node[tag])) visit(childrenOf(node));
		}
	};
	visit(children);
	return { style, text: runs.map((r) => r.text).join(''), bold: runs.filter((r) => r.bold && r.text).map((r) => r.text), inTable };
}
