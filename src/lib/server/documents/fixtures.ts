// Small documents built in code for the importer's tests: a Word file made by the docx library and
// HWPX files zipped from minimal OWPML, so every test knows exactly what the file holds.
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { zipSync, strToU8 } from 'fflate';

/** A 1×1 PNG. */
const PIXEL = Uint8Array.from(
	Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
);

const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });

/** 제1장 and 제2장 with a subsection, a table, bold, a list and a picture, all in Hangul. */
export async function sampleDocx(): Promise<Uint8Array> {
	const document = new Document({
		numbering: {
			config: [{ reference: 'bullets', levels: [{ level: 0, format: 'bullet', text: '•', alignment: AlignmentType.LEFT }] }]
		},
		sections: [
			{
				children: [
					new Paragraph({ text: '제1장 추진 배경', heading: HeadingLevel.HEADING_1 }),
					new Paragraph({
						children: [new TextRun('광명시 사회적경제는 '), new TextRun({ text: '지속 가능한 성장', bold: true }), new TextRun('을 목표로 합니다.')]
					}),
					new Paragraph({ text: '협동조합 지원', numbering: { reference: 'bullets', level: 0 } }),
					new Paragraph({ text: '마을기업 육성', numbering: { reference: 'bullets', level: 0 } }),
					new Paragraph({ text: '1. 현황', heading: HeadingLevel.HEADING_2 }),
					new Table({
						rows: [
							new TableRow({ children: [cell('구분'), cell('2024년'), cell('2025년')] }),
							new TableRow({ children: [cell('사회적기업'), cell('42'), cell('51')] })
						]
					}),
					new Paragraph({ children: [new ImageRun({ type: 'png', data: PIXEL, transformation: { width: 10, height: 10 } })] }),
					new Paragraph({ text: '제2장 비전과 목표', heading: HeadingLevel.HEADING_1 }),
					new Paragraph('함께 만드는 경제')
				]
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(document));
}

const HEADER = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<hh:head xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head" version="1.4" secCnt="1">
  <hh:refList>
    <hh:charProperties itemCnt="2">
      <hh:charPr id="0" height="1000"><hh:fontRef hangul="0"/></hh:charPr>
      <hh:charPr id="1" height="1000"><hh:fontRef hangul="0"/><hh:bold/></hh:charPr>
    </hh:charProperties>
    <hh:paraProperties itemCnt="4">
      <hh:paraPr id="0"><hh:heading type="NONE" idRef="0" level="0"/></hh:paraPr>
      <hh:paraPr id="1"><hh:heading type="OUTLINE" idRef="0" level="0"/></hh:paraPr>
      <hh:paraPr id="2"><hh:heading type="OUTLINE" idRef="0" level="1"/></hh:paraPr>
      <hh:paraPr id="3"><hh:heading type="BULLET" idRef="1" level="0"/></hh:paraPr>
    </hh:paraProperties>
    <hh:styles itemCnt="4">
      <hh:style id="0" type="PARA" name="바탕글" engName="Normal" paraPrIDRef="0" charPrIDRef="0"/>
      <hh:style id="2" type="PARA" name="개요 1" engName="Outline 1" paraPrIDRef="0" charPrIDRef="0"/>
      <hh:style id="3" type="PARA" name="개요 2" engName="Outline 2" paraPrIDRef="0" charPrIDRef="0"/>
      <hh:style id="4" type="PARA" name="개요 3" engName="Outline 3" paraPrIDRef="0" charPrIDRef="0"/>
    </hh:styles>
  </hh:refList>
</hh:head>`;

const run = (text: string, charPr = 0) => `<hp:run charPrIDRef="${charPr}"><hp:t>${text}</hp:t></hp:run>`;
const p = (runs: string, { style = 0, paraPr = 0 } = {}) => `<hp:p id="0" paraPrIDRef="${paraPr}" styleIDRef="${style}">${runs}</hp:p>`;
const tc = (text: string, colSpan = 1) => `<hp:tc><hp:subList>${p(run(text))}</hp:subList><hp:cellSpan colSpan="${colSpan}" rowSpan="1"/></hp:tc>`;

/** 개요 1 by style, 개요 2 by outline level, a 개요 3, a table with a merged cell, bold, a bullet and a picture. */
export function sampleHwpxSection(): string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">
  ${p('<hp:run charPrIDRef="0"><hp:secPr id=""/><hp:ctrl><hp:colPr id="" type="NEWSPAPER"/></hp:ctrl></hp:run>')}
  ${p(run('제1장 추진 배경'), { style: 2 })}
  ${p(run('광명시는 ') + run('사회적경제', 1) + run(' 도시입니다. *별표*와 [대괄호]'))}
  ${p(run('협동조합 지원'), { paraPr: 3 })}
  ${p(run('마을기업 육성'), { paraPr: 3 })}
  ${p(run('1. 현황'), { paraPr: 2 })}
  ${p(`<hp:run charPrIDRef="0"><hp:tbl rowCnt="3" colCnt="2"><hp:tr>${tc('구분')}${tc('수')}</hp:tr><hp:tr>${tc('사회적기업')}${tc('42')}</hp:tr><hp:tr>${tc('합계 | 전체', 2)}</hp:tr></hp:tbl></hp:run>`)}
  ${p('<hp:run charPrIDRef="0"><hp:pic id="1"><hp:img binaryItemIDRef="image1"/></hp:pic></hp:run>')}
  ${p(run('가. 세부 현황'), { style: 4 })}
  ${p(run('세부 내용'))}
  ${p(run('제2장 비전'), { style: 2 })}
  ${p(run('함께 &amp; 더불어'))}
</hs:sec>`;
}

export function hwpx(sections: string[], extra: Record<string, string> = {}): Uint8Array {
	const files: Record<string, Uint8Array> = {
		mimetype: strToU8('application/hwp+zip'),
		'Contents/header.xml': strToU8(HEADER),
		...Object.fromEntries(sections.map((xml, i) => [`Contents/section${i}.xml`, strToU8(xml)])),
		...Object.fromEntries(Object.entries(extra).map(([name, text]) => [name, strToU8(text)]))
	};
	return zipSync(files);
}
