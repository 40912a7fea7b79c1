// Annual appraisal (年度考核): per unit or person and year, cases, substantiated cases, breaches by rule and
// open overdue cases, the tier the pack's rules give, and the evidence behind it; XLSX and CSV exports.
// Exports never contain complainant identity.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeeCases, unitScope } from '../auth/scope.ts';
import { UserInputError } from '../errors.ts';
import { shanghaiNow, shanghaiToday, toIsoShanghai } from '../time.ts';
import { escapeFormula, explainResults } from '../compliance/index.ts';
import { documentTitle, loadPack, type RulePack, type Tier } from '../compliance/pack.ts';
import { appraisalText, packText, statusLabels } from '../../i18n/zh/compliance.ts';
import { evidenceReviewText, publishText, schemeText, summaryExtraHeaders } from '../../i18n/zh/appraisal.ts';

const reviewHeader = evidenceReviewText.header;
const reviewLabels = evidenceReviewText.labels;
import { emptyFilters } from '../../model/filters.ts';
import type { UnitRank } from '../metrics/ranks.ts';
import { schemeRanks } from './score.ts';
import { ratedResults } from '../metrics/evaluations.ts';
import { loadScheme, measureSeverity, unitTier, type Scheme } from './scheme.ts';
import { SUBSTANTIATED, SUBSTANTIATED_RULE, counts, isPending, yearFlags, yearSource, type Flag } from './review.ts';

export { SUBSTANTIATED } from './review.ts';

export interface AppraisalOptions {
	year: number;
	pack: RulePack | string;
	by?: 'unit' | 'person';
	/** include the evidence rows (default true); leaders never get them */
	evidence?: boolean;
	/** the appraisal scheme (考核方案) giving unit indicators, ranks and tiers; default: data/schemes/county-default */
	scheme?: Scheme | string;
	/**
	 * 预评: count the flags not yet decided by an approval as if approved (each as its current proposal would
	 * decide it; unreviewed flags as findings). Default: only approved findings count.
	 */
	includePending?: boolean;
}

export interface AppraisalRow {
	/**
	 * Units: the rank within the unit's group by the scheme's score, 1 = best, exactly the 单位效能 ranking's
	 * (metrics/ranks.ts); null below the minimum number of cases. Persons: null (a person's ladder is not a rank).
	 */
	rank: number | null;
	/** how many units of the group are ranked (units only; 0 for persons) */
	ranked_of: number;
	/** the unit's rank in the previous year (units only) */
	previous_rank: number | null;
	/** the unit's group (县直部门, 乡镇 …) */
	group: string | null;
	/** the scheme's composite score 0–100 (units only): the rates' weighted score less the deduction */
	score: number | null;
	/** points the scheme took off for findings (units only; 0 when the scheme does not deduct) */
	deduction: number;
	unit: string;
	person: string | null;
	cases: number;
	substantiated: number;
	breaches: number;
	breaches_by_rule: Record<string, number>;
	open_overdue: number;
	/** flags (breached + open-overdue evaluations + substantiated complaints), before any review */
	findings: number;
	/** approved findings that still stand (what the appraisal counts) */
	confirmed: number;
	/** flags not decided by a standing approval (shown apart; counted only with includePending) */
	pending: number;
	/** what the person ladder counted: confirmed findings (plus pending ones with includePending), by kind */
	counted: { substantiated: number; breaches: number; open_overdue: number; findings: number };
	tier: string | null;
	tier_reason: string;
	tier_article: string | null;
}

export interface EvidenceRow {
	unit: string;
	person: string | null;
	case_id: string;
	received_at: string;
	category: string | null;
	outcome: string | null;
	rule_id: string | null;
	rule_title: string | null;
	clock_start: string | null;
	due_at: string | null;
	done_at: string | null;
	status: string | null;
	working_days_late: number | null;
	provisional: boolean;
	explanation: string;
	/**
	 * Where the flag stands in the review (issue 13): an approved finding (已认定, the row's confirmed), not decided
	 * by a standing approval (待审核, the row's pending), or cleared by an approved exemption or 不予认定. Absent in
	 * versions published before evidence rows were the flags themselves.
	 */
	review?: EvidenceReview;
}

/** An evidence row's place in the review: counted in the row's 已认定, its 待审核, or cleared (免责/不予认定). */
export type EvidenceReview = 'confirmed' | 'pending' | 'cleared';

/** The review standing of a standing flag, as the row's confirmed and pending count it (one definition). */
export function evidenceReview(f: Flag): EvidenceReview {
	if (f.review_status === 'approved' && f.decision === 'finding') return 'confirmed';
	return isPending(f) ? 'pending' : 'cleared';
}

/**
 * The evidence of a year: one row per flag (each breached or open-overdue evaluation, each substantiated
 * complaint: a case late on a rule AND substantiated is two flags, two rows), exactly the flags whose review the
 * row's 已认定 and 待审核 count, so the drill-down, the export and the row agree. A flag whose evaluation left the
 * judged statuses (awaiting re-review) is no evidence. `explain` (default all) limits the rows whose explanation
 * is worked out (the screen lists only the first few hundred). Never a complainant field.
 */
export async function flagEvidence(
	db: Database,
	pack: RulePack,
	flags: Flag[],
	asOf: string,
	explain = Infinity
): Promise<EvidenceRow[]> {
	const standing = flags
		.filter((f) => f.kind !== null)
		.sort(
			(a, b) =>
				a.unit.localeCompare(b.unit) ||
				(a.person ?? '').localeCompare(b.person ?? '') ||
				(a.received_at ?? '').localeCompare(b.received_at ?? '') ||
				a.case_id.localeCompare(b.case_id) ||
				a.rule_id.localeCompare(b.rule_id)
		);
	const explained = await explainResults(
		db,
		pack,
		standing
			.slice(0, explain)
			.filter((f) => f.rule_id !== SUBSTANTIATED_RULE)
			.map((f) => ({ case_id: f.case_id, rule_id: f.rule_id })),
		asOf
	);
	const titles = new Map(pack.rules.map((r) => [r.id, r.title]));
	return standing.map((f) => {
		const rule = f.rule_id === SUBSTANTIATED_RULE ? null : f.rule_id;
		const r = rule ? explained.get(`${f.case_id}\u0000${rule}`) : undefined;
		return {
			unit: f.unit,
			person: f.person,
			case_id: f.case_id,
			received_at: f.received_at ?? '',
			category: f.category,
			outcome: f.outcome,
			rule_id: rule,
			rule_title: rule ? (titles.get(rule) ?? rule) : null,
			clock_start: r?.clock_start ?? null,
			due_at: r?.due_at ?? f.due_at,
			done_at: r?.done_at ?? null,
			status: r?.status ?? (rule ? f.kind : null),
			working_days_late: r?.working_days_late ?? null,
			provisional: r?.provisional ?? false,
			explanation: r?.explanation ?? (rule ? '' : `${appraisalText.substantiatedOnly}（处理结果：${f.outcome}）。`),
			review: evidenceReview(f)
		};
	});
}

export interface Appraisal {
	year: number;
	pack: string;
	pack_title: string;
	pack_version: string;
	scheme: string;
	scheme_title: string;
	scheme_version: string;
	calendar_version: string;
	as_of: string;
	by: 'unit' | 'person';
	generated_at: string;
	include_pending: boolean;
	/** flags of the year not decided by a standing approval */
	pending: number;
	rows: AppraisalRow[];
	evidence: EvidenceRow[];
}

function metricValue(row: Pick<AppraisalRow, 'substantiated' | 'breaches' | 'open_overdue' | 'findings'>, metric: Tier['when']['metric']): number {
	return row[metric];
}

/**
 * The first tier of the pack whose bounds hold (tiers are listed severest first). A pack's tiers count one
 * person's 件次 in a year (finance bureau 第十二条, the county pack's 6 件次): they apply to persons only.
 */
export function tierFor(pack: RulePack, row: Pick<AppraisalRow, 'substantiated' | 'breaches' | 'open_overdue' | 'findings'>) {
	const a = pack.appraisal;
	if (!a) return { tier: null, reason: appraisalText.noTier, article: null, order: 0 };
	for (const [i, t] of a.tiers.entries()) {
		const n = metricValue(row, t.when.metric);
		if ((t.when.min === undefined || n >= t.when.min) && (t.when.max === undefined || n <= t.when.max))
			return { tier: t.tier, reason: t.reason.replaceAll('{n}', String(n)), article: t.citation?.article ?? null, order: i };
	}
	return { tier: a.otherwise.tier, reason: a.otherwise.reason, article: null, order: a.tiers.length };
}

/** The ranked appraisal list of a year, with evidence (scope applied; leaders get aggregates only). */
export async function appraisal(db: Database, user: SessionUser, opts: AppraisalOptions): Promise<Appraisal> {
	if (!Number.isInteger(opts.year) || opts.year < 2000 || opts.year > 2200)
		throw new UserInputError('bad_year', packText.badYear(String(opts.year)), { field: 'year' });
	const pack = typeof opts.pack === 'string' ? loadPack(opts.pack) : opts.pack;
	const by = opts.by ?? pack.appraisal?.by ?? 'unit';
	if (by !== 'unit' && by !== 'person') throw new UserInputError('bad_by', packText.badBy(String(by)), { field: 'by' });
	const run = await yearSource(db, pack, opts.year);
	const where = ['c.received_at >= make_date($year, 1, 1)', 'c.received_at < make_date($year + 1, 1, 1)'];
	const params: Record<string, DuckDBValue> = { year: opts.year };
	// the evaluations the rates count: a flag an approved 不予认定 took out is not counted here either
	const rated = ratedResults(run.rel, '$rated_pack');
	const scope = unitScope(user, 'c.unit');
	if (scope) {
		where.push(scope.sql);
		Object.assign(params, scope.params);
	}
	if (by === 'person') where.push("nullif(trim(c.person), '') IS NOT NULL");
	const key = by === 'unit' ? 'c.unit, NULL::VARCHAR AS person' : 'c.unit, c.person';
	const group = by === 'unit' ? 'c.unit' : 'c.unit, c.person';
	const cond = where.join(' AND ');
	const groups = await db.query<{ unit: string; person: string | null; cases: number; substantiated: number }>(
		`SELECT ${key}, count(*)::INTEGER AS cases, count(*) FILTER (WHERE list_contains($subst::VARCHAR[], c.outcome))::INTEGER AS substantiated
		 FROM cases c WHERE ${cond} GROUP BY ${group}`,
		{ ...params, subst: listValue(SUBSTANTIATED) }
	);
	const flags = await db.query<{ unit: string; person: string | null; rule_id: string; breached: number; open_overdue: number }>(
		`SELECT ${key}, cr.rule_id, count(*) FILTER (WHERE cr.status = 'breached')::INTEGER AS breached,
			count(*) FILTER (WHERE cr.status = 'open-overdue')::INTEGER AS open_overdue
		 FROM ${rated} cr JOIN cases c USING (case_id)
		 WHERE cr.status IN ('breached', 'open-overdue') AND ${cond} GROUP BY ${group}, cr.rule_id`,
		{ ...params, ...run.params, rated_pack: pack.name }
	);
	const k = (u: string, p: string | null) => `${u}\u0000${p ?? ''}`;
	const flagMap = new Map<string, typeof flags>();
	for (const f of flags) flagMap.set(k(f.unit, f.person), [...(flagMap.get(k(f.unit, f.person)) ?? []), f]);
	const scheme = typeof opts.scheme === 'object' ? opts.scheme : loadScheme(opts.scheme);
	// Units: the 单位效能 ranking itself (same function, the scheme's weights), this year's and last year's.
	let ranks = new Map<string, UnitRank>();
	let previous = new Map<string, UnitRank>();
	if (by === 'unit') {
		const today = shanghaiToday();
		// the scheme's score and rank, exactly the 单位效能 page's (appraisal/score.ts), deductions included
		const yearRanks = async (y: number) => {
			const to = `${y}-12-31` > today ? today : `${y}-12-31`;
			const s = await schemeRanks(db, user, pack, scheme, { ...emptyFilters(), from: `${y}-01-01`, to }, { today, includePending: opts.includePending === true });
			return new Map(s.ranks.map((r) => [r.unit, r]));
		};
		ranks = await yearRanks(opts.year);
		previous = await yearRanks(opts.year - 1);
	}
	// What counts: approved findings (and, for the preview, pending flags), per unit or person.
	const flagsOfYear = await yearFlags(db, user, pack, opts.year);
	const includePending = opts.includePending === true;
	const tally = new Map<string, { confirmed: number; pending: number; counted: AppraisalRow['counted']; cases: Set<string>; measures: string[] }>();
	for (const f of flagsOfYear) {
		if (by === 'person' && !(f.person ?? '').trim()) continue;
		const key = k(f.unit, by === 'person' ? f.person : null);
		const t = tally.get(key) ?? { confirmed: 0, pending: 0, counted: { substantiated: 0, breaches: 0, open_overdue: 0, findings: 0 }, cases: new Set<string>(), measures: [] };
		if (f.review_status === 'approved' && f.decision === 'finding' && f.kind !== null) t.confirmed++;
		if (isPending(f)) t.pending++;
		if (counts(f, includePending)) {
			if (f.kind === 'substantiated') t.counted.substantiated++;
			else if (f.kind === 'breached') t.counted.breaches++;
			else t.counted.open_overdue++;
			t.counted.findings++;
			t.cases.add(f.case_id);
			// the measure decided (or proposed); an unreviewed flag in the preview takes the scheme's default for its kind
			t.measures.push(f.measure ?? scheme.default_measure[f.kind as keyof Scheme['default_measure']]);
		}
		tally.set(key, t);
	}
	const rows = groups.map((g) => {
		const fs_ = flagMap.get(k(g.unit, g.person)) ?? [];
		const breachesByRule: Record<string, number> = {};
		for (const r of pack.rules) breachesByRule[r.id] = 0;
		for (const f of fs_) breachesByRule[f.rule_id] = Number(f.breached);
		const breaches = fs_.reduce((s, f) => s + Number(f.breached), 0);
		const openOverdue = fs_.reduce((s, f) => s + Number(f.open_overdue), 0);
		const base = {
			unit: g.unit,
			person: g.person,
			cases: Number(g.cases),
			substantiated: Number(g.substantiated),
			breaches,
			breaches_by_rule: breachesByRule,
			open_overdue: openOverdue,
			findings: breaches + openOverdue + Number(g.substantiated)
		};
		const t0 = tally.get(k(g.unit, g.person));
		// 件 or 件次 (the scheme's setting): one case late on two rules is one finding or two
		const counted = t0 ? { ...t0.counted, findings: scheme.count_by === '件' ? t0.cases.size : t0.counted.findings } : { substantiated: 0, breaches: 0, open_overdue: 0, findings: 0 };
		const review = { confirmed: t0?.confirmed ?? 0, pending: t0?.pending ?? 0, counted };
		if (by === 'unit') {
			// A unit's tier comes from the scheme's bands over its rank, never from a person's ladder (no unit is 待岗).
			const r = ranks.get(g.unit);
			const rank = r?.rank ?? null;
			const of = r?.of ?? 0;
			const group = r?.unit_group ?? null;
			const tier = unitTier(scheme, rank, of);
			return {
				rank,
				ranked_of: of,
				previous_rank: previous.get(g.unit)?.rank ?? null,
				group,
				score: r?.score ?? null,
				deduction: r?.deduction ?? 0,
				...base,
				...review,
				tier,
				tier_reason: rank === null ? schemeText.notRanked : schemeText.unitTierReason(rank, of, group ?? ''),
				tier_article: scheme.source.article.split('（')[0],
				order: 0
			};
		}
		const pc = scheme.person_consequences;
		if (pc && pc.pack === pack.name) {
			// agency rules: the consequence follows from the measures of the counted findings, not from a count
			const ms = t0?.measures ?? [];
			const heavy = [...new Set(ms.filter((m) => measureSeverity(scheme, m) >= pc.min_severity))];
			const reason = (heavy.length ? schemeText.consequence(heavy, pc.article) : schemeText.noConsequence(ms.length)) +
				(ms.length >= pc.heavier_after ? schemeText.heavier(ms.length, pc.heavier_article) : '');
			return { rank: null, ranked_of: 0, previous_rank: null, group: null, score: null, deduction: 0, ...base, ...review, tier: heavy.length ? pc.tier : pc.otherwise,
				tier_reason: reason, tier_article: heavy.length ? pc.article : null, order: heavy.length ? 0 : 1 };
		}
		const t = tierFor(pack, counted);
		return { rank: null, ranked_of: 0, previous_rank: null, group: null, score: null, deduction: 0, ...base, ...review, tier: t.tier, tier_reason: t.reason, tier_article: t.article, order: t.order };
	});
	rows.sort(
		(a, b) =>
			(a.group ?? '').localeCompare(b.group ?? '', 'zh') ||
			(a.rank ?? Infinity) - (b.rank ?? Infinity) ||
			a.order - b.order ||
			b.findings - a.findings ||
			a.unit.localeCompare(b.unit, 'zh') ||
			(a.person ?? '').localeCompare(b.person ?? '', 'zh')
	);
	const ranked: AppraisalRow[] = rows.map(({ order: _o, ...r }) => r);

	let evidence: EvidenceRow[] = [];
	if (opts.evidence !== false && canSeeCases(user)) {
		// the flags the rows' 已认定 and 待审核 were counted from (persons: those naming one)
		evidence = await flagEvidence(db, pack, by === 'person' ? flagsOfYear.filter((f) => (f.person ?? '').trim()) : flagsOfYear, run.as_of);
	}
	return {
		year: opts.year,
		pack: pack.name,
		pack_title: documentTitle(pack),
		pack_version: pack.packVersion,
		scheme: scheme.name,
		scheme_title: scheme.title,
		scheme_version: scheme.version,
		include_pending: includePending,
		pending: flagsOfYear.filter((f) => isPending(f) && (by === 'unit' || (f.person ?? '').trim())).length,
		calendar_version: run.calendar_version,
		as_of: toIsoShanghai(run.as_of),
		by,
		generated_at: toIsoShanghai(shanghaiNow().slice(0, 19)),
		rows: ranked,
		evidence
	};
}

function atomicWrite(outPath: string, write: (tmp: string) => Promise<void>): Promise<string> {
	const out = path.resolve(outPath);
	fs.mkdirSync(path.dirname(out), { recursive: true });
	const tmp = `${out}.${process.pid}.tmp`;
	return write(tmp).then(() => {
		fs.renameSync(tmp, out);
		return out;
	});
}

const cell = (v: unknown): string | number | boolean => {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number' || typeof v === 'boolean') return v;
	return escapeFormula(String(v));
};

function summaryTable(a: Appraisal, pack: RulePack): { headers: string[]; rows: (string | number | boolean)[][] } {
	const h = appraisalText.summaryHeaders;
	const x = summaryExtraHeaders;
	const ruleIds = pack.rules.map((r) => r.id);
	const units = a.by === 'unit';
	const headers = [...(units ? [x.group, h.rank] : []), h.unit, ...(a.by === 'person' ? [h.person] : []), ...(units ? [x.score, publishText.deductionHeader, x.previous_rank] : []),
		h.cases, h.substantiated, h.breaches,
		...ruleIds.map((id) => `${h.breaches}：${pack.rules.find((r) => r.id === id)!.title}`), h.open_overdue, h.tier, h.tier_reason];
	const rows = a.rows.map((r) => [
		...(units ? [cell(r.group), r.rank ?? cell(schemeText.notRanked)] : []),
		cell(r.unit),
		...(a.by === 'person' ? [cell(r.person)] : []),
		...(units ? [r.score ?? '', r.deduction ?? 0, r.previous_rank ?? ''] : []),
		r.cases,
		r.substantiated,
		r.breaches,
		...ruleIds.map((id) => r.breaches_by_rule[id] ?? 0),
		r.open_overdue,
		cell(r.tier ?? ''),
		cell(r.tier_reason + (r.tier_article ? `（${r.tier_article}）` : ''))
	]);
	return { headers, rows };
}

/**
 * A moment as Shanghai wall-clock parts 'YYYY-MM-DD HH:MM:SS' (null for none): the evidence carries ISO +08:00
 * ('2026-03-04T16:00:00+08:00'); a version published earlier may carry any offset or Z, which is turned to Shanghai.
 */
export function shanghaiWall(iso: string | null | undefined): string | null {
	if (!iso) return null;
	const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?(?:\+08:00)?$/.exec(iso);
	if (local) return `${local[1]} ${local[2]}:${local[3] ?? '00'}`;
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) return iso;
	return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A moment as an Excel date cell showing Shanghai wall-clock time: Excel has no time zones, and ExcelJS writes a
 * Date as its UTC reading, so the wall-clock parts are given as UTC.
 */
export function excelMoment(iso: string | null | undefined): Date | null {
	const wall = shanghaiWall(iso);
	if (!wall || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(wall)) return null;
	return new Date(`${wall.replace(' ', 'T')}Z`);
}

/** The display format of the evidence sheet's date cells. */
export const XLSX_MOMENT_FORMAT = 'yyyy-mm-dd hh:mm';

type Cell = string | number | boolean | Date;

/** The evidence columns holding moments: dates in the workbook, Shanghai wall-clock text in the CSV. */
const EVIDENCE_MOMENTS = ['received_at', 'clock_start', 'due_at', 'done_at'] as const;

function evidenceTable(a: Appraisal, moments: 'xlsx' | 'csv'): { headers: string[]; rows: Cell[][]; dateColumns: number[] } {
	const h = appraisalText.evidenceHeaders;
	const keys = ['unit', 'person', 'case_id', 'received_at', 'category', 'outcome', 'rule_id', 'rule_title', 'clock_start', 'due_at',
		'done_at', 'status', 'working_days_late', 'provisional', 'review', 'explanation'] as const;
	const headers = keys.map((k) => (k === 'review' ? reviewHeader : h[k]));
	const moment = (v: string | null): Cell => (moments === 'xlsx' ? (excelMoment(v) ?? '') : (shanghaiWall(v) ?? ''));
	const rows = a.evidence.map((e) => [
		cell(e.unit),
		cell(e.person),
		cell(e.case_id),
		moment(e.received_at),
		cell(e.category),
		cell(e.outcome),
		cell(e.rule_id),
		cell(e.rule_title),
		moment(e.clock_start),
		moment(e.due_at),
		moment(e.done_at),
		cell(e.status ? (statusLabels[e.status] ?? e.status) : ''),
		// a number cell (working days), never text
		e.working_days_late === null || e.working_days_late === undefined ? '' : Number(e.working_days_late),
		e.provisional ? '是' : '',
		cell(e.review ? (reviewLabels[e.review] ?? e.review) : ''),
		cell(e.explanation)
	]);
	const dateColumns = EVIDENCE_MOMENTS.map((k) => keys.indexOf(k));
	return { headers, rows, dateColumns };
}

/** The published version a file is written from (absent: the live list, a draft). */
export interface PublishedStamp {
	version_no: number;
	published_by: string;
	published_at: string;
}

/**
 * The appraisal workbook: 汇总 (the ranked list laid out as an appraisal file: title, scheme and version above the
 * table, the signature lines 制表人 / 审核人 / 日期 below it), 证据 (every case and rule behind it), 说明 (pack,
 * calendar, time).
 */
export async function writeAppraisalXlsx(a: Appraisal, outPath: string, published?: PublishedStamp): Promise<string> {
	const pack = loadPack(a.pack);
	const wb = new ExcelJS.Workbook();
	wb.creator = '投诉办理分析';
	wb.created = new Date();
	const addSheet = (name: string, t: { headers: string[]; rows: Cell[][]; dateColumns?: number[] }, above: string[] = []) => {
		const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: above.length + 1 }] });
		above.forEach((line, i) => {
			const row = ws.addRow([cell(line)]);
			ws.mergeCells(i + 1, 1, i + 1, t.headers.length);
			row.font = i === 0 ? { bold: true, size: 16 } : { size: 11 };
			row.alignment = { horizontal: i === 0 ? 'center' : 'left' };
		});
		ws.addRow(t.headers).font = { bold: true };
		for (const r of t.rows) ws.addRow(r);
		ws.columns.forEach((c, i) => (c.width = Math.min(60, Math.max(10, t.headers[i].length * 2 + 2))));
		// moments are real date cells shown as Shanghai wall-clock time
		for (const i of t.dateColumns ?? []) {
			const col = ws.getColumn(i + 1);
			col.numFmt = XLSX_MOMENT_FORMAT;
			col.width = 18;
		}
		return ws;
	};
	const summary = summaryTable(a, pack);
	const ws = addSheet(appraisalText.summarySheet, summary, [
		publishText.fileTitle(a.year, a.pack_title, a.by),
		publishText.fileSubtitle(a.scheme_title, a.scheme, a.scheme_version,
			published ? publishText.filePublished(published.version_no, published.published_by, published.published_at) : publishText.fileDraft(a.as_of))
	]);
	// the signature lines, spread over the width of the table
	ws.addRow([]);
	const sig: string[] = Array(Math.max(3, summary.headers.length)).fill('');
	const step = Math.max(1, Math.floor(sig.length / 3));
	publishText.signatures.forEach((label, i) => (sig[i * step] = label));
	ws.addRow(sig).font = { bold: true };
	addSheet(appraisalText.evidenceSheet, evidenceTable(a, 'xlsx'));
	const t = appraisalText.about;
	const about = wb.addWorksheet(appraisalText.aboutSheet);
	const provisional = a.evidence.filter((e) => e.provisional).length;
	for (const [k, v] of [
		[t.pack, a.pack],
		[t.packTitle, a.pack_title],
		[t.packVersion, a.pack_version],
		[t.calendarVersion, a.calendar_version],
		[t.year, String(a.year)],
		[t.by, a.by === 'unit' ? t.byUnit : t.byPerson],
		[t.asOf, shanghaiWall(a.as_of) ?? ''],
		[t.generatedAt, shanghaiWall(a.generated_at) ?? ''],
		[summaryExtraHeaders.scheme, `${a.scheme_title}（${a.scheme}，第${a.scheme_version}版）`],
		[t.basis, t.basisText],
		[t.provisionalNote, String(provisional)],
		['', t.privacy],
		...(pack.appraisal?.description ? [['等次规则', pack.appraisal.description]] : [])
	])
		about.addRow([cell(k), cell(v)]);
	about.getColumn(1).width = 24;
	about.getColumn(2).width = 100;
	return atomicWrite(outPath, async (tmp) => {
		await wb.xlsx.writeFile(tmp);
	});
}

function csvField(v: Cell): string {
	const s = String(v);
	return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The appraisal as one CSV (UTF-8 with BOM, for Excel): every evidence row carrying its group's tier,
 * and groups without evidence as a row of their own.
 */
export async function writeAppraisalCsv(a: Appraisal, outPath: string): Promise<string> {
	const pack = loadPack(a.pack);
	const s = summaryTable(a, pack);
	const e = evidenceTable(a, 'csv');
	const keyOf = (unit: unknown, person: unknown) => `${unit}\u0000${a.by === 'person' ? (person ?? '') : ''}`;
	const evidenceBy = new Map<string, Cell[][]>();
	a.evidence.forEach((ev, i) => {
		const key = keyOf(ev.unit, ev.person);
		const list = evidenceBy.get(key);
		if (list) list.push(e.rows[i]);
		else evidenceBy.set(key, [e.rows[i]]);
	});
	const evHeaders = e.headers.slice(2); // unit and person are in the summary part
	const lines = [[...s.headers, ...evHeaders].map(csvField).join(',')];
	a.rows.forEach((r, i) => {
		const ev = evidenceBy.get(keyOf(r.unit, r.person)) ?? [[]];
		for (const er of ev) lines.push([...s.rows[i], ...er.slice(2), ...Array(Math.max(0, evHeaders.length - er.slice(2).length)).fill('')].map(csvField).join(','));
	});
	return atomicWrite(outPath, async (tmp) => {
		fs.writeFileSync(tmp, '\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
	});
}
