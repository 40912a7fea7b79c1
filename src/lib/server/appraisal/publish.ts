// Publishing a year's appraisal (issue 13): the list with its evidence is frozen as a numbered version (table
// appraisal_versions, migration 012), so later imports and reviews never change what was published; publishing again
// makes the next version, and each version says what changed against the one before it. Audited.
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeeCases } from '../auth/scope.ts';
import { audit } from '../auth/audit.ts';
import { ForbiddenError, UserInputError } from '../errors.ts';
import { shanghaiNow, toIsoShanghai } from '../time.ts';
import { publishText } from '../../i18n/zh/appraisal.ts';
import type { Appraisal, AppraisalRow } from './appraisal.ts';

/** Who may publish (issue the list): the inspectors who prepare it, the leader who signs it, the admin. */
export const PUBLISHERS: readonly SessionUser['role'][] = ['admin', 'inspector', 'leader'];

export interface VersionMeta {
	version_no: number;
	year: number;
	pack: string;
	by: 'unit' | 'person';
	scheme: string;
	scheme_version: string;
	published_by: string;
	published_at: string;
	note: string | null;
	rows: number;
}

/** One difference between a version and the one before it, for one unit (or person). */
export interface VersionChange {
	unit: string;
	person: string | null;
	/** added: new in this version; removed: gone from it; else the field that changed */
	field: 'added' | 'removed' | 'rank' | 'tier' | 'score' | 'deduction' | 'confirmed' | 'cases' | 'substantiated' | 'breaches' | 'open_overdue';
	before: string | number | null;
	after: string | number | null;
}

const COMPARED = ['rank', 'tier', 'score', 'deduction', 'confirmed', 'cases', 'substantiated', 'breaches', 'open_overdue'] as const;

/** What changed from `previous` to `current`, row by row (unit, person), in the order of the current list. */
export function versionChanges(previous: Pick<Appraisal, 'rows'> | null, current: Pick<Appraisal, 'rows'>): VersionChange[] {
	if (!previous) return [];
	const key = (r: Pick<AppraisalRow, 'unit' | 'person'>) => `${r.unit}\u0000${r.person ?? ''}`;
	const before = new Map(previous.rows.map((r) => [key(r), r]));
	const out: VersionChange[] = [];
	for (const r of current.rows) {
		const p = before.get(key(r));
		before.delete(key(r));
		if (!p) {
			out.push({ unit: r.unit, person: r.person, field: 'added', before: null, after: r.tier });
			continue;
		}
		for (const f of COMPARED) {
			const a = (p[f] ?? null) as string | number | null;
			const b = (r[f] ?? null) as string | number | null;
			if (a !== b) out.push({ unit: r.unit, person: r.person, field: f, before: a, after: b });
		}
	}
	for (const p of before.values()) out.push({ unit: p.unit, person: p.person, field: 'removed', before: p.tier, after: null });
	return out;
}

type VersionRow = {
	version_no: number;
	year: number;
	pack: string;
	subject: string;
	scheme: string;
	scheme_version: string;
	published_by: string;
	published_at: string;
	note: string | null;
	content: string;
};

const META_SQL = `version_no::INTEGER AS version_no, year::INTEGER AS year, pack, subject, scheme, scheme_version, published_by,
	strftime(published_at, '%Y-%m-%d %H:%M:%S') AS published_at, note`;

function metaOf(r: Omit<VersionRow, 'content'>, rows: number): VersionMeta {
	return {
		version_no: Number(r.version_no),
		year: Number(r.year),
		pack: r.pack,
		by: r.subject as 'unit' | 'person',
		scheme: r.scheme,
		scheme_version: r.scheme_version,
		published_by: r.published_by,
		published_at: toIsoShanghai(r.published_at),
		note: r.note,
		rows
	};
}

/** A stored version as the user may read it: leaders get the list without its case-level evidence. */
function forUser(user: SessionUser, a: Appraisal): Appraisal {
	return canSeeCases(user) ? a : { ...a, evidence: [] };
}

/**
 * Freezes an appraisal (computed by the caller, with its evidence, counting approved findings only) as the next
 * version of its year, pack and subject; returns the version and what changed against the previous one.
 */
export async function publishAppraisal(
	db: Database,
	user: SessionUser,
	a: Appraisal,
	note: string | null = null,
	ip: string | null = null,
	now?: Date
): Promise<{ version: VersionMeta; changes: VersionChange[] }> {
	if (!PUBLISHERS.includes(user.role)) throw new ForbiddenError(publishText.forbidden);
	if (a.include_pending) throw new UserInputError('preview', publishText.noPreview, { field: 'include_pending' });
	const previous = await latestVersion(db, user, a.year, a.pack, a.by);
	const cleanNote = note?.trim().slice(0, 500) || null;
	const at = shanghaiNow(now);
	const versionNo = await db.transaction(async (conn) => {
		const reader = await conn.runAndReadAll(
			`INSERT INTO appraisal_versions (year, pack, subject, version_no, scheme, scheme_version, published_by, published_at, note, content)
			 SELECT $year, $pack, $subject, coalesce(max(version_no), 0) + 1, $scheme, $scheme_version, $by, $at::TIMESTAMP, $note, $content
			 FROM appraisal_versions WHERE year = $year AND pack = $pack AND subject = $subject
			 RETURNING version_no::INTEGER AS version_no`,
			{
				year: a.year,
				pack: a.pack,
				subject: a.by,
				scheme: a.scheme,
				scheme_version: a.scheme_version,
				by: user.name,
				at,
				note: cleanNote,
				content: JSON.stringify(a)
			}
		);
		return Number(reader.getRowObjects()[0].version_no);
	});
	const changes = versionChanges(previous?.appraisal ?? null, a);
	await audit(db, {
		user,
		action: 'appraisal_publish',
		target: `${a.year}/${a.pack}/${a.by}/v${versionNo}`,
		detail: { year: a.year, pack: a.pack, by: a.by, version: versionNo, rows: a.rows.length, evidence: a.evidence.length, changes: changes.length },
		ip,
		now
	});
	const version = metaOf(
		{ version_no: versionNo, year: a.year, pack: a.pack, subject: a.by, scheme: a.scheme, scheme_version: a.scheme_version, published_by: user.name, published_at: at.slice(0, 19), note: cleanNote },
		a.rows.length
	);
	return { version, changes };
}

/** The published versions of a year's list, newest first. */
export async function listVersions(db: Database, year: number, pack: string, by: 'unit' | 'person'): Promise<VersionMeta[]> {
	const rows = await db.query<Omit<VersionRow, 'content'> & { n: number }>(
		`SELECT ${META_SQL}, json_array_length(content::JSON -> 'rows')::INTEGER AS n FROM appraisal_versions
		 WHERE year = $year AND pack = $pack AND subject = $by ORDER BY version_no DESC`,
		{ year, pack, by }
	);
	return rows.map((r) => metaOf(r, Number(r.n)));
}

/** One published version (its list as frozen) and what changed against the version before it; null if none. */
export async function getVersion(
	db: Database,
	user: SessionUser,
	year: number,
	pack: string,
	by: 'unit' | 'person',
	versionNo: number
): Promise<{ meta: VersionMeta; appraisal: Appraisal; changes: VersionChange[] } | null> {
	const rows = await db.query<VersionRow>(
		`SELECT ${META_SQL}, content FROM appraisal_versions WHERE year = $year AND pack = $pack AND subject = $by AND version_no IN ($no, $no - 1)
		 ORDER BY version_no DESC`,
		{ year, pack, by, no: versionNo }
	);
	const cur = rows.find((r) => Number(r.version_no) === versionNo);
	if (!cur) return null;
	const prev = rows.find((r) => Number(r.version_no) === versionNo - 1);
	const a = JSON.parse(cur.content) as Appraisal;
	const changes = versionChanges(prev ? (JSON.parse(prev.content) as Appraisal) : null, a);
	return { meta: metaOf(cur, a.rows.length), appraisal: forUser(user, a), changes };
}

/** The newest published version, if any. */
export async function latestVersion(db: Database, user: SessionUser, year: number, pack: string, by: 'unit' | 'person') {
	const row = await db.queryOne<{ n: number | null }>(
		`SELECT max(version_no)::INTEGER AS n FROM appraisal_versions WHERE year = $year AND pack = $pack AND subject = $by`,
		{ year, pack, by }
	);
	return row?.n ? getVersion(db, user, year, pack, by, Number(row.n)) : null;
}
