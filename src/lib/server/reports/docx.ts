// The bulletin as an editable Word document (docx package): real Title/Heading 1/Heading 2 styles, tables with
// repeating header rows, charts as SVG with PNG fallback, and the fonts Chinese offices use (方正小标宋简体 for
// titles, 仿宋_GB2312 for text, 黑体/楷体 for headings), each with a font-table alternative for machines without it.
import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	HeadingLevel,
	ImageRun,
	LineRuleType,
	Packer,
	PageNumber,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TabStopType,
	TextRun,
	VerticalAlign,
	WidthType
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { BULLETIN, dateTitle } from '../../i18n/zh/bulletin.ts';
import type { BulletinData } from './bulletin.ts';
import { bulletinCharts, type ChartSvg } from './charts.ts';
import { builtWith, categoryTable, definitions, hotspotGroupTable, hotspotTermTable, kpiTable, lateNote, lateTable, rankingNote, rankingTable, rankingTitle, repeatTable, ruleTable } from './html.ts';
import { hotspotParagraph } from '../hotspots/bulletin.ts';
import { hotspotBulletin } from '../../i18n/zh/hotspots.ts';
import { narrate, requirements } from './narrative.ts';
import { svgsToPng } from './pdf.ts';

/** Fonts as Chinese government offices set them, with the alternative Word uses when one is not installed. */
export const DOC_FONTS = {
	title: { name: '方正小标宋简体', alt: '宋体', family: 'roman' },
	body: { name: '仿宋_GB2312', alt: '仿宋', family: 'modern' },
	hei: { name: '黑体', alt: 'SimHei', family: 'modern' },
	kai: { name: '楷体_GB2312', alt: '楷体', family: 'modern' },
	song: { name: '宋体', alt: 'SimSun', family: 'auto' }
} as const;
const LATIN = 'Times New Roman';
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia });

const RED = 'C00000';
/** A4 text width with the 公文 margins (28 mm left, 26 mm right): 156 mm in twentieths of a point. */
const TEXT_TWIPS = Math.round((156 / 25.4) * 1440);
const TEXT_PX = Math.round((156 / 25.4) * 96);
const mm = (v: number) => Math.round((v / 25.4) * 1440);

/**
 * One table: header row repeated on each page, rows never split, numbers right-aligned. Column weights leave every
 * number, date and status on one line in 五号 type (Word, WPS and LibreOffice break "2025-10-20" at its hyphen).
 */
function table(caption: string, head: string[], rows: string[][], weights: number[], numeric: number[] = [], rowShade?: (i: number) => string | undefined): (Paragraph | Table)[] {
	const total = weights.reduce((a, b) => a + b, 0);
	const widths = weights.map((w) => Math.floor((w / total) * TEXT_TWIPS));
	const num = new Set(numeric);
	const cell = (text: string, i: number, header: boolean, shade?: string) =>
		new TableCell({
			width: { size: widths[i], type: WidthType.DXA },
			verticalAlign: VerticalAlign.CENTER,
			shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F0F0F0' } : shade ? { type: ShadingType.CLEAR, color: 'auto', fill: shade } : undefined,
			margins: { left: 80, right: 80, top: 30, bottom: 30 },
			children: [
				new Paragraph({
					style: 'TableText',
					alignment: header ? AlignmentType.CENTER : num.has(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
					children: [new TextRun({ text, bold: header })]
				})
			]
		});
	return [
		new Paragraph({ style: 'TableCaption', keepNext: true, children: [new TextRun(caption)] }),
		new Table({
			width: { size: TEXT_TWIPS, type: WidthType.DXA },
			columnWidths: widths,
			rows: [
				new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h, i) => cell(h, i, true)) }),
				...rows.map((r, ri) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false, rowShade?.(ri))) }))
			]
		}),
		new Paragraph({ style: 'TableText', children: [] })
	];
}

const body = (text: string) => new Paragraph({ style: 'BodyText', children: [new TextRun(text)] });
const note = (text: string) => new Paragraph({ style: 'Note', children: [new TextRun(text)] });
const h1 = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
const h2 = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });

function figure([chart, png]: readonly [ChartSvg | undefined, Buffer | undefined], caption: string): Paragraph[] {
	if (!chart || !png) return [];
	const width = TEXT_PX;
	const height = Math.round((chart.height / chart.width) * width);
	return [
		// Single (auto) line spacing: the document's exact 28 pt grid would clip an inline picture to one line
		// in Word, WPS and LibreOffice alike.
		new Paragraph({
			alignment: AlignmentType.CENTER,
			keepNext: true,
			spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
			children: [
				new ImageRun({
					type: 'svg',
					data: Buffer.from(chart.svg, 'utf8'),
					transformation: { width, height },
					fallback: { type: 'png', data: png },
					altText: { name: caption, title: caption, description: caption }
				})
			]
		}),
		new Paragraph({ style: 'FigureCaption', children: [new TextRun(caption)] })
	];
}

/** Builds the .docx (bytes). Charts are rasterised by Chromium for the PNG fallback. */
export async function bulletinDocx(d: BulletinData, opts: { charts?: ChartSvg[] } = {}): Promise<Buffer> {
	const charts = opts.charts ?? bulletinCharts(d);
	const pngs = await svgsToPng(charts);
	const chart = (k: ChartSvg['key']): readonly [ChartSvg | undefined, Buffer | undefined] => {
		const i = charts.findIndex((c) => c.key === k);
		return i < 0 ? [undefined, undefined] : [charts[i], pngs[i]];
	};
	const S = BULLETIN.sections;
	const T = BULLETIN.tables;
	const t = d.title;
	const children: (Paragraph | Table)[] = [];

	// Masthead: the red title, the issue, issuer and date, a red rule.
	children.push(
		new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 120, line: 240, lineRule: LineRuleType.AUTO }, children: [new TextRun({ text: BULLETIN.masthead, font: font(DOC_FONTS.title.name), size: 60, color: RED })] }),
		new Paragraph({ alignment: AlignmentType.CENTER, style: 'BodyText', indent: { firstLine: 0 }, children: [new TextRun(t.issueLabel)] }),
		new Paragraph({
			style: 'BodyText',
			indent: { firstLine: 0 },
			tabStops: [{ type: TabStopType.RIGHT, position: TEXT_TWIPS }],
			border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 } },
			children: [new TextRun(BULLETIN.issuedBy(t.issuer)), new TextRun({ children: ['\t', dateTitle(t.issuedOn)] })]
		}),
		new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t.title)] }),
		new Paragraph({ style: 'Note', alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun(builtWith(d))] })
	);
	if (d.partial) children.push(note(BULLETIN.partialNote(d.asOf)));
	for (const p of narrate(d)) children.push(body(p));

	const K = BULLETIN.kpiHead;
	children.push(h1(S.overview));
	children.push(...table(T.kpi, [K.indicator, K.current, K.previous, K.mom, K.lastYear, K.yoy], kpiTable(d), [2.8, 1.2, 1.2, 2.3, 1.2, 2.3], [1, 2, 3, 4, 5]));
	children.push(...figure(chart('trend'), BULLETIN.figures.trend));

	const R = BULLETIN.ruleHead;
	children.push(h1(S.timeliness));
	if (!d.compliance.evaluated) children.push(body(BULLETIN.noCompliance));
	else if (d.compliance.rules.length)
		children.push(...table(T.rules, [R.rule, R.limit, R.met, R.breached, R.openOverdue, R.openWithin, R.rate], ruleTable(d), [2.4, 1.6, 1, 1, 1.3, 1.3, 1.4], [2, 3, 4, 5, 6]));
	children.push(...figure(chart('unitOnTime'), BULLETIN.figures.unitOnTime));

	if (!(d.scope.kind === 'units' && d.scope.units?.length === 1)) {
		const RK = BULLETIN.rankHead;
		children.push(h1(S.units));
		if (d.ranking.rows.length) {
			const rows = rankingTable(d);
			children.push(
				...table(
					rankingTitle(d),
					[RK.group, RK.rank, RK.unit, RK.cases, RK.score, RK.onTime, RK.satisfaction, RK.repeat, RK.overdue, RK.list],
					rows.map((r) => r.cells),
					[40, 22, 84, 32, 44, 52, 52, 52, 36, 30],
					[1, 3, 4, 5, 6, 7, 8],
					(i) => (rows[i].list === 'black' ? 'E6E6E6' : rows[i].list === 'red' ? 'FBE9E9' : undefined)
				)
			);
			children.push(note(rankingNote(d)));
		} else children.push(body(BULLETIN.noRanking(d.ranking.minCases)));
	}

	const L = BULLETIN.lateHead;
	children.push(h1(S.late));
	if (d.late.total === 0) children.push(body(BULLETIN.noLate));
	else {
		children.push(...table(T.late, [L.no, L.caseId, L.unit, L.rule, L.status, L.due, L.daysLate], lateTable(d), [26, 92, 78, 62, 64, 84, 36], [0, 6]));
		children.push(note(lateNote(d)));
	}

	const C = BULLETIN.categoryHead;
	children.push(h1(S.categories));
	if (d.categories.length) {
		children.push(...table(T.categories, [C.category, C.cases, C.share, C.previous, C.change], categoryTable(d), [2.6, 1.3, 1.2, 1.3, 1.5], [1, 2, 3, 4]));
		children.push(...figure(chart('categoryMix'), BULLETIN.figures.categoryMix));
	} else children.push(body(BULLETIN.noCategories));

	if (d.hotspots) {
		const HT = hotspotBulletin.termHead;
		const HG = hotspotBulletin.groupHead;
		children.push(h1(S.hotspots));
		children.push(body(hotspotParagraph(d.hotspots)));
		if (d.hotspots.terms.length)
			children.push(...table(T.hotspotTerms, [HT.term, HT.cases, HT.share, HT.previous, HT.change], hotspotTermTable(d), [2.6, 1.2, 1.2, 1.2, 1.4], [1, 2, 3, 4]));
		if (d.hotspots.groups.length)
			children.push(...table(T.hotspotGroups, [HG.no, HG.kind, HG.cases, HG.complainants, HG.units, HG.span], hotspotGroupTable(d), [0.6, 1.3, 0.9, 1.1, 2.6, 1.8], [0, 2, 3]));
	}

	const RP = BULLETIN.repeatHead;
	children.push(h1(S.repeats));
	if (d.repeatUnits.length) children.push(...table(T.repeats, [RP.unit, RP.repeats, RP.cases, RP.rate], repeatTable(d), [3.2, 1.4, 1.4, 1.4], [1, 2, 3]));
	else children.push(body(BULLETIN.noRepeats));

	children.push(h1(S.typical));
	if (d.typical.length) {
		d.typical.forEach((c, i) => {
			children.push(h2(BULLETIN.typicalHead(i + 1, c.caseId, c.unit, c.category)));
			for (const para of c.summary.split(/\n+/).map((s) => s.trim()).filter(Boolean)) children.push(body(para));
		});
	} else children.push(body(BULLETIN.noTypical));

	const req = requirements(d);
	if (req) children.push(h1(S.requirements), body(req));

	children.push(new Paragraph({ style: 'Note', border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } }, children: [new TextRun(BULLETIN.dataNote(d.asOf))] }));
	definitions().forEach((s, i) => children.push(note(`${i + 1}. ${s}`)));

	const doc = new Document({
		creator: t.issuer,
		title: t.title,
		description: t.issueLabel,
		styles: {
			default: {
				document: { run: { font: font(DOC_FONTS.body.name), size: 32 }, paragraph: { spacing: { line: 560, lineRule: LineRuleType.EXACT } } },
				title: {
					run: { font: font(DOC_FONTS.title.name), size: 44, bold: false, color: '000000' },
					paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 360, after: 240, line: 700, lineRule: LineRuleType.EXACT } }
				},
				heading1: {
					run: { font: font(DOC_FONTS.hei.name), size: 32, bold: false, color: '000000' },
					paragraph: { spacing: { before: 240, after: 120, line: 560, lineRule: LineRuleType.EXACT }, indent: { firstLine: 640 }, keepNext: true, outlineLevel: 0 }
				},
				heading2: {
					run: { font: font(DOC_FONTS.kai.name), size: 32, bold: false, color: '000000' },
					paragraph: { spacing: { before: 120, after: 0, line: 560, lineRule: LineRuleType.EXACT }, indent: { firstLine: 640 }, keepNext: true, outlineLevel: 1 }
				}
			},
			paragraphStyles: [
				{ id: 'BodyText', name: 'Body Text', basedOn: 'Normal', quickFormat: true, paragraph: { indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED } },
				{
					id: 'TableText',
					name: 'Table Text',
					basedOn: 'Normal',
					run: { font: font(DOC_FONTS.song.name), size: 21 },
					paragraph: { spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 } }
				},
				{
					id: 'TableCaption',
					name: 'Table Caption',
					basedOn: 'Normal',
					run: { font: font(DOC_FONTS.hei.name), size: 24 },
					paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60, line: 360, lineRule: LineRuleType.AUTO } }
				},
				{
					id: 'FigureCaption',
					name: 'Figure Caption',
					basedOn: 'Normal',
					run: { font: font(DOC_FONTS.hei.name), size: 24 },
					paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 160, line: 360, lineRule: LineRuleType.AUTO } }
				},
				{
					id: 'Note',
					name: 'Note',
					basedOn: 'Normal',
					run: { font: font(DOC_FONTS.body.name), size: 21 },
					paragraph: { spacing: { line: 320, lineRule: LineRuleType.AUTO, before: 0, after: 60 } }
				}
			]
		},
		sections: [
			{
				properties: {
					page: {
						size: { width: 11906, height: 16838 },
						margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(25) }
					}
				},
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								alignment: AlignmentType.CENTER,
								children: [
									new TextRun({
										font: font(DOC_FONTS.song.name),
										size: 21,
										children: [`${BULLETIN.footer.page} `, PageNumber.CURRENT, ` ${BULLETIN.footer.of} `, PageNumber.TOTAL_PAGES, ` ${BULLETIN.footer.pages}`]
									})
								]
							})
						]
					})
				},
				children
			}
		]
	});
	return withFontFallbacks(await Packer.toBuffer(doc));
}

/**
 * Word substitutes a missing font by the w:altName of its font-table entry: 方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋 …
 * The docx package writes no entries for fonts it does not embed, so they are added to word/fontTable.xml here.
 */
export function withFontFallbacks(docx: Uint8Array): Buffer {
	const files = unzipSync(docx);
	const name = 'word/fontTable.xml';
	const xml = files[name] ? strFromU8(files[name]) : null;
	if (xml) {
		const entries = Object.values(DOC_FONTS)
			.filter((f) => !xml.includes(`w:name="${f.name}"`))
			.map((f) => `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`)
			.join('');
		// The package writes an empty table either as <w:fonts …/> or <w:fonts …></w:fonts>.
		const filled = xml.includes('</w:fonts>') ? xml.replace('</w:fonts>', `${entries}</w:fonts>`) : xml.replace(/<w:fonts([^>]*)\/>/, `<w:fonts$1>${entries}</w:fonts>`);
		files[name] = strToU8(filled);
	}
	return Buffer.from(zipSync(files, { level: 6 }));
}
