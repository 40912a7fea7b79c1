// Deadline lists as XLSX for an inspector's file: the 临期 list and the overdue list (超期未办结 and 超期办结), each
// row with its rule, article, due moment and working days late. Cases come through the metrics layer's filters and
// unit scope (compileWhere); no complainant identity is written, whatever the role. Every export is audited.
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeeCases } from '../auth/scope.ts';
import { audit } from '../auth/audit.ts';
import { UserInputError } from '../errors.ts';
import { escapeFormula } from '../spreadsheet.ts';
import { documentTitle, loadPack, type RulePack } from '../compliance/pack.ts';
import { defaultPackName } from '../settings.ts';
import type { FilterState } from '../../model/filters.ts';
import { compileWhere, validateFilters } from '../metrics/compile.ts';
import { effectivePeriod } from '../metrics/overview.ts';
import { ensureFacts } from '../metrics/facts.ts';
import { ratedResults } from '../metrics/evaluations.ts';
import { nearlyList } from '../metrics/nearly.ts';
import { XLSX_MAX_ROWS } from '../metrics/cases.ts';
import { nearlyText as t } from '../../i18n/zh/nearly.ts';

type Cell = string | number | null;
interface Column {
	key: string;
	header: string;
	width: number;
}

const col = (key: string, header: string, width = 14): Column => ({ key, header, width });

/**
 * What both lists say of an evaluation: the case, its unit, the rule (its Chinese title) and article, when its clock
 * ran and fell due. The rule's id (accept-decision) is no word a reader knows: it comes last, as 规则编号, for
 * matching with the pack file.
 */
const EVALUATION_COLUMNS: Column[] = [
	col('case_id', t.colCase, 18),
	col('unit', t.colUnit, 18),
	col('received_at', t.colReceived, 20),
	col('rule_title', t.colRule, 30),
	col('document', t.colDocument, 30),
	col('article', t.colArticle),
	col('clock_start', t.colClockStart, 20),
	col('due_at', t.colDue, 24)
];

export const NEARLY_COLUMNS: Column[] = [
	...EVALUATION_COLUMNS,
	col('working_days_left', t.colWdLeft),
	col('hours_left', t.colHoursLeft),
	col('rule_id', t.colRuleId, 18)
];

export const OVERDUE_COLUMNS: Column[] = [
	...EVALUATION_COLUMNS,
	col('done_at', t.colDone, 20),
	col('status', t.colStatus),
	col('working_days_late', t.colWdLate),
	col('rule_id', t.colRuleId, 18)
];

/** A workbook of one sheet, streamed: text cells formula-escaped, numbers as numbers. */
function workbook(sheetName: string, columns: Column[], rows: () => AsyncIterable<Record<string, Cell>>): ReadableStream<Uint8Array> {
	const out = new PassThrough();
	const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
	const sheet = wb.addWorksheet(sheetName);
	sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
	sheet.getRow(1).font = { bold: true };
	(async () => {
		try {
			let n = 0;
			for await (const r of rows()) {
				if (n++ >= XLSX_MAX_ROWS) break;
				sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, typeof r[c.key] === 'string' ? escapeFormula(r[c.key] as string) : (r[c.key] ?? null)]))).commit();
			}
			sheet.commit();
			await wb.commit();
		} catch (e) {
			out.destroy(e as Error);
		}
	})();
	return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

/** '2026-09-28T23:59:59.999+08:00' → '2026-09-28 23:59:59' (the wall clock an inspector reads). */
const wall = (iso: string | null): string | null => (iso ? iso.replace('T', ' ').replace(/(\.\d+)?\+08:00$/, '') : null);

function requireCases(user: SessionUser): void {
	if (!canSeeCases(user)) throw new UserInputError('forbidden', t.forbidden);
}

/** The 临期 list of the user's scope under the filters (and rule), as XLSX. */
export async function exportNearlyXlsx(db: Database, user: SessionUser, filters: FilterState, rule?: string | null): Promise<ReadableStream<Uint8Array>> {
	requireCases(user);
	const list = await nearlyList(db, user, { filters, rule, limit: XLSX_MAX_ROWS });
	await audit(db, { user, action: 'export', target: 'nearly.xlsx', detail: { filters, rule: rule ?? null } });
	return workbook(t.sheetNearly, NEARLY_COLUMNS, async function* () {
		for (const r of list.rows) {
			yield {
				case_id: r.case_id,
				unit: r.unit,
				received_at: wall(r.received_at),
				rule_id: r.rule_id,
				rule_title: r.rule_title,
				document: r.document,
				article: r.article,
				clock_start: wall(r.clock_start),
				due_at: wall(r.due_at),
				working_days_left: r.working_days_left,
				hours_left: r.hours_left
			};
		}
	});
}

export const OVERDUE_STATUSES = ['open-overdue', 'breached'] as const;

/**
 * The overdue list (超期未办结 and 超期办结, or one of them) of the default pack's stored results — those the 超期未办结
 * KPI counts — for the cases of the filters in the user's scope, as XLSX; open-overdue first, the latest first.
 */
export async function exportOverdueXlsx(
	db: Database,
	user: SessionUser,
	filters: FilterState,
	opts: { status?: string | null; rule?: string | null } = {}
): Promise<ReadableStream<Uint8Array>> {
	requireCases(user);
	if (opts.status && !(OVERDUE_STATUSES as readonly string[]).includes(opts.status)) throw new UserInputError('bad_status', t.badStatus(opts.status), { field: 'status' });
	const f = effectivePeriod(validateFilters(filters) as FilterState);
	const where = compileWhere(validateFilters(f), user);
	const packName = await defaultPackName(db);
	let pack: RulePack | null = null;
	try {
		pack = loadPack(packName);
	} catch {
		pack = null;
	}
	const params: Record<string, DuckDBValue> = { ...where.params, o_pack: packName };
	const conds = [where.sql, "cr.status IN ('open-overdue', 'breached')"];
	if (opts.status) {
		conds.push('cr.status = $o_status');
		params.o_status = opts.status;
	}
	if (opts.rule) {
		conds.push('cr.rule_id = $o_rule');
		params.o_rule = opts.rule;
	}
	await ensureFacts(db);
	const rows = await db.query<Record<string, Cell>>(
		`SELECT cr.case_id, f.unit, strftime(f.received_at, '%Y-%m-%d %H:%M:%S') AS received_at, cr.rule_id,
			strftime(cr.clock_start, '%Y-%m-%d %H:%M:%S') AS clock_start, strftime(cr.due_at, '%Y-%m-%d %H:%M:%S') AS due_at,
			strftime(cr.done_at, '%Y-%m-%d %H:%M:%S') AS done_at, cr.status, cr.working_days_late::INTEGER AS working_days_late
		 FROM ${ratedResults('compliance_results', '$o_pack')} cr JOIN case_facts f USING (case_id)
		 WHERE cr.pack = $o_pack AND ${conds.join(' AND ')}
		 ORDER BY cr.status DESC, f.received_at DESC, cr.case_id, cr.rule_id LIMIT ${XLSX_MAX_ROWS}`,
		params
	);
	await audit(db, { user, action: 'export', target: 'overdue.xlsx', detail: { filters, status: opts.status ?? null, rule: opts.rule ?? null } });
	return workbook(t.sheetOverdue, OVERDUE_COLUMNS, async function* () {
		for (const r of rows) {
			const rule = pack?.rules.find((x) => x.id === r.rule_id);
			yield {
				...r,
				rule_title: rule?.title ?? String(r.rule_id),
				document: rule && pack ? documentTitle(pack, rule.citation) : '',
				article: rule?.citation.article ?? '',
				status: t.statusLabels[String(r.status)] ?? String(r.status),
				working_days_late: r.working_days_late === null ? null : Number(r.working_days_late)
			};
		}
	});
}

/** Response headers of a deadline workbook download (an ASCII name, and the Chinese one for browsers that read it). */
export function xlsxHeaders(asciiName: string, chineseName: string): Record<string, string> {
	return {
		'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		'content-disposition': `attachment; filename="${asciiName}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${chineseName}.xlsx`)}`,
		'cache-control': 'no-store'
	};
}
