// Server side of the appraisal screen: parameters, the ranked list (as of today), one group's evidence
// (each case, rule, due moment, lateness; never complainant identity) and the audited XLSX/CSV export.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeeCases } from '../auth/scope.ts';
import { audit } from '../auth/audit.ts';
import { ForbiddenError, UserInputError } from '../errors.ts';
import { shanghaiToday } from '../time.ts';
import { caseFilters, explainResults } from '../compliance/index.ts';
import { yearSource } from '../appraisal/review.ts';
import { SUBSTANTIATED, appraisal, writeAppraisalCsv, writeAppraisalXlsx, type Appraisal, type EvidenceRow, type PublishedStamp } from '../appraisal/appraisal.ts';
import { getVersion, listVersions, publishAppraisal, PUBLISHERS, type VersionChange, type VersionMeta } from '../appraisal/publish.ts';
import { publishText } from '../../i18n/zh/appraisal.ts';
import { apiText, appraisalUi } from '../../i18n/zh/compliance-ui.ts';
import { packName, packOf, prepareRun } from './compliance.ts';
import { ratedResults } from '../metrics/evaluations.ts';

const querySchema = z.object({
	year: z.coerce.number({ message: apiText.badParam('year') }).int().min(2000).max(2200),
	// absent: the deployment's default pack (packOf)
	pack: packName.optional(),
	by: z.enum(['unit', 'person'], { message: apiText.badParam('by') }).optional(),
	format: z.enum(['xlsx', 'csv'], { message: apiText.badParam('format') }).optional(),
	unit: z.string().max(200).optional(),
	person: z.string().max(200).optional(),
	/** a published version (export and drill-down of what was published) */
	version: z.coerce.number({ message: apiText.badParam('version') }).int().min(1).max(100_000).optional()
});

export type AppraisalQuery = z.infer<typeof querySchema>;

export function parseAppraisalQuery(sp: URLSearchParams): AppraisalQuery {
	const raw: Record<string, string> = { year: shanghaiToday().slice(0, 4) };
	for (const k of ['year', 'pack', 'by', 'format', 'unit', 'person', 'version']) {
		const v = sp.get(k);
		if (v !== null && v.trim() !== '') raw[k] = v.trim();
	}
	const parsed = querySchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = issue.path.join('.');
		throw new UserInputError('bad_param', issue.message.startsWith('参数') ? issue.message : `${apiText.badParam(field)}：${issue.message}`, { field });
	}
	return parsed.data;
}

/** Years that have cases, newest first, plus the current year. */
export async function appraisalYears(db: Database): Promise<number[]> {
	const rows = await db.query<{ y: number }>('SELECT DISTINCT CAST(year(received_at) AS INTEGER) AS y FROM cases ORDER BY y DESC');
	const years = new Set([Number(shanghaiToday().slice(0, 4)), ...rows.map((r) => Number(r.y))]);
	return [...years].sort((a, b) => b - a);
}

/** The ranked list of a year (no evidence: that is loaded per group). Results are made current as of today. */
export async function appraisalList(db: Database, user: SessionUser, q: AppraisalQuery): Promise<Appraisal> {
	const pack = await packOf(db, q.pack);
	await prepareRun(db, pack, null);
	return appraisal(db, user, { year: q.year, pack, by: q.by, evidence: false });
}

/** One evidence row of a unit's drill-down: the appraisal's evidence row, the unit being the one asked for. */
export type EvidenceItem = Omit<EvidenceRow, 'unit'>;

/** At most this many evidence rows are listed on screen; the export has them all. */
export const EVIDENCE_LIMIT = 500;

/**
 * The evidence behind one unit's (or person's) figures in a year, as the appraisal counts it: each breached
 * or open-overdue result, and each substantiated case. Scope applied; complainant fields never selected.
 */
export async function groupEvidence(
	db: Database,
	user: SessionUser,
	q: AppraisalQuery
): Promise<{ unit: string; person: string | null; total: number; rows: EvidenceItem[]; limit: number }> {
	if (!canSeeCases(user)) throw new ForbiddenError(apiText.forbidden);
	if (!q.unit) throw new UserInputError('bad_param', apiText.badParam('unit'), { field: 'unit' });
	const pack = await packOf(db, q.pack);
	// the results the list counted: as of the year's end (a past year), as of now (the running one)
	const run = await yearSource(db, pack, q.year);
	const cases = caseFilters(user, { unit: q.unit, from: `${q.year}-01-01`, to: `${q.year}-12-31` });
	const where = [...cases.sql, 'c.unit = $f_unit'];
	const params: Record<string, DuckDBValue> = { ...cases.params, ...run.params, pack: pack.name, subst: listValue(SUBSTANTIATED) };
	if (q.person) {
		where.push('c.person = $person');
		params.person = q.person;
	}
	const base = `FROM cases c LEFT JOIN ${ratedResults(run.rel, '$pack')} cr ON cr.case_id = c.case_id AND cr.pack = $pack AND cr.status IN ('breached', 'open-overdue')
		WHERE ${where.join(' AND ')} AND (cr.rule_id IS NOT NULL OR list_contains($subst::VARCHAR[], c.outcome))`;
	const total = Number((await db.queryOne<{ n: number }>(`SELECT count(*)::INTEGER AS n ${base}`, params))?.n ?? 0);
	const rows = await db.query<{
		case_id: string;
		person: string | null;
		received_at: string;
		category: string | null;
		outcome: string | null;
		rule_id: string | null;
	}>(
		`SELECT c.case_id, c.person, strftime(c.received_at, '%Y-%m-%dT%H:%M:%S+08:00') AS received_at, c.category, c.outcome, cr.rule_id ${base}
		 ORDER BY c.received_at, c.case_id, cr.rule_id LIMIT ${EVIDENCE_LIMIT}`,
		params
	);
	const explained = await explainResults(
		db,
		pack,
		rows.filter((r) => r.rule_id).map((r) => ({ case_id: r.case_id, rule_id: r.rule_id! })),
		run.as_of
	);
	const titles = new Map(pack.rules.map((r) => [r.id, r.title]));
	return {
		unit: q.unit,
		person: q.person ?? null,
		total,
		limit: EVIDENCE_LIMIT,
		rows: rows.map((r) => {
			const e = r.rule_id ? explained.get(`${r.case_id}\u0000${r.rule_id}`) : undefined;
			return {
				case_id: r.case_id,
				person: r.person,
				received_at: r.received_at,
				category: r.category,
				outcome: r.outcome,
				rule_id: r.rule_id,
				rule_title: r.rule_id ? (titles.get(r.rule_id) ?? r.rule_id) : null,
				clock_start: e?.clock_start ?? null,
				due_at: e?.due_at ?? null,
				done_at: e?.done_at ?? null,
				status: e?.status ?? null,
				working_days_late: e?.working_days_late ?? null,
				provisional: e?.provisional ?? false,
				explanation: e?.explanation ?? `${appraisalUi.substantiatedOnly}（处理结果：${r.outcome}）`
			};
		})
	};
}

/** The appraisal file (XLSX or CSV) with its evidence; every download is written to the audit log. */
export async function exportAppraisal(
	db: Database,
	user: SessionUser,
	q: AppraisalQuery,
	ip: string | null
): Promise<{ body: Buffer; filename: string; contentType: string }> {
	const format = q.format ?? 'xlsx';
	const pack = await packOf(db, q.pack);
	let a: Appraisal;
	let stamp: PublishedStamp | undefined;
	if (q.version) {
		// a published version: the list as frozen, whatever was imported or reviewed since
		const v = await getVersion(db, user, q.year, pack.name, q.by ?? pack.appraisal?.by ?? 'unit', q.version);
		if (!v) throw new UserInputError('not_found', publishText.notFound(q.version), { field: 'version' });
		a = v.appraisal;
		stamp = v.meta;
	} else {
		await prepareRun(db, pack, null);
		a = await appraisal(db, user, { year: q.year, pack, by: q.by });
	}
	const tmp = path.join(os.tmpdir(), `appraisal-${randomUUID()}.${format}`);
	try {
		if (format === 'xlsx') await writeAppraisalXlsx(a, tmp, stamp);
		else await writeAppraisalCsv(a, tmp);
		const body = fs.readFileSync(tmp);
		const filename = `年度考核-${a.year}-${a.pack}-${a.by === 'unit' ? '单位' : '个人'}${stamp ? `-第${stamp.version_no}版` : ''}.${format}`;
		await audit(db, {
			user,
			action: 'export',
			target: filename,
			detail: { kind: 'appraisal', year: a.year, pack: a.pack, by: a.by, format, rows: a.rows.length, evidence: a.evidence.length, version: stamp?.version_no ?? null },
			ip
		});
		return {
			body,
			filename,
			contentType: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8'
		};
	} finally {
		fs.rmSync(tmp, { force: true });
	}
}

/** Publishes the year's list as the next version (the list counting approved findings, with all its evidence). */
export async function publishScreen(
	db: Database,
	user: SessionUser,
	body: unknown,
	ip: string | null
): Promise<{ version: VersionMeta; changes: VersionChange[] }> {
	if (!PUBLISHERS.includes(user.role)) throw new ForbiddenError(publishText.forbidden);
	const b = z
		.object({
			year: z.coerce.number().int().min(2000).max(2200),
			pack: packName.optional(),
			by: z.enum(['unit', 'person']).optional(),
			note: z.string().max(500).optional()
		})
		.safeParse(body);
	if (!b.success) {
		const field = b.error.issues[0].path.join('.') || 'year';
		throw new UserInputError('bad_param', apiText.badParam(field), { field });
	}
	const pack = await packOf(db, b.data.pack);
	await prepareRun(db, pack, null);
	// computed for every unit with all its evidence, whoever publishes (a leader reads no evidence, yet the file needs it)
	const a = await appraisal(db, PUBLISHING, { year: b.data.year, pack, by: b.data.by, includePending: false });
	return publishAppraisal(db, user, a, b.data.note ?? null, ip);
}

/** The account the published list is computed as: every unit, evidence included, never complainant identity. */
const PUBLISHING: SessionUser = { userId: 0, name: 'publish', displayName: null, role: 'analyst', units: [], pii: false };

/** The published versions of the year's list, and one of them (default the newest) with its changes. */
export async function versionsScreen(db: Database, user: SessionUser, q: AppraisalQuery) {
	const pack = await packOf(db, q.pack);
	const by = q.by ?? pack.appraisal?.by ?? 'unit';
	const versions = await listVersions(db, q.year, pack.name, by);
	const no = q.version ?? versions[0]?.version_no;
	const shown = no ? await getVersion(db, user, q.year, pack.name, by, no) : null;
	if (q.version && !shown) throw new UserInputError('not_found', publishText.notFound(q.version), { field: 'version' });
	return {
		year: q.year,
		pack: pack.name,
		by,
		versions,
		canPublish: PUBLISHERS.includes(user.role),
		shown: shown ? { meta: shown.meta, changes: shown.changes, rows: shown.appraisal.rows } : null
	};
}
