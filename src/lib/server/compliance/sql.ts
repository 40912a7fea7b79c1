// Compiles a rule pack to one DuckDB SELECT over the whole cases table: clocks, due moments, statuses,
// lateness and the Chinese explanation, with the calendar joined as lists (one lookup per date, no JS per row).
// Identifiers come only from the validated pack (whitelisted fields); every value is a bound parameter.
import type { DuckDBValue } from '@duckdb/node-api';
import type { Condition, Limit, PackData, Rule } from './pack.ts';
import { CONDITION_FIELDS, TIMESTAMP_FIELDS, baseRules, documentTitle, extendedBy } from './pack.ts';
import { fieldLabels, noDataText, unitLabels } from '../../i18n/zh/compliance.ts';
import { CARRIED_BITS, carriedMask } from '../db/carried.ts';
import { clockFields, conditionFields } from './nodata.ts';

/** The one-row temp table of calendar lists every compiled query cross-joins as `v`. */
export const CALENDAR_LISTS_SQL = /* sql */ `
CREATE OR REPLACE TEMP TABLE _cal_v AS
WITH d AS (
	SELECT c.*, (SELECT count(*) FROM calendar_blocks b WHERE b.first_day <= c.day) AS bidx
	FROM calendar_days c
), m AS (
	SELECT day, count(*) FILTER (WHERE kind = 'makeup_workday') OVER (ORDER BY day) AS midx FROM calendar_days
)
SELECT
	min(d.day) AS base,
	min(d.day) FILTER (WHERE d.official) AS off_first,
	max(d.day) FILTER (WHERE d.official) AS off_last,
	coalesce(count(*) FILTER (WHERE d.official) = max(d.day) FILTER (WHERE d.official) - min(d.day) FILTER (WHERE d.official) + 1, false) AS off_contiguous,
	list(d.workday_index ORDER BY d.day) AS wi,
	list(d.unofficial_index ORDER BY d.day) AS uo,
	list(d.official ORDER BY d.day) AS off,
	list(d.is_workday ORDER BY d.day) AS isw,
	list(d.day ORDER BY d.day) FILTER (WHERE d.is_workday) AS wdays,
	list(strftime(d.day, '%Y年%-m月%-d日') ORDER BY d.day) AS ymd,
	list(strftime(d.day, '%-m月%-d日') ORDER BY d.day) AS md,
	list(strftime(d.day, '%-d日') ORDER BY d.day) AS dd,
	list(d.bidx::INTEGER ORDER BY d.day) AS bidx,
	list(m.midx::INTEGER ORDER BY d.day) AS midx,
	(SELECT list({'f': first_day, 'l': last_day, 'name': name} ORDER BY first_day) FROM calendar_blocks) AS blocks,
	(SELECT list(day ORDER BY day) FROM calendar_days WHERE kind = 'makeup_workday') AS makeups
FROM d JOIN m USING (day)`;

/** The temp table of case ids an incremental evaluation covers (CompileOptions.caseIds = 'table'). */
export const EVAL_CASES = '_eval_cases';

/** Per case and rule: working days / calendar days / seconds of clock pauses that fall inside the clock. */
export interface CompileOptions {
	/** case_pauses has rows: join the pause aggregates (temp table _pause_agg) */
	withPauses: boolean;
	/**
	 * Restrict to some cases: 'list', the ids of the bound list parameter $case_ids (a few cases); 'table', the ids
	 * of the temp table _eval_cases (any number: a semi join).
	 */
	caseIds?: 'list' | 'table';
	/**
	 * Only rows that can be applicable (the rule's conditions hold and its clock has started): what is stored.
	 * Filtering each branch early spares computing due moments for cases the rule never applies to.
	 */
	applicableOnly?: boolean;
}

/** WHERE of a branch: the case ids, then `applicable` when only applicable rows are wanted (or `always`). */
function whereSql(opts: CompileOptions, applicable: string, always = false): string {
	const parts: string[] = [];
	if (opts.caseIds === 'list') parts.push('list_contains($case_ids::VARCHAR[], c.case_id)');
	if (opts.caseIds === 'table') parts.push(`c.case_id IN (SELECT case_id FROM ${EVAL_CASES})`);
	if (opts.applicableOnly || always) parts.push(applicable);
	// A case received after the as-of moment did not exist then: it is not evaluated at all.
	parts.push('c.received_at <= $as_of::TIMESTAMP');
	return ` WHERE ${parts.join(' AND ')}`;
}

export class Params {
	readonly values: Record<string, DuckDBValue> = {};
	private n = 0;
	bind(value: DuckDBValue): string {
		const name = `p${this.n++}`;
		this.values[name] = value;
		return `$${name}`;
	}
}

const TS = new Set<string>(TIMESTAMP_FIELDS);
const KNOWN = new Set<string>(CONDITION_FIELDS);

function col(field: string): string {
	if (!KNOWN.has(field)) throw new Error(`field not allowed in SQL: ${field}`);
	return `c.${field}`;
}

/** Date index into the calendar lists (1-based; index 0 of a date before the table gives NULL, never wraps around). */
const ix = (day: string) => `greatest(((${day}) - v.base)::INTEGER + 1, 0)`;
const WI = (day: string) => `v.wi[${ix(day)}]`;

function conditionSql(cond: Condition, p: Params): string {
	const f = col(cond.field);
	const isBool = cond.field === 'extension_approved';
	const isNum = cond.field === 'extension_days';
	const val = (x: string | number | boolean) =>
		isBool ? `${p.bind(x === true || x === 'true' || x === '是')}::BOOLEAN` : isNum ? `${p.bind(Number(x))}::DOUBLE` : `${p.bind(String(x))}::VARCHAR`;
	const present = TS.has(cond.field) || isBool || isNum ? `${f} IS NOT NULL` : `nullif(trim(${f}), '') IS NOT NULL`;
	if (cond.equals !== undefined) return `${f} = ${val(cond.equals)}`;
	if (cond['not-equals'] !== undefined) return `${f} IS DISTINCT FROM ${val(cond['not-equals'])}`;
	if (cond.in) return `${f} IN (${cond.in.map(val).join(', ')})`;
	if (cond['not-in']) return `(${f} IS NULL OR ${f} NOT IN (${cond['not-in'].map(val).join(', ')}))`;
	if (cond['not-empty']) return present;
	if (cond.empty) return `NOT (${present})`;
	const other = col(cond['not-same-day-as']!);
	return `(${f} IS NULL OR ${other} IS NULL OR ${f}::DATE <> ${other}::DATE)`;
}

function appliesSql(rule: Rule, p: Params): string {
	if (!rule.applies_when.length) return 'true';
	return `coalesce(${rule.applies_when.map((c) => `(${conditionSql(c, p)})`).join(' AND ')}, false)`;
}

/** Is the value of a condition with `known` one that decides it? (NULL and unrecognised words are not.) */
function knownValueSql(cond: Condition, p: Params): string {
	return `coalesce(${col(cond.field)} IN (${cond.known!.map((x) => `${p.bind(String(x))}::VARCHAR`).join(', ')}), false)`;
}

/**
 * The rule's conditions where a condition that cannot be decided (its field not carried by the case's exports, or
 * with `known`, a value that does not decide it) counts as holding: false only when a condition that can be
 * decided rules the rule out (an anonymous complaint is not applicable whatever its procedure, recorded or not).
 */
function possiblyAppliesSql(rule: Rule, p: Params): string {
	if (!rule.applies_when.length) return 'true';
	const one = (c: Condition) => {
		const fields = c['not-same-day-as'] ? [c.field, c['not-same-day-as']] : [c.field];
		const undecided = [`${uncarriedSql(fields)} <> 0`, ...(c.known ? [`NOT ${knownValueSql(c, p)}`] : [])];
		return `(${undecided.join(' OR ')} OR (${conditionSql(c, p)}))`;
	};
	return `coalesce(${rule.applies_when.map(one).join(' AND ')}, false)`;
}

/** The bits (db/carried.ts) of the conditions with `known` whose value does not decide them, 0 when none. */
function unknownValuesSql(rule: Rule, p: Params): string {
	const conds = rule.applies_when.filter((c) => c.known);
	if (!conds.length) return '0::BIGINT';
	return `(${conds.map((c) => `CASE WHEN ${knownValueSql(c, p)} THEN 0 ELSE ${carriedMask([c.field])} END`).join(' | ')})::BIGINT`;
}

/** The no-data sentence of a rule whose condition value is not known: the pack's own, or one naming the values. */
export function unknownText(rule: Rule): string {
	if (rule.unknown_note) return rule.unknown_note.replace(/[。.]\s*$/, '');
	const c = rule.applies_when.find((x) => x.known)!;
	return noDataText.unknown(fieldLabels[c.field] ?? c.field, c.known!.map(String));
}

/**
 * No-data (nodata.ts): the bits of `fields` that no batch of the case carried (cases.carried_mask; NULL = not
 * known, counts as every field), 0 when all are carried. Masks come from the validated pack's field names.
 */
function uncarriedSql(fields: string[]): string {
	const mask = carriedMask(fields);
	return mask === 0 ? '0::BIGINT' : `(${mask}::BIGINT & ~coalesce(c.carried_mask, -1::BIGINT))`;
}

/** The columns of a no-data row between `missing` and `na_text` (nothing is computed for a rule not judged). */
const NO_DATA_COLUMNS = `NULL::TIMESTAMP AS clock_start, NULL::TIMESTAMP AS done_at, NULL::TIMESTAMP AS due_exact, NULL::DATE AS due_day,
	NULL::INTEGER AS limit_value, NULL::VARCHAR AS limit_unit, false AS given, false AS extended, false AS ext_late,
	NULL::TIMESTAMP AS ext_approved_at, 0 AS paused, NULL::DATE AS rolled_from, NULL::VARCHAR AS subject,
	NULL::VARCHAR AS action, NULL::VARCHAR AS done_verb`;

/**
 * A branch's rows: `judgedSelect` (its FROM last) for the cases that carry every field the rule needs (`missing`
 * is 0), `noDataSelect` for the others (no-data, or not applicable when conditions that can be tested fail). Two
 * scans, so the judged one keeps exactly the filter it had before no-data existed: DuckDB filters the cases by the
 * rule's conditions before computing due moments (an OR of both filters doubled the evaluation's time, measured).
 * What is stored (applicableOnly): judged rows that apply with a started clock, and no-data rows (`noData`).
 */
function splitNoData(judgedSelect: string, noDataSelect: string, opts: CompileOptions, judged: string, missing: string, noData: string): string {
	const known = `${missing} = 0`;
	const unknown = `${missing} <> 0`;
	if (missing === '0::BIGINT') return `${judgedSelect}${whereSql(opts, judged)}`;
	return `${judgedSelect}${whereSql(opts, opts.applicableOnly ? `${judged} AND ${known}` : known, true)}
	UNION ALL
	${noDataSelect}${whereSql(opts, opts.applicableOnly ? `${unknown} AND ${noData}` : unknown, true)}`;
}

/** Chinese reading of a rule's conditions, for "not applicable" when the pack gives no applies_note. */
export function appliesText(rule: Rule): string {
	if (rule.applies_note) return rule.applies_note;
	const parts = rule.applies_when.map((c) => {
		const f = fieldLabels[c.field] ?? c.field;
		if (c.equals !== undefined) return `${f}为“${c.equals}”`;
		if (c['not-equals'] !== undefined) return `${f}不是“${c['not-equals']}”`;
		if (c.in) return `${f}为${c.in.map((x) => `“${x}”`).join('、')}之一`;
		if (c['not-in']) return `${f}不是${c['not-in'].map((x) => `“${x}”`).join('、')}`;
		if (c['not-empty']) return `${f}已填写`;
		if (c.empty) return `${f}为空`;
		return `${f}与${fieldLabels[c['not-same-day-as']!] ?? c['not-same-day-as']}不在同一天`;
	});
	return `本规则只适用于${parts.join('且')}的案件`;
}

const END_OF_DAY = `INTERVAL 86399999 MILLISECOND`;

/**
 * Due moment for a limit counted from start (TIMESTAMP expr), with paused amount (in the limit's unit:
 * working days, calendar days, or seconds for hours). Day-based limits give only the due day (the moment
 * is its end, added once in the outer query); hours give the exact moment.
 */
function dueSql(limit: Limit, start: string, paused: string): { exact: string; dueDay: string; rolledFrom: string; ts: string } {
	const startDay = `(${start})::DATE`;
	const dayBased = (dueDay: string, rolledFrom: string) => ({ exact: 'NULL::TIMESTAMP', dueDay, rolledFrom, ts: `(${dueDay})::TIMESTAMP + ${END_OF_DAY}` });
	switch (limit.unit) {
		case 'working_days':
			// The start day is not counted: the N-th working day after the start date, by working-day index.
			return dayBased(`v.wdays[${WI(startDay)} + ${limit.value} + ${paused}]`, 'NULL::DATE');
		case 'calendar_days':
		case 'months': {
			const raw =
				limit.unit === 'calendar_days'
					? `(${startDay} + (${limit.value} + ${paused})::INTEGER)`
					: `((${startDay} + INTERVAL ${limit.value} MONTH)::DATE + (${paused})::INTEGER)`;
			if (!limit.roll_forward) return dayBased(raw, 'NULL::DATE');
			return dayBased(`CASE WHEN v.isw[${ix(raw)}] THEN ${raw} ELSE v.wdays[${WI(raw)} + 1] END`, `CASE WHEN NOT v.isw[${ix(raw)}] THEN ${raw} END`);
		}
		case 'hours':
		case 'minutes': {
			const due = `(${start}) + INTERVAL ${limit.value} ${limit.unit === 'hours' ? 'HOUR' : 'MINUTE'} + to_seconds((${paused})::BIGINT)`;
			return { exact: due, dueDay: `(${due})::DATE`, rolledFrom: 'NULL::DATE', ts: due };
		}
	}
}

function pausedSql(unit: Limit['unit'], ruleIdExpr: string, opts: CompileOptions): string {
	if (!opts.withPauses) return '0';
	const colName = unit === 'working_days' ? 'wd' : unit === 'hours' || unit === 'minutes' ? 'secs' : 'days';
	return `coalesce((SELECT pa.${colName} FROM _pause_agg pa WHERE pa.case_id = c.case_id AND pa.rule_id = ${ruleIdExpr}), 0)`;
}

function extendedLimit(base: Limit, ext: { limit?: Limit; add?: number }): Limit {
	return ext.limit ?? { ...base, value: base.value + (ext.add ?? 0) };
}

/**
 * The extension is valid when approved, and neither requested nor approved after the original due
 * moment: an extension approved after the deadline does not rescue a breach.
 */
function extValidSql(origDue: string): string {
	return `(coalesce(c.extension_approved, false) AND (c.extension_approved_at IS NULL OR c.extension_approved_at <= ${origDue})
		AND (c.extension_requested_at IS NULL OR c.extension_requested_at <= ${origDue}))`;
}

interface BranchParts {
	applies: string;
	start: string;
	stop: string;
	limit: Limit | null;
	given: boolean;
	paused: string;
}

/**
 * The moment a rule's clock starts: its start field, or (clock.after, a reclassification) the end of a period
 * counted from it: a day period ends with its last day, so the clock starts at 00:00 of the day after.
 */
export function clockStartSql(rule: Rule): string {
	const start = col(rule.clock!.start);
	const after = rule.clock!.after;
	if (!after) return start;
	switch (after.unit) {
		case 'hours':
			return `(${start} + INTERVAL ${after.value} HOUR)`;
		case 'calendar_days':
			return `((${start})::DATE + ${after.value + 1})::TIMESTAMP`;
		case 'months':
			return `((${start})::DATE + INTERVAL ${after.value} MONTH + INTERVAL 1 DAY)::TIMESTAMP`;
	}
}

/** A reclassification rule applies only when the stop had not happened when the clock starts. */
function reclassifiedSql(rule: Rule): string {
	if (!rule.clock?.after) return '';
	const stop = col(rule.clock.stop);
	return ` AND (${stop} IS NULL OR ${stop} > ${clockStartSql(rule)})`;
}

function partsOf(rule: Rule, p: Params, opts: CompileOptions, ruleIdForPauses: () => string): BranchParts {
	const limit = rule.type === 'given-due' ? null : rule.limit!;
	return {
		applies: rule.clock?.after ? `coalesce(${appliesSql(rule, p)}${reclassifiedSql(rule)}, false)` : appliesSql(rule, p),
		start: clockStartSql(rule),
		stop: col(rule.clock!.stop),
		limit,
		given: rule.type === 'given-due',
		paused: limit && opts.withPauses ? pausedSql(limit.unit, ruleIdForPauses(), opts) : '0'
	};
}

/**
 * 「依据第二十五条」: the article an explanation cites. An article that is not a numbered article or section
 * (第…条, 5.4.2) is cited by its document's one title (documentTitle).
 */
export function citeText(pack: Pick<PackData, 'title' | 'source'>, rule: Rule): string {
	const a = rule.citation.article;
	return /[A-Za-z]/.test(a) || !/^(第|\d+(\.\d+)+)/.test(a) ? `依据《${documentTitle(pack, rule.citation)}》` : `依据${a}`;
}

/** The due day of the limit's target (农商银行第十条: 7 of 七至十个工作日), NULL without one. */
function targetSql(b: BranchParts): string {
	if (!b.limit?.target) return 'NULL::DATE';
	return dueSql({ ...b.limit, value: b.limit.target }, b.start, b.paused).dueDay;
}

/** A plain rule (possibly with an inline extension, possibly extended by an extension rule). */
function ruleBranch(pack: PackData, rule: Rule, p: Params, opts: CompileOptions): string {
	const rid = p.bind(rule.id);
	const b = partsOf(rule, p, opts, () => rid);
	const w = rule.wording!;
	const extRule = extendedBy(pack, rule);
	const inlineExt = rule.extension && !rule.extension.of ? rule.extension : undefined;
	let due: string, dueDay: string, rolled: string, extended: string, extLate: string, naExtra: string;
	let limitValue: string, limitUnit: string;
	if (b.given) {
		// A date-only due moment (00:00:00) means the whole day.
		due = `CASE WHEN c.due_at = date_trunc('day', c.due_at) THEN c.due_at + ${END_OF_DAY} ELSE c.due_at END`;
		dueDay = `c.due_at::DATE`;
		rolled = 'NULL::DATE';
		extended = 'false';
		extLate = 'false';
		naExtra = `WHEN c.due_at IS NULL THEN 'no_due'`;
		limitValue = 'NULL::INTEGER';
		limitUnit = 'NULL::VARCHAR';
	} else {
		const orig = dueSql(b.limit!, b.start, b.paused);
		limitValue = String(b.limit!.value);
		limitUnit = `'${b.limit!.unit}'`;
		if (inlineExt) {
			const el = extendedLimit(b.limit!, inlineExt);
			const ext = dueSql(el, b.start, opts.withPauses ? pausedSql(el.unit, rid, opts) : '0');
			const valid = extValidSql(orig.ts);
			let extDay = ext.dueDay, extRolled = ext.rolledFrom, extValue = String(el.value), extUnit = `'${el.unit}'`;
			if (inlineExt.approved_days) {
				// the approved days added to the rule's own limit, the extended limit the ceiling
				const days = 'coalesce(c.extension_days, 0)';
				const added = dueSql(b.limit!, b.start, `(${b.paused} + ${days})`);
				const useAdded = `(${days} > 0 AND ${added.dueDay} < ${ext.dueDay})`;
				extDay = `CASE WHEN ${useAdded} THEN ${added.dueDay} ELSE ${ext.dueDay} END`;
				extRolled = `CASE WHEN ${useAdded} THEN ${added.rolledFrom} ELSE ${ext.rolledFrom} END`;
				extValue = `CASE WHEN ${useAdded} THEN ${b.limit!.value} + ${days} ELSE ${el.value} END`;
				extUnit = `CASE WHEN ${useAdded} THEN '${b.limit!.unit}' ELSE '${el.unit}' END`;
			}
			due = `CASE WHEN ${valid} THEN ${ext.exact} ELSE ${orig.exact} END`;
			dueDay = `CASE WHEN ${valid} THEN ${extDay} ELSE ${orig.dueDay} END`;
			rolled = `CASE WHEN ${valid} THEN ${extRolled} ELSE ${orig.rolledFrom} END`;
			extended = valid;
			extLate = `(coalesce(c.extension_approved, false) AND NOT ${valid})`;
			limitValue = `CASE WHEN ${valid} THEN ${extValue} ELSE ${b.limit!.value} END`;
			limitUnit = `CASE WHEN ${valid} THEN ${extUnit} ELSE '${b.limit!.unit}' END`;
			naExtra = '';
		} else {
			due = orig.exact;
			dueDay = orig.dueDay;
			rolled = orig.rolledFrom;
			extended = 'false';
			// With a separate extension rule, a timely approved extension hands the case over to that rule.
			extLate = extRule ? `(coalesce(c.extension_approved, false) AND NOT ${extValidSql(orig.ts)})` : 'false';
			naExtra = extRule ? `WHEN ${extValidSql(orig.ts)} THEN 'extended'` : '';
		}
	}
	// no-data: conditions that cannot be tested (a field not carried, or a value that does not decide them), or a
	// clock field the data does not carry
	const uncarried = uncarriedSql([...conditionFields(rule), ...clockFields(rule)]);
	const unknown = unknownValuesSql(rule, p);
	const missing = unknown === '0::BIGINT' ? uncarried : `(${uncarried} | ${unknown})`;
	const possibly = possiblyAppliesSql(rule, p);
	const select = `SELECT c.case_id, ${rid} AS rule_id,
		CASE WHEN NOT ${b.applies} THEN 'conditions' WHEN ${b.start} IS NULL THEN 'no_start' ${naExtra} END AS na_code, 0::BIGINT AS missing,
		${b.start} AS clock_start, ${b.stop} AS done_at, ${due} AS due_exact, ${dueDay} AS due_day,
		${limitValue} AS limit_value, ${limitUnit} AS limit_unit, ${b.given} AS given,
		${extended} AS extended, ${extLate} AS ext_late, c.extension_approved_at AS ext_approved_at,
		${b.paused} AS paused, ${rolled} AS rolled_from,
		${p.bind(w.subject)} AS subject, ${p.bind(w.action)} AS action, ${p.bind(w.done)} AS done_verb,
		${p.bind(appliesText(rule))} AS na_text, ${extRule ? p.bind(extRule.id) : 'NULL::VARCHAR'} AS ext_rule_id,
		${targetSql(b)} AS target_day, ${b.limit?.target ?? 'NULL'}::INTEGER AS target_value, ${p.bind(citeText(pack, rule))} AS cite
	FROM cases c, _cal_v v`;
	const naText = p.bind(appliesText(rule));
	// 'unknown': every field is carried, a value does not decide a condition (na_text then says which)
	const unknownCode = unknown === '0::BIGINT' ? '' : `WHEN ${uncarried} = 0 THEN 'unknown'`;
	const noDataNa = unknown === '0::BIGINT' ? naText : `CASE WHEN ${uncarried} = 0 AND ${possibly} THEN ${p.bind(unknownText(rule))} ELSE ${naText} END`;
	const noData = `SELECT c.case_id, ${rid} AS rule_id, CASE WHEN NOT ${possibly} THEN 'conditions' ${unknownCode} END AS na_code,
		${missing} AS missing, ${NO_DATA_COLUMNS}, ${noDataNa} AS na_text, NULL::VARCHAR AS ext_rule_id, NULL::DATE AS target_day, NULL::INTEGER AS target_value, ${p.bind(citeText(pack, rule))} AS cite
	FROM cases c`;
	return splitNoData(select, noData, opts, `${b.applies} AND ${b.start} IS NOT NULL`, missing, possibly);
}

/** An extension rule (complex-extension): the base rule whose conditions hold, with the extended limit. */
function extensionBranch(pack: PackData, rule: Rule, p: Params, opts: CompileOptions): string {
	const rid = p.bind(rule.id);
	const bases = baseRules(pack, rule);
	const parts = bases.map((base) => {
		const bp = partsOf(base, p, opts, () => p.bind(base.id));
		const el = extendedLimit(bp.limit!, rule.extension!);
		const orig = dueSql(bp.limit!, bp.start, bp.paused);
		const ext = dueSql(el, bp.start, bp.paused);
		return { base, bp, el, orig, ext, valid: extValidSql(orig.ts) };
	});
	const pick = (f: (x: (typeof parts)[number]) => string, otherwise = 'NULL') =>
		`CASE ${parts.map((x) => `WHEN ${x.bp.applies} THEN ${f(x)}`).join(' ')} ELSE ${otherwise} END`;
	const anyApplies = parts.map((x) => x.bp.applies).join(' OR ');
	const naText = `本规则只适用于经批准延期的${bases.map((b) => b.wording!.subject).join('、')}`;
	const w = bases[0].wording!;
	// no-data: the fields of the base rule that applies (of every base when none can be told to apply); an
	// extension rule only judges approved extensions, so without one it stays not applicable as before
	const missing = pick((x) => uncarriedSql([...conditionFields(x.base), ...clockFields(x.base)]),
		uncarriedSql(bases.flatMap((x) => [...conditionFields(x), ...clockFields(x)])));
	const condKnown = `${uncarriedSql(bases.flatMap(conditionFields))} = 0`;
	const select = `SELECT c.case_id, ${rid} AS rule_id,
		CASE WHEN NOT (${anyApplies}) THEN 'conditions'
			WHEN ${pick((x) => x.bp.start)} IS NULL THEN 'no_start'
			WHEN NOT coalesce(c.extension_approved, false) THEN 'no_extension'
			WHEN NOT ${pick((x) => x.valid, 'false')} THEN 'ext_too_late' END AS na_code, 0::BIGINT AS missing,
		${pick((x) => x.bp.start)} AS clock_start, ${pick((x) => x.bp.stop)} AS done_at,
		${pick((x) => x.ext.exact)} AS due_exact, ${pick((x) => x.ext.dueDay)} AS due_day,
		${pick((x) => String(x.el.value))} AS limit_value, ${pick((x) => `'${x.el.unit}'`)} AS limit_unit, false AS given,
		true AS extended, false AS ext_late, c.extension_approved_at AS ext_approved_at,
		${pick((x) => x.bp.paused, '0')} AS paused, ${pick((x) => x.ext.rolledFrom)} AS rolled_from,
		${pick((x) => p.bind(x.base.wording!.subject), p.bind(w.subject))} AS subject,
		${pick((x) => p.bind(x.base.wording!.action), p.bind(w.action))} AS action,
		${pick((x) => p.bind(x.base.wording!.done), p.bind(w.done))} AS done_verb,
		${p.bind(naText)} AS na_text, NULL::VARCHAR AS ext_rule_id, NULL::DATE AS target_day, NULL::INTEGER AS target_value,
		${p.bind(citeText(pack, rule))} AS cite
	FROM cases c, _cal_v v`;
	const approved = 'coalesce(c.extension_approved, false)';
	const noData = `SELECT c.case_id, ${rid} AS rule_id,
		CASE WHEN ${condKnown} AND NOT (${anyApplies}) THEN 'conditions' WHEN NOT ${approved} THEN 'no_extension' END AS na_code,
		${missing} AS missing, ${NO_DATA_COLUMNS}, ${p.bind(naText)} AS na_text, NULL::VARCHAR AS ext_rule_id, NULL::DATE AS target_day, NULL::INTEGER AS target_value,
		${p.bind(citeText(pack, rule))} AS cite
	FROM cases c`;
	return splitNoData(select, noData, opts, `(${anyApplies}) AND ${approved}`, missing, `(${anyApplies} OR NOT ${condKnown}) AND ${approved}`);
}

/** SELECT of pause aggregates per case and rule (clock fields of each plain rule), for _pause_agg. */
export function pauseAggSql(pack: PackData, p: Params): string | null {
	const rules = pack.rules.filter((r) => !r.extension?.of && r.type !== 'given-due');
	if (!rules.length) return null;
	const branches = rules.map((r) => {
		const start = clockStartSql(r);
		const stop = col(r.clock!.stop);
		// As of $as_of: a pause (or a stop) after that moment had not ended (happened) yet.
		const pauseEnd = 'least(coalesce(pz.end_at, $as_of::TIMESTAMP), $as_of::TIMESTAMP)';
		const stopAsOf = `least(coalesce(${stop}, $as_of::TIMESTAMP), $as_of::TIMESTAMP)`;
		return `SELECT pz.case_id, ${p.bind(r.id)} AS rule_id,
			sum(${WI(`${pauseEnd}::DATE`)} - ${WI('pz.start_at::DATE')})::INTEGER AS wd,
			sum(${pauseEnd}::DATE - pz.start_at::DATE)::INTEGER AS days,
			sum(epoch(${pauseEnd}) - epoch(pz.start_at))::BIGINT AS secs
		FROM case_pauses pz JOIN cases c USING (case_id), _cal_v v
		WHERE ${start} IS NOT NULL AND pz.start_at >= ${start} AND pz.start_at < ${stopAsOf}
			AND ${pauseEnd} > pz.start_at
		GROUP BY pz.case_id`;
	});
	return `CREATE OR REPLACE TEMP TABLE _pause_agg AS ${branches.join('\nUNION ALL\n')}`;
}

/** Every rule of the pack as one UNION ALL of branches with the same columns (typed empty select for a pack without rules). */
export function branchesSql(pack: PackData, p: Params, opts: CompileOptions): string {
	const branches = pack.rules.map((r) => (r.extension?.of ? extensionBranch(pack, r, p, opts) : ruleBranch(pack, r, p, opts)));
	if (!branches.length)
		return `SELECT NULL::VARCHAR AS case_id, NULL::VARCHAR AS rule_id, NULL::VARCHAR AS na_code, 0::BIGINT AS missing, NULL::TIMESTAMP AS clock_start,
			NULL::TIMESTAMP AS done_at, NULL::TIMESTAMP AS due_exact, NULL::DATE AS due_day, NULL::INTEGER AS limit_value,
			NULL::VARCHAR AS limit_unit, false AS given, false AS extended, false AS ext_late, NULL::TIMESTAMP AS ext_approved_at,
			0 AS paused, NULL::DATE AS rolled_from, NULL::VARCHAR AS subject, NULL::VARCHAR AS action, NULL::VARCHAR AS done_verb,
			NULL::VARCHAR AS na_text, NULL::VARCHAR AS ext_rule_id, NULL::DATE AS target_day, NULL::INTEGER AS target_value, NULL::VARCHAR AS cite WHERE false`;
	return branches.join('\nUNION ALL\n');
}

const unitLabelSql = (a: string) =>
	`CASE ${a}.limit_unit ${Object.entries(unitLabels)
		.map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
		.join(' ')} END`;

/** Date text of a DATE expression from the preformatted calendar list. */
const dayText = (day: string) => `v.ymd[${ix(day)}]`;
/** Hours rules and given due moments with a time show the time; day rules the date only. */
const timed = (a: string) => `(${a}.limit_unit IN ('hours', 'minutes') OR (${a}.given AND ${a}.due_at::TIME <> TIME '23:59:59.999'))`;
const momentText = (a: string, ts: string) =>
	`CASE WHEN ${timed(a)} THEN strftime(${ts}, '%Y年%-m月%-d日%H:%M') ELSE ${dayText(`(${ts})::DATE`)} END`;

/**
 * Status, lateness, provisional flag and explanation over the branch rows (as-of moment $as_of).
 * Lateness: working days from the due date to the done date (to the as-of date for open cases).
 */
export function resultSelectSql(branches: string, explain: 'all' | 'none'): string {
	const asOfDay = '$as_of::TIMESTAMP::DATE';
	const expl = explanationSql('s');
	return `SELECT s.* REPLACE (
			CASE WHEN s.status IN ('not-applicable', 'no-data') THEN NULL ELSE s.clock_start END AS clock_start,
			CASE WHEN s.status IN ('not-applicable', 'no-data') THEN NULL ELSE s.due_at END AS due_at,
			CASE WHEN s.status IN ('not-applicable', 'no-data') THEN NULL ELSE s.done_at END AS done_at),
		${explain === 'all' ? expl : 'NULL::VARCHAR'} AS explanation
	FROM (
		SELECT t.*,
			CASE t.status
				WHEN 'breached' THEN greatest(${WI('t.done_at::DATE')} - ${WI('t.due_day')}, 0)
				WHEN 'open-overdue' THEN greatest(${WI(asOfDay)} - ${WI('t.due_day')}, 0)
				WHEN 'not-applicable' THEN NULL WHEN 'no-data' THEN NULL ELSE 0 END AS working_days_late,
			-- provisional: a result that depends on the working-day calendar (working days, a due day rolled forward)
			-- whose window [clock start, end] holds an uncertain day (calendar/days.ts: near a holiday of a year
			-- without a notice, where the unknown 调休 would move working days)
			CASE WHEN t.status IN ('not-applicable', 'no-data') THEN false
				WHEN NOT (t.limit_unit = 'working_days' OR t.rolled_from IS NOT NULL) THEN false
				ELSE coalesce(v.uo[${ix(`greatest(t.due_day, coalesce(t.done_at::DATE, ${asOfDay}))`)}]
					> coalesce(v.uo[${ix('t.clock_start::DATE')} - 1], 0), true) END AS provisional,
			greatest(t.due_day, coalesce(t.done_at::DATE, ${asOfDay})) AS window_end
		FROM (
			SELECT r.*,
				CASE WHEN (r.na_code IS NULL OR r.na_code = 'unknown') AND r.missing <> 0 THEN 'no-data'
					WHEN r.na_code IS NOT NULL OR r.due_at IS NULL THEN 'not-applicable'
					WHEN r.done_at IS NOT NULL THEN CASE WHEN r.done_at <= r.due_at THEN 'met' ELSE 'breached' END
					WHEN r.due_at < $as_of::TIMESTAMP THEN 'open-overdue' ELSE 'open-within' END AS status,
				coalesce(r.na_code, CASE WHEN r.due_at IS NULL THEN 'no_calendar' END) AS na_reason
			FROM (SELECT b.* EXCLUDE (due_exact) REPLACE (
					-- as of $as_of: a clock that starts later has not started, a step done later is not done
					CASE WHEN b.na_code IS NULL AND b.clock_start > $as_of::TIMESTAMP THEN 'not_started' ELSE b.na_code END AS na_code,
					CASE WHEN b.done_at <= $as_of::TIMESTAMP THEN b.done_at END AS done_at),
				coalesce(b.due_exact, b.due_day::TIMESTAMP + ${END_OF_DAY}) AS due_at FROM (${branches}) b) r
		) t, _cal_v v
	) s, _cal_v v`;
}

/** The Chinese sentence for a result row (alias a, columns of resultSelectSql), built in SQL. */
export function explanationSql(a: string): string {
	const startDay = `${a}.clock_start::DATE`;
	const end = `${a}.window_end`;
	const from = `greatest(b.f, ${startDay} + 1)`;
	const to = `least(b.l, ${end})`;
	// Holiday blocks overlapping (start, end]: a slice of the ordered block list by per-day block counts.
	const blocks = `list_filter(v.blocks[greatest(v.bidx[${ix(startDay)}], 1):v.bidx[${ix(end)}]], lambda b: b.l > ${startDay})`;
	// Dates within the year of the clock's start read as 2月10日; a window reaching into another year names every
	// date's year (2024年2月10日), else the holidays of different years could not be told apart.
	const oneYear = `year(${startDay}) = year(${end})`;
	const dayOf = (day: string) => `CASE WHEN ${oneYear} THEN v.md[${ix(day)}] ELSE v.ymd[${ix(day)}] END`;
	const blockText = `array_to_string(list_transform(${blocks}, lambda b: b.name || ${dayOf(from)}
		|| CASE WHEN ${to} = ${from} THEN '' WHEN month(${to}) = month(${from}) THEN '至' || v.dd[${ix(to)}] ELSE '至' || v.md[${ix(to)}] END
		|| '不计'), '，')`;
	const makeups = `v.makeups[v.midx[${ix(startDay)}] + 1:v.midx[${ix(end)}]]`;
	const makeupText = `CASE WHEN len(${makeups}) > 0 THEN array_to_string(list_transform(${makeups}, lambda m: ${dayOf('m')}), '、') || '调休上班计入' END`;
	// A long-open case: counts instead of a list of every block (more than 3 holiday blocks or 4 make-up days).
	const long = `(len(${blocks}) > 3 OR len(${makeups}) > 4)`;
	const holidayDays = `list_sum(list_transform(${blocks}, lambda b: (${to} - ${from} + 1)))`;
	const countText = `'节假日' || ${holidayDays} || '天（' || len(${blocks}) || '个假期）不计'
		|| CASE WHEN len(${makeups}) > 0 THEN '，调休上班' || len(${makeups}) || '天计入' ELSE '' END`;
	const seconds = `ceil(epoch(coalesce(${a}.done_at, $as_of::TIMESTAMP)) - epoch(${a}.due_at))::BIGINT`;
	const minutes = `ceil((epoch(coalesce(${a}.done_at, $as_of::TIMESTAMP)) - epoch(${a}.due_at)) / 60)::BIGINT`;
	// timed limits: seconds under a minute, minutes and hours up to a day, working days beyond
	const lateText = `CASE WHEN ${timed(a)} THEN
			(CASE WHEN ${seconds} < 60 THEN ${seconds} || '秒'
				WHEN ${seconds} > 86400 AND ${a}.working_days_late > 0 THEN ${a}.working_days_late || '个工作日'
				WHEN ${minutes} < 60 THEN ${minutes} || '分钟' ELSE (${minutes} // 60) || '小时' || CASE WHEN ${minutes} % 60 > 0 THEN (${minutes} % 60) || '分钟' ELSE '' END END)
		WHEN ${a}.working_days_late > 0 THEN ${a}.working_days_late || '个工作日' ELSE '不足1个工作日' END`;
	const head = `CASE WHEN ${a}.given THEN ${a}.subject || '应在来源系统给定的办理时限（' || ${momentText(a, `${a}.due_at`)} || '）前' || ${a}.action
		ELSE ${a}.subject || CASE WHEN ${a}.extended THEN '经批准延期，' ELSE '' END || '应自' || ${momentText(a, `${a}.clock_start`)}
			|| '起' || ${a}.limit_value || ${unitLabelSql(a)} || '内（至' || ${momentText(a, `${a}.due_at`)} || '）' || ${a}.action END`;
	const asOfText = dayText('$as_of::TIMESTAMP::DATE');
	const verdict = `CASE ${a}.status
		WHEN 'met' THEN '，实际于' || ${momentText(a, `${a}.done_at`)} || ${a}.done_verb || '，未超期'
		WHEN 'breached' THEN '，实际于' || ${momentText(a, `${a}.done_at`)} || ${a}.done_verb || '，超期' || ${lateText}
		WHEN 'open-overdue' THEN '，截至' || ${asOfText} || '仍未' || ${a}.done_verb || '，已超期' || ${lateText}
		ELSE '，截至' || ${asOfText} || '尚未' || ${a}.done_verb || '，仍在期限内' END`;
	const asOfDay0 = '$as_of::TIMESTAMP::DATE';
	const approved = `CASE WHEN ${a}.ext_approved_at IS NOT NULL THEN '于' || ${dayText(`${a}.ext_approved_at::DATE`)} || '批准，' ELSE '' END`;
	const notes = `concat_ws('，',
		CASE WHEN ${a}.limit_unit = 'working_days' AND ${long} THEN ${countText} END,
		CASE WHEN ${a}.limit_unit = 'working_days' AND NOT ${long} THEN nullif(${blockText}, '') END,
		CASE WHEN ${a}.limit_unit = 'working_days' AND NOT ${long} THEN ${makeupText} END,
		CASE WHEN ${a}.rolled_from IS NOT NULL THEN '期满日' || ${dayText(`${a}.rolled_from`)} || '为非工作日，顺延至' || ${dayText(`${a}.due_day`)} END,
		CASE WHEN ${a}.paused > 0 THEN '中止计时' || CASE ${a}.limit_unit WHEN 'working_days' THEN ${a}.paused || '个工作日'
			WHEN 'hours' THEN round(${a}.paused / 3600.0, 1) || '小时' WHEN 'minutes' THEN round(${a}.paused / 60.0, 1) || '分钟' ELSE ${a}.paused || '日' END || '，期限相应顺延' END,
		CASE WHEN ${a}.target_day IS NOT NULL AND NOT ${a}.extended THEN '目标' || ${a}.target_value || ${unitLabelSql(a)} || '即'
			|| ${dayText(`${a}.target_day`)} || '前'
			|| CASE WHEN ${a}.done_at IS NOT NULL THEN CASE WHEN ${a}.done_at::DATE <= ${a}.target_day THEN '，已达到' ELSE '，未达到' END
				WHEN ${asOfDay0} > ${a}.target_day THEN '，未达到' ELSE '' END END,
		CASE WHEN ${a}.ext_late THEN '延期' || ${approved} || '晚于原期限，不予计入' END,
		CASE WHEN ${a}.provisional THEN '所涉年份国务院放假安排尚未公布，按法定节假日推算、调休未计，结果为临时' END,
		${a}.cite)`;
	const na = `'不适用：' || CASE ${a}.na_reason
		WHEN 'conditions' THEN ${a}.na_text
		WHEN 'no_start' THEN '起算时间为空，无法起算'
		WHEN 'not_started' THEN '截至' || ${asOfText} || '尚未起算'
		WHEN 'no_due' THEN '数据未给出办理时限'
		WHEN 'extended' THEN '已经批准延期，改按“' || ${a}.ext_rule_id || '”规则的延长时限评价'
		WHEN 'no_extension' THEN '未经批准延期，按原时限评价'
		WHEN 'ext_too_late' THEN '延期' || ${approved} || '晚于原期限，不予计入，按原时限评价'
		ELSE '日期超出日历范围，无法计算' END
		|| CASE WHEN ${a}.na_reason = 'conditions' AND contains(${a}.na_text, substr(${a}.cite, 3)) THEN '' ELSE coalesce('（' || ${a}.cite || '）', '') END || '。'`;
	const noData = `CASE WHEN ${a}.na_reason = 'unknown' THEN ${a}.na_text ELSE ${noDataSql(a)} END || coalesce('（' || ${a}.cite || '）', '') || '。'`;
	return `CASE WHEN ${a}.status = 'not-applicable' THEN ${na} WHEN ${a}.status = 'no-data' THEN ${noData} ELSE
		${head} || ${verdict} || coalesce('（' || nullif(${notes}, '') || '）', '') || '。' END`;
}

/** 「导出文件未包含“受理决定时间”，无法判定本规则（数据不足）」: the missing fields named from the row's mask (the caller cites the article). */
function noDataSql(a: string): string {
	const quote = (t: string) => `'${t.replaceAll("'", "''")}'`;
	const names = CARRIED_BITS.map((f, i) => `CASE WHEN (${a}.missing & ${2 ** i}::BIGINT) <> 0 THEN ${quote(noDataText.field(fieldLabels[f] ?? f))} END`);
	return `${quote(noDataText.before)} || array_to_string(list_filter([${names.join(', ')}], x -> x IS NOT NULL), ${quote(noDataText.separator)}) || ${quote(noDataText.after)}`;
}

/**
 * The status as of an earlier moment `t` (SQL) of a stored result `a` (as of now): a step done after t was still
 * open then, overdue if its due moment had passed; a result that does not say when it was done or due reads as
 * stored; no-data stays no-data. `startedAtSql` says whether its clock had started by t (else it did not apply).
 * The stored due moment is the clock's own: exact but for a pause running at t or an extension approved after it.
 */
export function statusAtSql(a: string, t: string): string {
	return `(CASE WHEN ${a}.status = 'no-data' THEN ${a}.status
		WHEN ${a}.done_at IS NOT NULL AND ${a}.done_at <= ${t} THEN ${a}.status
		WHEN ${a}.done_at IS NULL AND ${a}.status IN ('met', 'breached') THEN ${a}.status
		WHEN ${a}.due_at IS NULL THEN ${a}.status
		WHEN ${a}.due_at < ${t} THEN 'open-overdue' ELSE 'open-within' END)`;
}

export function startedAtSql(a: string, t: string): string {
	return `(${a}.status = 'no-data' OR ${a}.clock_start IS NULL OR ${a}.clock_start <= ${t})`;
}

/**
 * The status of `a` at `t` in one expression, 'not-started' when its clock had not started by t (it counted
 * nowhere then): what the as-of corrections compare with the stored status, worked out once per row.
 */
export function statusThenSql(a: string, t: string): string {
	return `CASE WHEN ${startedAtSql(a, t)} THEN ${statusAtSql(a, t)} ELSE 'not-started' END`;
}
