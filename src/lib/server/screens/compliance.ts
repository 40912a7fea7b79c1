// Server side of the compliance screens: request parameters (validated), results as of the chosen day
// (never rewriting the stored results: resultSource), the cross-filtered summary, the flagged list and a case's clocks.
// Scope: every function takes the user; the engine and the queries here apply unitScope; no PII column
// is ever selected.
import { z } from 'zod';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeeCases, canSeePii, unitScope } from '../auth/scope.ts';
import { ForbiddenError, UserInputError } from '../errors.ts';
import { auditPiiView } from '../auth/audit.ts';
import {
	caseClocks,
	caseFilters,
	documentTitle,
	explainResults,
	listPacks,
	loadPack,
	resultSource,
	type ResultSource,
	type RulePack
} from '../compliance/index.ts';
import { apiText } from '../../i18n/zh/compliance-ui.ts';
import { defaultPackName } from '../settings.ts';
import { offeredPackName, offeredPackNames } from '../compliance/offered.ts';
import { complianceSummary } from '../metrics/compliance.ts';

export const STATUS_FILTERS = ['flagged', 'breached', 'open-overdue', 'met', 'open-within', 'no-data'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
const STATUS_SETS: Record<StatusFilter, string[]> = {
	flagged: ['breached', 'open-overdue'],
	breached: ['breached'],
	'open-overdue': ['open-overdue'],
	met: ['met'],
	'open-within': ['open-within'],
	// not judged: a field the rule needs is in no export of the case (counted apart, never flagged)
	'no-data': ['no-data']
};
export const PAGE_SIZE = 25;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** A shipped pack name only: never a path (loadPack would read any file it is given). */
export const packName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: apiText.badParam('pack') });

const querySchema = z.object({
	// absent: the deployment's default pack (packOf)
	pack: packName.optional(),
	as_of: z.string().refine(validDate, { message: apiText.badParam('as_of') }).optional(),
	status: z.enum(STATUS_FILTERS, { message: apiText.badParam('status') }).default('flagged'),
	rule: z.string().max(64).optional(),
	unit: z.string().max(200).optional(),
	month: z
		.string()
		.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: apiText.badParam('month') })
		.optional(),
	page: z.coerce.number().int().min(1).max(100_000).default(1)
});

export type ComplianceQuery = z.infer<typeof querySchema>;

function firstIssue(e: z.ZodError): UserInputError {
	const issue = e.issues[0];
	const field = issue.path.join('.');
	return new UserInputError('bad_param', issue.message.startsWith('参数') ? issue.message : `${apiText.badParam(field)}：${issue.message}`, { field });
}

/** The compliance screen's URL parameters; empty values mean "not set". */
export function parseComplianceQuery(sp: URLSearchParams): ComplianceQuery {
	const raw: Record<string, string> = {};
	for (const k of ['pack', 'as_of', 'status', 'rule', 'unit', 'month', 'page']) {
		const v = sp.get(k);
		if (v !== null && v.trim() !== '') raw[k] = v.trim();
	}
	const parsed = querySchema.safeParse(raw);
	if (!parsed.success) throw firstIssue(parsed.error);
	return parsed.data;
}

/** The pack a request names, or the deployment's default; a pack the deployment does not offer is a 400. */
export async function packOf(db: Database, name?: string | null): Promise<RulePack> {
	if (!name) return loadPack(await offeredPackName(db, null));
	const parsed = packName.safeParse(name);
	if (!parsed.success) throw firstIssue(parsed.error);
	return loadPack(await offeredPackName(db, parsed.data));
}

/** Packs for the picker: the valid packs the deployment offers, its default first. */
export async function packChoices(db: Database): Promise<{ name: string; title: string; has_appraisal: boolean; default: boolean }[]> {
	const [offered, def] = await Promise.all([offeredPackNames(db), defaultPackName(db)]);
	return listPacks()
		.filter((p) => !p.error && offered.includes(p.name))
		.map((p) => ({ name: p.name, title: p.title, has_appraisal: p.has_appraisal, default: p.name === def }))
		.sort((a, b) => Number(b.default) - Number(a.default) || a.name.localeCompare(b.name));
}

/**
 * Where the screens read the pack's results as of the wanted day: today (or none) reads the stored results as
 * of now, made current first; another day reads a table of its own (resultSource), so choosing a date never
 * changes what another request sees. Returns the as-of moment ('YYYY-MM-DD HH:MM:SS.fff') and its day.
 */
export async function prepareRun(db: Database, pack: RulePack, asOf?: string | null): Promise<{ asOf: string; day: string; source: ResultSource }> {
	const source = await resultSource(db, pack, asOf);
	return { asOf: source.as_of, day: source.as_of.slice(0, 10), source };
}

function monthRange(month?: string): { from?: string; to?: string } {
	if (!month) return {};
	const [y, m] = month.split('-').map(Number);
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * The summary for the charts. Each chart leaves out its own dimension's filter (the unit chart is not
 * filtered by unit …) so a clicked bar stays visible among the others and can be clicked again to clear.
 */
export async function complianceView(db: Database, user: SessionUser, q: ComplianceQuery) {
	const pack = await packOf(db, q.pack);
	const { source } = await prepareRun(db, pack, q.as_of);
	const base = { unit: q.unit, rule: q.rule, ...monthRange(q.month), source };
	const main = await complianceSummary(db, user, pack, base);
	const without = (patch: Record<string, undefined>) => complianceSummary(db, user, pack, { ...base, ...patch });
	const [byUnit, byRule, byMonth] = await Promise.all([
		q.unit ? without({ unit: undefined }).then((s) => s.by_unit) : main.by_unit,
		q.rule ? without({ rule: undefined }).then((s) => s.by_rule) : main.by_rule,
		q.month ? without({ from: undefined, to: undefined }).then((s) => s.by_month) : main.by_month
	]);
	return {
		pack: main.pack,
		title: main.title,
		pack_version: main.pack_version,
		calendar_version: main.calendar_version,
		as_of: main.as_of,
		as_of_explicit: source.explicit,
		computed_at: main.computed_at,
		provisional: main.provisional,
		totals: main.totals,
		by_unit: byUnit,
		by_rule: byRule,
		by_month: byMonth,
		rules: pack.rules.map((r) => ({ id: r.id, title: r.title })),
		units: [...new Set(byUnit.map((u) => u.unit))].sort((a, b) => a.localeCompare(b, 'zh'))
	};
}

export interface FlagRow {
	case_id: string;
	unit: string;
	rule_id: string;
	rule_title: string;
	article: string;
	received_at: string;
	clock_start: string | null;
	due_at: string | null;
	done_at: string | null;
	status: string;
	working_days_late: number | null;
	provisional: boolean;
	extended: boolean;
	explanation: string;
}

/** The paged list of results with the chosen statuses (default: breached and open-overdue), latest lateness first. */
export async function complianceList(
	db: Database,
	user: SessionUser,
	q: ComplianceQuery
): Promise<{ total: number; page: number; pages: number; page_size: number; rows: FlagRow[]; as_of: string }> {
	if (!canSeeCases(user)) throw new ForbiddenError(apiText.forbidden);
	const pack = await packOf(db, q.pack);
	const run = await prepareRun(db, pack, q.as_of);
	// the unit scope, the unit and the month of receipt: the one case filter of the compliance screens
	const cases = caseFilters(user, { unit: q.unit, ...monthRange(q.month) });
	const where = ['list_contains($statuses::VARCHAR[], cr.status)', ...cases.sql];
	const params: Record<string, DuckDBValue> = { ...run.source.params, ...cases.params, statuses: listValue(STATUS_SETS[q.status]) };
	if (q.rule) {
		where.push('cr.rule_id = $rule');
		params.rule = q.rule;
	}
	const base = `FROM ${run.source.rel} cr JOIN cases c USING (case_id) WHERE ${where.join(' AND ')}`;
	const pageKeys = (p: number) =>
		db.query<{ case_id: string; rule_id: string; unit: string; received_at: string; provisional: boolean; extended: boolean }>(
			`SELECT cr.case_id, cr.rule_id, c.unit, strftime(c.received_at, '%Y-%m-%dT%H:%M:%S+08:00') AS received_at, cr.provisional, cr.extended ${base}
			 ORDER BY cr.working_days_late DESC NULLS LAST, c.received_at DESC, cr.case_id, cr.rule_id
			 LIMIT ${PAGE_SIZE} OFFSET ${(p - 1) * PAGE_SIZE}`,
			params
		);
	// the count and the asked page at once (each joins every flagged result with its case: 0.3-0.5 s of CPU apiece
	// at 1,000,000 cases); a page past the end, rare, is asked again as the last page
	const [counted, asked] = await Promise.all([db.queryOne<{ n: number }>(`SELECT count(*)::INTEGER AS n ${base}`, params), pageKeys(q.page)]);
	const total = Number(counted?.n ?? 0);
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(q.page, pages);
	const keys = page === q.page ? asked : await pageKeys(page);
	const explained = await explainResults(db, pack, keys, run.asOf);
	const rules = new Map(pack.rules.map((r) => [r.id, r]));
	const rows = keys.map((k): FlagRow => {
		const r = explained.get(`${k.case_id}\u0000${k.rule_id}`);
		const rule = rules.get(k.rule_id);
		return {
			case_id: k.case_id,
			unit: k.unit,
			rule_id: k.rule_id,
			rule_title: rule?.title ?? k.rule_id,
			article: rule?.citation.article ?? '',
			received_at: k.received_at,
			clock_start: r?.clock_start ?? null,
			due_at: r?.due_at ?? null,
			done_at: r?.done_at ?? null,
			status: r?.status ?? '',
			working_days_late: r?.working_days_late ?? null,
			provisional: r?.provisional ?? Boolean(k.provisional),
			extended: Boolean(k.extended),
			explanation: r?.explanation ?? ''
		};
	});
	return { total, page, pages, page_size: PAGE_SIZE, rows, as_of: run.asOf };
}

/** One case's clocks for the timeline: the engine's clocks and calendar, the case's non-identifying fields. */
export async function caseTimeline(db: Database, user: SessionUser, caseId: string, pack?: string | null) {
	const p = await packOf(db, pack);
	const clocks = await caseClocks(db, user, caseId, p); // scope-checked: throws not_found outside the user's units
	const scope = unitScope(user, 'unit');
	const info = await db.queryOne<{ case_id: string; unit: string; category: string | null; handling_mode: string | null; received_at: string }>(
		`SELECT case_id, unit, category, handling_mode, strftime(received_at, '%Y-%m-%dT%H:%M:%S+08:00') AS received_at
		 FROM cases WHERE case_id = $case_id${scope ? ` AND ${scope.sql}` : ''}`,
		{ case_id: caseId, ...(scope?.params ?? {}) }
	);
	// pause reasons are shown unredacted to the PII grant: that view is audited like the case page's
	if (canSeePii(user) && clocks.pauses.some((x) => x.reason)) await auditPiiView(db, user, 1, { view: 'compliance_case', case_id: caseId });
	return {
		...clocks,
		pack_title: documentTitle(p),
		case: info ?? null
	};
}

/** The logged-in user (the route policy already refused anonymous requests; this keeps the type honest). */
export function requireUser(user: SessionUser | null): SessionUser {
	if (!user) throw new UserInputError('unauthenticated', apiText.unauthenticated);
	return user;
}

