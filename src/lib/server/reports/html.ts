// The bulletin as one self-contained HTML document (inline CSS, charts as inline SVG): the page embeds its
// <article>, `bulletin --out x.html` writes it, and headless Chromium prints it to the PDF. One layout, three outputs.
import { MEASURES } from '../metrics/catalog.ts';
import { BULLETIN, dateTitle, num, pct, score } from '../../i18n/zh/bulletin.ts';
import type { BulletinData, Totals } from './bulletin.ts';
import { bulletinCharts, type ChartSvg } from './charts.ts';
import { narrate, requirements } from './narrative.ts';
import { hotspotParagraph } from '../hotspots/bulletin.ts';
import { hotspotBulletin } from '../../i18n/zh/hotspots.ts';

export function esc(s: string | number | null | undefined): string {
	return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const T = BULLETIN.tables;
const S = BULLETIN.sections;
const DASH = BULLETIN.none;

/** "+5.2%", "−3.1%", "持平"; "—" when there is nothing to compare. */
export function changeCell(now: number, before: number | null | undefined): string {
	if (before === null || before === undefined || before === 0) return DASH;
	const c = (now - before) / before;
	if (Math.round(Math.abs(c) * 1000) === 0) return '持平';
	return `${c > 0 ? '+' : '−'}${pct(Math.abs(c))}`;
}

/** "+1.2个百分点" for rates. */
export function pointCell(now: number | null, before: number | null | undefined): string {
	if (now === null || before === null || before === undefined) return DASH;
	const r = Math.round((now - before) * 1000) / 10;
	if (r === 0) return '持平';
	return `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(1)}个百分点`;
}

const rateText = (r: number | null | undefined) => (r === null || r === undefined ? DASH : pct(r));

type KpiKey = keyof typeof BULLETIN.kpiRows;
const RATE_KEYS = new Set<KpiKey>(['on_time_rate', 'satisfaction_rate', 'substantiated_rate', 'repeat_rate']);

/** Rows of 表1: label, this month, last month, change, last year, change (all as displayed text). */
export function kpiTable(d: BulletinData): string[][] {
	const keys = Object.keys(BULLETIN.kpiRows) as KpiKey[];
	return keys.map((k) => {
		const cur = d.totals[k as keyof Totals] as number | null;
		const prev = d.previous ? (d.previous[k as keyof Totals] as number | null) : undefined;
		const ly = d.lastYear ? (d.lastYear[k as keyof Totals] as number | null) : undefined;
		if (RATE_KEYS.has(k)) {
			return [BULLETIN.kpiRows[k], rateText(cur), d.previous ? rateText(prev) : DASH, pointCell(cur, prev), d.lastYear ? rateText(ly) : DASH, pointCell(cur, ly)];
		}
		const c = Number(cur ?? 0);
		return [
			BULLETIN.kpiRows[k],
			num(c),
			d.previous ? num(Number(prev ?? 0)) : DASH,
			changeCell(c, prev as number | null | undefined),
			d.lastYear ? num(Number(ly ?? 0)) : DASH,
			changeCell(c, ly as number | null | undefined)
		];
	});
}

export function ruleTable(d: BulletinData): string[][] {
	return d.compliance.rules.map((r) => [r.title, r.limit || DASH, num(r.met), num(r.breached), num(r.openOverdue), num(r.openWithin), rateText(r.rate)]);
}

/** Table 3: the scheme's ranking, by group and rank in group; a score after deductions shows them. */
export function rankingTable(d: BulletinData): { cells: string[]; list: 'red' | 'black' | null }[] {
	return d.ranking.rows.map((u) => {
		const list = u.list;
		return {
			list,
			cells: [
				u.group,
				String(u.rank),
				u.unit,
				num(u.cases),
				u.deduction > 0 ? BULLETIN.deducted(score(u.score), u.deduction) : score(u.score),
				rateText(u.on_time_rate),
				rateText(u.satisfaction_rate),
				rateText(u.repeat_rate),
				num(u.overdue_open),
				list === 'red' ? BULLETIN.redList : list === 'black' ? BULLETIN.blackList : ''
			]
		};
	});
}

/** Table 3's title: 预评 while pending flags are counted. */
export function rankingTitle(d: BulletinData): string {
	return T.ranking + (d.ranking.scheme.preview ? BULLETIN.previewTag : '');
}

/** Under table 3: the scheme it ranks by, who is left out, and the preview's pending flags. */
export function rankingNote(d: BulletinData): string {
	const r = d.ranking;
	return BULLETIN.rankNote(r.scheme, r.minCases, r.excluded) + (r.scheme.preview ? BULLETIN.previewNote(r.scheme.pending) : '');
}

export function lateTable(d: BulletinData): string[][] {
	return d.late.rows.map((r, i) => [
		String(i + 1),
		r.caseId,
		r.unit,
		r.rule,
		BULLETIN.lateStatus[r.status] ?? r.status,
		r.dueDate ? r.dueDate : DASH,
		r.workingDaysLate === null ? DASH : num(r.workingDaysLate)
	]);
}

export function categoryTable(d: BulletinData): string[][] {
	return d.categories.map((c) => [
		c.category,
		num(c.cases),
		pct(c.share),
		c.previous === null ? DASH : num(c.previous),
		c.previous === null ? DASH : c.cases - c.previous === 0 ? '持平' : `${c.cases > c.previous ? '+' : '−'}${num(Math.abs(c.cases - c.previous))}`
	]);
}

/** 表6: the month's hot terms with cases, share and 环比 (the 热点诉求 page's figures). */
export function hotspotTermTable(d: BulletinData): string[][] {
	return (d.hotspots?.terms ?? []).map((r) => [r.label, num(r.cases), r.share === null ? DASH : pct(r.share), num(r.prev_cases), changeCell(r.cases, r.prev_cases)]);
}

/** 表7: the largest near-duplicate groups (no case ids: a bulletin is read by leaders). */
export function hotspotGroupTable(d: BulletinData): string[][] {
	return (d.hotspots?.groups ?? []).map((g, i) => [String(i + 1), g.kind, num(g.cases), num(g.complainants), g.units, hotspotBulletin.span(g.first_at, g.last_at)]);
}

export function repeatTable(d: BulletinData): string[][] {
	return d.repeatUnits.map((u) => [u.unit, num(u.repeats), num(u.cases), rateText(u.repeat_rate)]);
}

/** Under table 4: its rows are evaluations (件次), and the cases (件) they belong to, as the narrative counts them. */
export function lateNote(d: BulletinData): string {
	return d.late.total > d.late.rows.length ? BULLETIN.lateShown(d.late.rows.length, d.late.total, d.late.cases) : BULLETIN.lateAll(d.late.total, d.late.cases);
}

/** The filters and the as-of moment the bulletin was built with (under its title on the page, in the PDF and DOCX). */
export function builtWith(d: BulletinData): string {
	const B = BULLETIN.builtWith;
	const scope = d.scope.kind === 'units' && d.scope.units?.length ? B.units(d.scope.units) : d.scope.kind === 'group' && d.scope.group ? B.group(d.scope.group) : B.all;
	return B.line(scope, B.period(d.period.from, d.period.to), d.compliance.packTitle, B.asOf(d.asOf, d.partial));
}

/** Definitions printed under the bulletin: the metrics layer's own help texts, so the page and the dashboards agree. */
export function definitions(): string[] {
	const pick = ['cases', 'on_time_rate', 'overdue_open', 'satisfaction_rate', 'substantiated_rate', 'repeat_rate', 'score'] as const;
	return pick.map((k) => `${MEASURES[k].label}：${MEASURES[k].help ?? ''}`).filter((s) => !s.endsWith('：'));
}

function table(caption: string, head: string[], rows: string[][], opts: { num?: number[]; cls?: string; rowCls?: (i: number) => string; center?: number[] } = {}): string {
	const numeric = new Set(opts.num ?? []);
	const centered = new Set(opts.center ?? []);
	const cellCls = (i: number) => (numeric.has(i) ? ' class="num"' : centered.has(i) ? ' class="c"' : '');
	const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
	const body = rows
		.map((r, ri) => {
			const cls = opts.rowCls?.(ri);
			return `<tr${cls ? ` class="${cls}"` : ''}>${r.map((c, i) => `<td${cellCls(i)}>${esc(c)}</td>`).join('')}</tr>`;
		})
		.join('');
	// A short table is kept whole on one page; a long one breaks between rows with its header repeated.
	const keep = rows.length <= 14 ? ' keep' : '';
	return `<table class="grid${opts.cls ? ' ' + opts.cls : ''}${keep}"><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function figure(chart: ChartSvg | undefined, caption: string): string {
	if (!chart) return '';
	return `<figure class="chart" data-chart="${chart.key}">${chart.svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

function paragraphs(text: string): string {
	return text
		.split(/\n+/)
		.map((s) => s.trim())
		.filter(Boolean)
		.map((s) => `<p>${esc(s)}</p>`)
		.join('');
}

/** The bulletin's <article> (masthead to notes). Every piece of data text is escaped here. */
export function bulletinArticle(d: BulletinData, charts: ChartSvg[] = bulletinCharts(d)): string {
	const chart = (k: ChartSvg['key']) => charts.find((c) => c.key === k);
	const K = BULLETIN.kpiHead;
	const R = BULLETIN.ruleHead;
	const RK = BULLETIN.rankHead;
	const L = BULLETIN.lateHead;
	const C = BULLETIN.categoryHead;
	const RP = BULLETIN.repeatHead;
	const t = d.title;
	const out: string[] = [];

	out.push(`<header class="masthead">
<div class="mast-title">${esc(BULLETIN.masthead)}</div>
<div class="mast-issue">${esc(t.issueLabel)}</div>
<div class="mast-line"><span>${esc(BULLETIN.issuedBy(t.issuer))}</span><span>${esc(dateTitle(t.issuedOn))}</span></div>
</header>`);
	out.push(`<h1 class="doc-title">${esc(t.title)}</h1>`);
	out.push(`<p class="built-with">${esc(builtWith(d))}</p>`);
	if (d.partial) out.push(`<p class="note">${esc(BULLETIN.partialNote(d.asOf))}</p>`);
	out.push(`<section class="narrative">${narrate(d).map((p) => `<p>${esc(p)}</p>`).join('')}</section>`);

	out.push(`<section><h2>${esc(S.overview)}</h2>`);
	out.push(table(T.kpi, [K.indicator, `${K.current}`, K.previous, K.mom, K.lastYear, K.yoy], kpiTable(d), { num: [1, 2, 3, 4, 5], cls: 'kpi' }));
	out.push(figure(chart('trend'), d.trend.some((m) => m.on_time_rate !== null) ? BULLETIN.figures.trend : BULLETIN.figures.trendNoRate));
	out.push('</section>');

	out.push(`<section><h2>${esc(S.timeliness)}</h2>`);
	if (!d.compliance.evaluated) out.push(`<p>${esc(BULLETIN.noCompliance)}</p>`);
	else if (d.compliance.rules.length)
		out.push(table(T.rules, [R.rule, R.limit, R.met, R.breached, R.openOverdue, R.openWithin, R.rate], ruleTable(d), { num: [2, 3, 4, 5, 6] }));
	out.push(figure(chart('unitOnTime'), BULLETIN.figures.unitOnTime));
	out.push('</section>');

	if (!(d.scope.kind === 'units' && d.scope.units?.length === 1)) {
		out.push(`<section><h2>${esc(S.units)}</h2>`);
		if (d.ranking.rows.length) {
			const rows = rankingTable(d);
			out.push(
				table(rankingTitle(d), [RK.group, RK.rank, RK.unit, RK.cases, RK.score, RK.onTime, RK.satisfaction, RK.repeat, RK.overdue, RK.list], rows.map((r) => r.cells), {
					num: [1, 3, 4, 5, 6, 7, 8],
					center: [9],
					cls: 'ranking',
					rowCls: (i) => (rows[i].list ? `list-${rows[i].list}` : '')
				})
			);
			out.push(`<p class="note">${esc(rankingNote(d))}</p>`);
		} else {
			out.push(`<p>${esc(BULLETIN.noRanking(d.ranking.minCases))}</p>`);
		}
		out.push('</section>');
	}

	out.push(`<section><h2>${esc(S.late)}</h2>`);
	if (d.late.total === 0) out.push(`<p>${esc(BULLETIN.noLate)}</p>`);
	else {
		out.push(table(T.late, [L.no, L.caseId, L.unit, L.rule, L.status, L.due, L.daysLate], lateTable(d), { num: [0, 6], cls: 'late', center: [4, 5] }));
		out.push(`<p class="note">${esc(lateNote(d))}</p>`);
	}
	out.push('</section>');

	out.push(`<section><h2>${esc(S.categories)}</h2>`);
	if (d.categories.length) {
		out.push(table(T.categories, [C.category, C.cases, C.share, C.previous, C.change], categoryTable(d), { num: [1, 2, 3, 4] }));
		out.push(figure(chart('categoryMix'), BULLETIN.figures.categoryMix));
	} else out.push(`<p>${esc(BULLETIN.noCategories)}</p>`);
	out.push('</section>');

	if (d.hotspots) {
		const HT = hotspotBulletin.termHead;
		const HG = hotspotBulletin.groupHead;
		out.push(`<section class="hotspots"><h2>${esc(S.hotspots)}</h2><p>${esc(hotspotParagraph(d.hotspots))}</p>`);
		if (d.hotspots.terms.length) out.push(table(T.hotspotTerms, [HT.term, HT.cases, HT.share, HT.previous, HT.change], hotspotTermTable(d), { num: [1, 2, 3, 4] }));
		if (d.hotspots.groups.length)
			out.push(table(T.hotspotGroups, [HG.no, HG.kind, HG.cases, HG.complainants, HG.units, HG.span], hotspotGroupTable(d), { num: [0, 2, 3], center: [1, 5] }));
		out.push('</section>');
	}

	out.push(`<section><h2>${esc(S.repeats)}</h2>`);
	if (d.repeatUnits.length) out.push(table(T.repeats, [RP.unit, RP.repeats, RP.cases, RP.rate], repeatTable(d), { num: [1, 2, 3] }));
	else out.push(`<p>${esc(BULLETIN.noRepeats)}</p>`);
	out.push('</section>');

	out.push(`<section class="typical"><h2>${esc(S.typical)}</h2>`);
	if (d.typical.length)
		d.typical.forEach((c, i) => out.push(`<div class="case"><h3>${esc(BULLETIN.typicalHead(i + 1, c.caseId, c.unit, c.category))}</h3>${paragraphs(c.summary)}</div>`));
	else out.push(`<p>${esc(BULLETIN.noTypical)}</p>`);
	out.push('</section>');

	const req = requirements(d);
	if (req) out.push(`<section><h2>${esc(S.requirements)}</h2><p>${esc(req)}</p></section>`);

	out.push(
		`<footer class="definitions"><p>${esc(BULLETIN.dataNote(d.asOf))}</p><ol>${definitions()
			.map((s) => `<li>${esc(s)}</li>`)
			.join('')}</ol></footer>`
	);
	return `<article class="bulletin" lang="zh-CN">${out.join('\n')}</article>`;
}

const TITLE_FONT = `'方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'Noto Serif CJK SC', 'SimSun', serif`;
const BODY_FONT = `'仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', 'Noto Serif CJK SC', serif`;
const HEI_FONT = `'黑体', 'SimHei', 'Noto Sans CJK SC', sans-serif`;
const KAI_FONT = `'楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', 'Noto Serif CJK SC', serif`;
const TABLE_FONT = `'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif`;

/** The bulletin's CSS, every rule under .bulletin so the app page can embed it without side effects. */
export const BULLETIN_CSS = `
.bulletin { font-family: ${BODY_FONT}; font-size: 12pt; line-height: 1.75; color: #000; background: #fff; }
.bulletin .masthead { text-align: center; border-bottom: 2.5px solid #c00000; padding-bottom: 6px; margin-bottom: 18px; }
.bulletin .mast-title { font-family: ${TITLE_FONT}; color: #c00000; font-size: 30pt; font-weight: 700; letter-spacing: 0.12em; line-height: 1.3; }
.bulletin .mast-issue { font-size: 13pt; margin: 4px 0 8px; }
.bulletin .mast-line { display: flex; justify-content: space-between; font-size: 12pt; }
.bulletin .doc-title { font-family: ${TITLE_FONT}; font-size: 18pt; font-weight: 700; text-align: center; margin: 14px 0 12px; line-height: 1.5; color: #000; }
.bulletin p { margin: 0 0 4px; text-indent: 2em; text-align: justify; }
.bulletin .narrative p { margin-bottom: 6px; }
.bulletin h2 { font-family: ${HEI_FONT}; font-size: 14pt; font-weight: 700; margin: 18px 0 8px; color: #000; break-after: avoid; page-break-after: avoid; }
.bulletin h3 { font-family: ${KAI_FONT}; font-size: 12.5pt; font-weight: 700; margin: 10px 0 4px; text-indent: 2em; break-after: avoid; page-break-after: avoid; }
.bulletin .note { font-size: 10pt; color: #333; text-indent: 0; }
.bulletin p.built-with { font-size: 10pt; color: #333; text-indent: 0; text-align: center; margin: -4px 0 12px; }
.bulletin table.grid { width: 100%; border-collapse: collapse; margin: 6px 0 10px; font-family: ${TABLE_FONT}; font-size: 9.5pt; line-height: 1.45; font-variant-numeric: tabular-nums; }
.bulletin table.grid caption { caption-side: top; font-family: ${HEI_FONT}; font-size: 10.5pt; font-weight: 700; padding: 4px 0; text-align: center; break-after: avoid; }
.bulletin table.grid th, .bulletin table.grid td { border: 0.75px solid #000; padding: 3px 5px; text-align: left; vertical-align: middle; }
.bulletin table.grid th, .bulletin table.grid td.c { text-align: center; }
.bulletin table.grid.keep { break-inside: avoid; page-break-inside: avoid; }
.bulletin table.grid th { background: #f0f0f0; font-weight: 700; white-space: nowrap; }
.bulletin table.grid td.num { text-align: right; white-space: nowrap; }
.bulletin table.grid thead { display: table-header-group; }
.bulletin table.grid tr { break-inside: avoid; page-break-inside: avoid; }
.bulletin table.kpi td:first-child { white-space: nowrap; }
.bulletin table.late td:nth-child(2), .bulletin table.late td:nth-child(5), .bulletin table.late td:nth-child(6) { white-space: nowrap; }
.bulletin table.ranking tr.list-red td:last-child { color: #c00000; font-weight: 700; }
.bulletin table.ranking tr.list-black td:last-child { color: #000; font-weight: 700; }
.bulletin table.ranking tr.list-black td { background: #ececec; }
.bulletin table.ranking td:first-child { white-space: nowrap; }
.bulletin figure.chart { margin: 8px 0 12px; break-inside: avoid; page-break-inside: avoid; text-align: center; }
.bulletin figure.chart svg { width: 100%; height: auto; max-width: 170mm; display: block; margin: 0 auto; }
.bulletin figure.chart figcaption { font-family: ${HEI_FONT}; font-size: 10.5pt; font-weight: 700; margin-top: 2px; }
.bulletin .typical .case { break-inside: avoid; page-break-inside: avoid; }
.bulletin footer.definitions { margin-top: 18px; orphans: 3; widows: 3; border-top: 0.75px solid #000; padding-top: 6px; font-size: 9.5pt; line-height: 1.6; color: #222; }
.bulletin footer.definitions p { text-indent: 0; }
.bulletin footer.definitions ol { margin: 0; padding-left: 1.6em; }
.bulletin footer.definitions p, .bulletin footer.definitions li { break-inside: avoid; page-break-inside: avoid; }
.bulletin footer.definitions p { break-after: avoid; page-break-after: avoid; }
`;

/** Class on <html> of the PDF's second, tighter print, kept when it folds a near-empty last page back (pdf.ts). */
export const TIGHT_PRINT = 'tight-print';

/** The tighter print: a little less leading and space around blocks; the charts keep their full size. */
const TIGHT_CSS = `
html.${TIGHT_PRINT} .bulletin { line-height: 1.6; }
html.${TIGHT_PRINT} .bulletin p, html.${TIGHT_PRINT} .bulletin .narrative p { margin-bottom: 2px; }
html.${TIGHT_PRINT} .bulletin h2 { margin: 12px 0 6px; }
html.${TIGHT_PRINT} .bulletin h3 { margin: 6px 0 2px; }
html.${TIGHT_PRINT} .bulletin table.grid { margin: 4px 0 6px; line-height: 1.35; }
html.${TIGHT_PRINT} .bulletin table.grid th, html.${TIGHT_PRINT} .bulletin table.grid td { padding: 2px 5px; }
html.${TIGHT_PRINT} .bulletin figure.chart { margin: 4px 0 8px; }
html.${TIGHT_PRINT} .bulletin footer.definitions { margin-top: 10px; line-height: 1.45; }
`;

/** A4 page rules of the standalone document; page numbers by CSS when a person prints the HTML file. */
const PAGE_CSS = (pageNumbers: boolean) => `
@page { size: A4; margin: 22mm 20mm 20mm 22mm;${
	pageNumbers
		? ` @bottom-center { content: "${BULLETIN.footer.page} " counter(page) " ${BULLETIN.footer.of} " counter(pages) " ${BULLETIN.footer.pages}"; font-family: ${BODY_FONT}; font-size: 10pt; }`
		: ''
} }
html, body { margin: 0; background: #fff; }
body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media screen { body { padding: 24px 0; background: #e9ecef; } .bulletin { width: 210mm; box-sizing: border-box; margin: 0 auto; padding: 22mm 20mm 20mm 22mm; box-shadow: 0 1px 6px rgba(0,0,0,.2); } }
`;

/**
 * The whole bulletin as one HTML file: no external resource, so it opens offline and Chromium prints it without a
 * server. pageNumbers: CSS page numbers "第 X 页 共 Y 页" (the PDF prints them too: pdf.ts).
 */
export function bulletinHtml(d: BulletinData, opts: { charts?: ChartSvg[]; pageNumbers?: boolean } = {}): string {
	const article = bulletinArticle(d, opts.charts ?? bulletinCharts(d));
	return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(d.title.title)}（${esc(d.title.issueLabel)}）</title>
<style>${PAGE_CSS(opts.pageNumbers ?? true)}${BULLETIN_CSS}${TIGHT_CSS}</style></head>
<body>${article}</body></html>`;
}

