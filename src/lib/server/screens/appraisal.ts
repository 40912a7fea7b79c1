// Server side of the appraisal screen: parameters, the ranked list (as of today), one group's evidence
// (each case, rule, due moment, lateness; never complainant identity) and the audited XLSX/CSV export.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeeCases } from '../auth/scope.ts';
import { audit } from '../auth/audit.ts';
import { ForbiddenError, UserInputError } from '../errors.ts';
import { shanghaiToday } from '../time.ts';
import { yearFlags, yearSource } from '../appraisal/review.ts';
import { appraisal, flagEvidence, writeAppraisalCsv, writeAppraisalXlsx, type Appraisal, type EvidenceReview, type EvidenceRow, type PublishedStamp } from '../appraisal/appraisal.ts';
import { getVersion, listVersions, publishAppraisal, PUBLISHERS, type VersionChange, type VersionMeta } from '../appraisal/publish.ts';
import { publishText } from '../../i18n/zh/appraisal.ts';
import { apiText } from '../../i18n/zh/compliance-ui.ts';
import { packName, packOf, prepareRun } from './compliance.ts';

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
 * The evidence behind one unit's (or person's) figures in a year: its flags (each breached or open-overdue
 * evaluation, each substantiated complaint), the very flags the row's 已认定 and 待审核 count (flagEvidence), with
 * how many of them stand where in the review. Scope applied; complainant fields never selected.
 */
export async function groupEvidence(
	db: Database,
	user: SessionUser,
	q: AppraisalQuery
): Promise<{ unit: string; person: string | null; total: number; review: Record<EvidenceReview, number>; rows: EvidenceItem[]; limit: number }> {
	if (!canSeeCases(user)) throw new ForbiddenError(apiText.forbidden);
	if (!q.unit) throw new UserInputError('bad_param', apiText.badParam('unit'), { field: 'unit' });
	const pack = await packOf(db, q.pack);
	// the results the list counted: as of the year's end (a past year), as of now (the running one)
	const run = await yearSource(db, pack, q.year);
	const flags = (await yearFlags(db, user, pack, q.year, { unit: q.unit })).filter((f) => !q.person || f.person === q.person);
	const all = await flagEvidence(db, pack, flags, run.as_of, EVIDENCE_LIMIT);
	const review: Record<EvidenceReview, number> = { confirmed: 0, pending: 0, cleared: 0 };
	for (const e of all) review[e.review ?? 'pending']++;
	return {
		unit: q.unit,
		person: q.person ?? null,
		total: all.length,
		review,
		limit: EVIDENCE_LIMIT,
		rows: all.slice(0, EVIDENCE_LIMIT).map(({ unit: _u, ...e }) => e)
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
