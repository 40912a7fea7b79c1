// The case explorer: the case list behind any number (same filters and scope as the metrics), one case with
// its history and clocks, exports (CSV with BOM, XLSX), and the 典型案例 mark. Row scope and PII policy here.
import type { DuckDBValue } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { PII_FIELDS, canSeeCases, canSeeComplainantKey, canSeePii, unitScope } from '../auth/scope.ts';
import { redactSql } from '../pii/redact.ts';
import { CANONICAL_FIELDS } from '../ingest/types.ts';
import { ForbiddenError, UserInputError } from '../errors.ts';
import { caseFieldLabels, errors, keptColumnLabel } from '../../i18n/zh/metrics.ts';
import { procedureLabels } from '../../i18n/zh/fields.ts';
import type { FilterState } from '../../model/filters.ts';
import { compileWhere, validateFilters } from './compile.ts';
import { cachedQuery, runMetrics } from './query.ts';
import { clearCache, ensureFacts } from './facts.ts';
import { audit, auditPiiView, piiViewAuditor } from '../auth/audit.ts';
import { csvCell, escapeFormula } from '../spreadsheet.ts';
import { caseClocks, loadPack } from '../compliance/index.ts';
import { defaultPackName } from '../settings.ts';

function requireCases(user: SessionUser | null): asserts user is SessionUser {
	if (!user) throw new ForbiddenError(errors.unauthorized);
	if (!canSeeCases(user)) throw new ForbiddenError(errors.forbiddenCases);
}

/** Sortable columns of the list (all on case_facts, so the page is cut before joining the wide case rows). */
export const SORTS = ['received_at', 'case_id', 'unit', 'category', 'channel', 'handling_mode', 'severity', 'work_days'] as const;
export type CaseSort = (typeof SORTS)[number];

export interface CaseListQuery {
	filters: FilterState;
	page?: number;
	pageSize?: number;
	sort?: string;
	desc?: boolean;
}

export interface CaseListRow {
	case_id: string;
	received_at: string;
	unit: string;
	category: string;
	channel: string;
	handling_mode: string;
	severity: string;
	closed_at: string | null;
	satisfaction: string | null;
	outcome: string | null;
	content: string | null;
	complainant_name?: string | null;
	work_days: number | null;
	overdue_open: boolean;
	is_repeat: boolean;
	typical: boolean;
}

export interface CaseList {
	rows: CaseListRow[];
	total: number;
	page: number;
	pageSize: number;
	pages: number;
	sort: CaseSort;
	desc: boolean;
}

const ts = (col: string) => `strftime(${col}, '%Y-%m-%d %H:%M:%S')`;

export async function listCases(db: Database, user: SessionUser | null, q: CaseListQuery): Promise<CaseList> {
	requireCases(user);
	const filters = validateFilters(q.filters);
	const where = compileWhere(filters, user);
	const pageSize = Math.min(Math.max(Math.floor(q.pageSize ?? 50), 1), 500);
	const sort: CaseSort = (SORTS as readonly string[]).includes(q.sort ?? '') ? (q.sort as CaseSort) : 'received_at';
	const desc = q.desc ?? sort === 'received_at';
	// The same measure as the dashboards' 投诉件数 (from the rollup when the filters allow), so the numbers agree.
	const totalRow = await runMetrics(db, { measures: ['cases'], filters }, user);
	const total = Number(totalRow[0]?.cases ?? 0);
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(Math.floor(q.page ?? 1), 1), pages);
	const dir = desc ? 'DESC' : 'ASC';
	const pii = canSeePii(user);
	const params: Record<string, DuckDBValue> = { ...where.params, lim: pageSize, off: (page - 1) * pageSize };
	// One table, top-N: case_facts carries the list's columns, so no page ever scans the wide cases table.
	const rows = await cachedQuery<Row>(
		db,
		/* sql */ `
		SELECT f.case_id, ${ts('f.received_at')} AS received_at, f.unit, f.category, f.channel, f.handling_mode, f.severity,
			${ts('f.closed_at')} AS closed_at, f.satisfaction, f.outcome, ${pii ? 'f.content_head' : 'f.content_head_redacted'} AS content,
			${pii ? 'f.complainant_name' : 'NULL'} AS complainant_name,
			f.work_days, f.overdue_open, f.is_repeat
		FROM case_facts f WHERE ${where.sql}
		ORDER BY f.${sort} ${dir} NULLS LAST, f.case_id ${dir}
		LIMIT $lim OFFSET $off`,
		params
	);
	// 典型案例 marks change without an import, so they are read fresh (a handful of rows).
	const typicalRows = await db.query<{ case_id: string }>('SELECT case_id FROM cases WHERE typical');
	const typicalIds = new Set(typicalRows.map((r) => String(r.case_id)));
	// Every case of the page was shown with its complainant's name and unredacted text (a search included).
	if (pii) await auditPiiView(db, user, rows.length, { view: 'case_list', search: Boolean(filters.q) });
	return {
		rows: rows.map((r) => {
			const row: CaseListRow = {
				case_id: String(r.case_id),
				received_at: String(r.received_at),
				unit: String(r.unit),
				category: String(r.category),
				channel: String(r.channel),
				handling_mode: String(r.handling_mode),
				severity: String(r.severity),
				closed_at: (r.closed_at as string | null) ?? null,
				satisfaction: (r.satisfaction as string | null) ?? null,
				outcome: (r.outcome as string | null) ?? null,
				content: (r.content as string | null) ?? null,
				work_days: r.work_days === null || r.work_days === undefined ? null : Number(r.work_days),
				overdue_open: Boolean(r.overdue_open),
				is_repeat: Boolean(r.is_repeat),
				typical: typicalIds.has(String(r.case_id))
			};
			if (pii) row.complainant_name = (r.complainant_name as string | null) ?? null;
			return row;
		}),
		total,
		page,
		pageSize,
		pages,
		sort,
		desc
	};
}

// ---------------------------------------------------------------- one case

export interface CaseDetail {
	fields: { name: string; label: string; value: string | null }[];
	caseId: string;
	unit: string;
	typical: boolean;
	typicalSummary: string | null;
	isRepeat: boolean;
	repeatOf: string | null;
	workDays: number | null;
	history: { batchId: number; supersededAt: string; supersededBy: number; changes: { field: string; label: string; before: string | null; after: string | null }[] }[];
	clocks: { rule_id: string; status: string; clock_start: string | null; due_at: string | null; done_at: string | null; working_days_late: number | null; explanation: string; provisional: boolean }[];
	piiShown: boolean;
}

/** A case's kept columns (cases.extra, JSON of header → cell) as text, in the export's column order. */
export function keptColumns(json: unknown): Record<string, string | null> {
	if (typeof json !== 'string' || !json) return {};
	try {
		const parsed = JSON.parse(json) as unknown;
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
		return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, v === null || v === undefined || v === '' ? null : String(v)]));
	} catch {
		return {};
	}
}

/**
 * The kept columns this user may read, as text: cases.extra (complainant data) only with the PII grant,
 * cases.extra_public (marked 不含个人信息 at import) for every role that sees the case.
 */
function keptSelect(user: SessionUser, table = ''): string {
	const t = table ? `${table}.` : '';
	const open = `CAST(${t}extra_public AS VARCHAR) AS __kept_public`;
	return canSeePii(user) ? `CAST(${t}extra AS VARCHAR) AS __kept, ${open}` : open;
}

/** A row's kept columns as keptSelect read them (a column holds a header in one of the two, never both). */
function keptOf(row: Row | null | undefined): Record<string, string | null> {
	return { ...keptColumns(row?.__kept), ...keptColumns(row?.__kept_public) };
}

/** The columns of the cases table that are canonical fields (pause fields live in case_pauses). */
const CASE_COLUMNS = CANONICAL_FIELDS.filter((f) => !f.startsWith('pause_'));

/** Columns this user may see, in canonical order (PII only by policy; the complainant key never in clear to units). */
export function visibleColumns(user: SessionUser): string[] {
	const pii = canSeePii(user);
	return CASE_COLUMNS.filter((c) => pii || !(PII_FIELDS as readonly string[]).includes(c));
}

/**
 * The complainant key as the case page shows it (投诉人编号): the key is a salted SHA-256 in hex, 64 characters that
 * mean nothing to a reader; its first eight, upper-cased, tell two complainants apart on a page. Never an identity.
 */
export function complainantNumber(key: string | null | undefined): string | null {
	if (!key) return null;
	return /^[0-9a-f]{16,}$/i.test(key) ? key.slice(0, 8).toUpperCase() : key;
}

function show(v: unknown): string | null {
	if (v === null || v === undefined) return null;
	if (typeof v === 'boolean') return v ? '是' : '否';
	if (Array.isArray(v)) return v.join('；');
	return String(v);
}

/**
 * A column of the cases table `c` as this user reads it: timestamps as text, and the free texts as their redacted
 * copies (pii/redact.ts, written at import) for roles without the PII grant, under the same name.
 */
function caseColumn(c: string, user: SessionUser): string {
	if (/_at$/.test(c)) return `${ts('c.' + c)} AS ${c}`;
	if (!canSeePii(user) && (c === 'content' || c === 'typical_summary')) return `c.${c}_redacted AS ${c}`;
	return `c.${c}`;
}

export async function getCase(db: Database, user: SessionUser | null, caseId: string): Promise<CaseDetail | null> {
	requireCases(user);
	const scope = unitScope(user, 'c.unit');
	const cols = visibleColumns(user);
	const extra = canSeeComplainantKey(user) && canSeePii(user) ? ['complainant_key'] : [];
	const select = [...cols, ...extra, 'quality_warnings', 'first_batch_id', 'batch_id', 'typical', 'typical_summary']
		.map((c) => caseColumn(c, user))
		.join(', ');
	const row = await db.queryOne<Row>(
		`SELECT ${select} FROM cases c WHERE c.case_id = $id ${scope ? `AND ${scope.sql}` : ''}`,
		{ id: caseId, ...(scope?.params ?? {}) }
	);
	if (!row) return null;
	await ensureFacts(db);
	const facts = await db.queryOne<Row>('SELECT is_repeat, repeat_of, work_days FROM case_facts WHERE case_id = $id', { id: caseId });
	const fields = [...cols, ...extra, 'quality_warnings', 'first_batch_id', 'batch_id'].map((name) => ({
		name,
		label: caseFieldLabels[name] ?? name,
		// the procedure is stored as a code the rules read; the page says it in Chinese
		value:
			name === 'procedure' && typeof row[name] === 'string'
				? (procedureLabels[row[name] as string] ?? show(row[name]))
				: name === 'complainant_key'
					? complainantNumber(row[name] as string | null)
					: show(row[name])
	}));
	// The export's columns that map to no field, kept as written: complainant data until marked otherwise
	// (issue 15), so only with the PII grant; those the analyst marked 不含个人信息 (cases.extra_public) for everyone.
	const kept = await db.queryOne<Row>(`SELECT ${keptSelect(user)} FROM cases WHERE case_id = $id`, { id: caseId });
	for (const [header, value] of Object.entries(keptOf(kept))) {
		fields.push({ name: `extra:${header}`, label: keptColumnLabel(header), value });
	}
	// Earlier versions: without the PII grant, their text is redacted here by the import's rules (a stored
	// version may predate the redacted column), with the name that version carried.
	const historyText = canSeePii(user)
		? ''
		: `, ${redactSql("json_extract_string(record, '$.content')", "json_extract_string(record, '$.complainant_name')")} AS content_redacted`;
	const historyRows = await db.query<Row>(
		`SELECT batch_id, superseded_by_batch, ${ts('superseded_at')} AS superseded_at, record::VARCHAR AS record${historyText}
		 FROM case_history WHERE case_id = $id ORDER BY superseded_at DESC`,
		{ id: caseId }
	);
	// Each history row is the version before a later batch changed it: diff against the next newer version.
	const history: CaseDetail['history'] = [];
	let newer: Row = row;
	for (const h of historyRows) {
		let rec: Row = {};
		try {
			rec = JSON.parse(String(h.record)) as Row;
		} catch {
			rec = {};
		}
		if (!canSeePii(user) && 'content' in rec) rec.content = (h.content_redacted as string | null) ?? null;
		const changes = cols
			.filter((c) => show(rec[c]) !== show(newer[c]) && c in rec)
			.map((c) => ({ field: c, label: caseFieldLabels[c] ?? c, before: show(rec[c]), after: show(newer[c]) }));
		history.push({ batchId: Number(h.batch_id), supersededAt: String(h.superseded_at), supersededBy: Number(h.superseded_by_batch), changes });
		newer = rec;
	}
	// The stored results of the deployment's default pack say which clocks apply; their explanations are not
	// stored (the engine writes NULL and builds the sentence when read), so they come from the engine's
	// caseClocks, as on the case page's timeline.
	const packName = await defaultPackName(db);
	const stored = await db.query<{ rule_id: string }>(
		`SELECT rule_id FROM compliance_results WHERE case_id = $id AND pack = $pack ORDER BY clock_start NULLS LAST, rule_id`,
		{ id: caseId, pack: packName }
	);
	const engine = stored.length ? (await caseClocks(db, user, caseId, loadPack(packName))).clocks : [];
	const clocks = stored.flatMap((s) => engine.filter((c) => c.rule_id === s.rule_id));
	const piiShown = canSeePii(user);
	// Every role that sees the identity is logged, not only inspectors (issue 17: admins and analysts too).
	if (piiShown) await auditPiiView(db, user, 1, { view: 'case', case_id: caseId });
	return {
		fields,
		caseId,
		unit: String(row.unit),
		typical: Boolean(row.typical),
		typicalSummary: (row.typical_summary as string | null) ?? null,
		isRepeat: Boolean(facts?.is_repeat),
		repeatOf: user.role === 'unit' ? null : ((facts?.repeat_of as string | null) ?? null),
		workDays: facts?.work_days === null || facts?.work_days === undefined ? null : Number(facts.work_days),
		history,
		clocks: clocks.map((c) => ({
			rule_id: c.rule_id,
			status: c.status,
			clock_start: c.clock_start,
			due_at: c.due_at,
			done_at: c.done_at,
			working_days_late: c.working_days_late,
			explanation: c.explanation,
			provisional: c.provisional
		})),
		piiShown
	};
}

/** Marks or unmarks a case as 典型案例 (admin and analyst only); a summary is required when marking. */
export async function setTypical(db: Database, user: SessionUser | null, caseId: string, typical: boolean, summary: string | null): Promise<{ typical: boolean; summary: string | null }> {
	if (!user || (user.role !== 'admin' && user.role !== 'analyst')) throw new ForbiddenError(errors.forbiddenTypical);
	const text = summary?.trim() ?? '';
	if (typical && !text) throw new UserInputError('summary_required', errors.summaryRequired, { field: 'summary' });
	const exists = await db.queryOne('SELECT 1 AS x FROM cases WHERE case_id = $id', { id: caseId });
	if (!exists) throw new UserInputError('not_found', errors.caseNotFound, { field: 'case_id' });
	await db.run(
		`UPDATE cases SET typical = $t, typical_summary = $s, typical_summary_redacted = ${redactSql('$s', 'complainant_name')} WHERE case_id = $id`,
		{ t: typical, s: typical ? text : null, id: caseId }
	);
	// The data version does not see this flag, so cached answers filtered on it must go now.
	clearCache(db);
	await recordAudit(db, user, 'typical_case', caseId, { typical });
	return { typical, summary: typical ? text : null };
}

// ---------------------------------------------------------------- exports

function exportCell(v: unknown): string {
	return v === null || v === undefined ? '' : csvCell(show(v) ?? '');
}

interface ExportPlan {
	sql: string;
	params: Record<string, DuckDBValue>;
	/** Canonical fields, then `extra:<header>` for each kept column the user may read. */
	columns: string[];
	/** The kept columns' headers, in the order of `columns`. */
	kept: string[];
}

const KEPT_PREFIX = 'extra:';

async function exportPlan(db: Database, user: SessionUser, filters: FilterState): Promise<ExportPlan> {
	const where = compileWhere(validateFilters(filters), user);
	await ensureFacts(db);
	const canonical = visibleColumns(user);
	const select = canonical.map((c) => caseColumn(c, user));
	const from = `FROM case_facts f JOIN cases c ON c.case_id = f.case_id WHERE ${where.sql}`;
	// The export's columns that map to no field, one column each: complainant data only with the grant, those
	// marked 不含个人信息 for every role.
	const keptSources = canSeePii(user) ? ['c.extra', 'c.extra_public'] : ['c.extra_public'];
	const keys = await db.query<{ k: string }>(
		`SELECT DISTINCT k FROM (${keptSources
			.map((col) => `SELECT unnest(json_keys(${col})) AS k ${from} AND ${col} IS NOT NULL`)
			.join(' UNION ALL ')}) ORDER BY k`,
		where.params
	);
	const kept = keys.map((r) => String(r.k));
	if (kept.length) select.push(keptSelect(user, 'c'));
	return {
		sql: `SELECT ${select.join(', ')} ${from} ORDER BY f.received_at, f.case_id`,
		params: where.params,
		columns: [...canonical, ...kept.map((k) => KEPT_PREFIX + k)],
		kept
	};
}

/**
 * The export's rows in chunks, kept columns spread out. `piiAudit` (with the PII grant) is called once when the
 * stream ends or is abandoned, with the records whose identity went out; `limit` is how many the caller writes.
 */
async function* exportRows(db: Database, plan: ExportPlan, piiAudit: ((records: number) => Promise<void>) | null, limit = Infinity): AsyncGenerator<Row[]> {
	let sent = 0;
	const conn = await db.connect();
	try {
		const result = await conn.stream(plan.sql, plan.params);
		for await (const chunk of result.yieldRowObjectJson()) {
			const rows = chunk as Row[];
			if (plan.kept.length) {
				for (const r of rows) {
					for (const [k, v] of Object.entries(keptOf(r))) r[KEPT_PREFIX + k] = v;
				}
			}
			sent += rows.length; // counted when handed over: an abandoned download may log a few more than arrived
			yield rows;
		}
	} finally {
		conn.closeSync();
		await piiAudit?.(Math.min(sent, limit));
	}
}

/** Taken while the request's context is certain: the stream is read later, by whoever pulls it. */
function exportAuditor(db: Database, user: SessionUser, file: string): ((records: number) => Promise<void>) | null {
	return canSeePii(user) ? piiViewAuditor(db, user, { view: 'export', file }) : null;
}

/** The case list as CSV: UTF-8 with BOM, canonical field names as headers, only the columns the user may see. */
export async function exportCasesCsv(db: Database, user: SessionUser | null, filters: FilterState): Promise<ReadableStream<Uint8Array>> {
	requireCases(user);
	const piiAudit = exportAuditor(db, user, 'cases.csv');
	const plan = await exportPlan(db, user, filters);
	const { columns } = plan;
	await recordAudit(db, user, 'export', 'cases.csv', { filters });
	const enc = new TextEncoder();
	const gen = exportRows(db, plan, piiAudit);
	let headerSent = false;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!headerSent) {
				headerSent = true;
				controller.enqueue(enc.encode('\uFEFF' + columns.join(',') + '\r\n'));
				return;
			}
			const next = await gen.next();
			if (next.done) {
				controller.close();
				return;
			}
			controller.enqueue(enc.encode(next.value.map((r) => columns.map((c) => exportCell(r[c])).join(',') + '\r\n').join('')));
		},
		async cancel() {
			await gen.return(undefined);
		}
	});
}

/** Excel's sheet limit (minus the header row). */
export const XLSX_MAX_ROWS = 1_048_575;

/** The case list as XLSX (streamed by exceljs): a header row of Chinese labels, then the canonical fields. */
export async function exportCasesXlsx(db: Database, user: SessionUser | null, filters: FilterState): Promise<ReadableStream<Uint8Array>> {
	requireCases(user);
	const piiAudit = exportAuditor(db, user, 'cases.xlsx');
	const plan = await exportPlan(db, user, filters);
	const { columns } = plan;
	await recordAudit(db, user, 'export', 'cases.xlsx', { filters });
	const out = new PassThrough();
	const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
	const sheet = wb.addWorksheet('案件');
	sheet.columns = columns.map((c) => ({ header: c.startsWith(KEPT_PREFIX) ? keptColumnLabel(c.slice(KEPT_PREFIX.length)) : (caseFieldLabels[c] ?? c), key: c, width: c === 'content' ? 60 : c.endsWith('_at') ? 20 : 14 }));
	sheet.getRow(1).font = { bold: true };
	(async () => {
		let n = 0;
		try {
			for await (const rows of exportRows(db, plan, piiAudit, XLSX_MAX_ROWS)) {
				for (const r of rows) {
					if (n++ >= XLSX_MAX_ROWS) break;
					sheet.addRow(Object.fromEntries(columns.map((c) => [c, r[c] === null || r[c] === undefined ? null : escapeFormula(show(r[c]) ?? '')]))).commit();
				}
			}
			sheet.commit();
			await wb.commit();
		} catch (e) {
			out.destroy(e as Error);
		}
	})();
	return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

// ---------------------------------------------------------------- audit

/** Appends to the audit log (exports, PII views, typical-case marks). */
async function recordAudit(db: Database, user: SessionUser, action: string, target: string, detail: unknown): Promise<void> {
	await audit(db, { user, action, target, detail });
}
