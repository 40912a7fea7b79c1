// The review of flags into findings (认定), issue 13: every breached or open-overdue evaluation of a year and every
// substantiated complaint is a flag; an inspector proposes a finding (with a handling measure of the scheme), an
// exemption (免责, a reason of the scheme citing its article) or 不予认定 (a data error); the approver (leader)
// approves with a 文号; the unit is told of a proposed finding and may answer once within N working days. Every
// step and its reversal is written to the audit log. Complainant identity is never selected here.
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { unitScope } from '../auth/scope.ts';
import { audit } from '../auth/audit.ts';
import { ForbiddenError, UserInputError } from '../errors.ts';
import { shanghaiNow, shanghaiToday, toIsoShanghai } from '../time.ts';
import { caseFilters, periodEndSource, resultSource, type ResultSource } from '../compliance/index.ts';
import { loadPack, type RulePack } from '../compliance/pack.ts';
import { reviewText } from '../../i18n/zh/appraisal.ts';
import type { Scheme } from './scheme.ts';
import { invalidateFacts } from '../metrics/facts.ts';

/** The rule id a substantiated complaint is filed under. */
/** The outcomes that make a complaint substantiated (属实、部分属实). */
export const SUBSTANTIATED = ['属实', '部分属实'];
export const SUBSTANTIATED_RULE = 'substantiated';
export type Decision = 'finding' | 'exempt' | 'reject';
export type ReviewStatus = 'unreviewed' | 'proposed' | 'approved' | 'rereview';
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['unreviewed', 'proposed', 'approved', 'rereview'];

export interface Flag {
	case_id: string;
	rule_id: string;
	unit: string;
	person: string | null;
	/** breached | open-overdue | substantiated (null: the flag is gone, its decision awaits re-review) */
	kind: string | null;
	/** the case's receipt (ISO +08:00), category and outcome (处理结果): what an evidence row lists beside the flag */
	received_at: string | null;
	category: string | null;
	outcome: string | null;
	due_at: string | null;
	finding_id: number | null;
	decision: Decision | null;
	state: 'proposed' | 'approved' | null;
	review_status: ReviewStatus;
	measure: string | null;
	reason: string | null;
	article: string | null;
	note: string | null;
	proposed_by: string | null;
	proposed_at: string | null;
	approved_by: string | null;
	approved_at: string | null;
	doc_no: string | null;
	notified_at: string | null;
	explanation_due: string | null;
	explanation: string | null;
	explained_at: string | null;
}

const may = (user: SessionUser, ...roles: SessionUser['role'][]) => {
	if (!roles.includes(user.role)) throw new ForbiddenError(reviewText.forbidden);
};

/**
 * The deadline results a year is judged by: as of its last moment (product.md 2.0 as_of), the running year as of
 * now. The list, its drill-down and the review read the same.
 */
export async function yearSource(db: Database, pack: RulePack, year: number): Promise<ResultSource> {
	return periodSource(db, pack, `${year}-12-31`);
}

/** The deadline results a period ending on `to` (YYYY-MM-DD) is judged by: as of its last moment, or now. */
export async function periodSource(db: Database, pack: RulePack, to: string): Promise<ResultSource> {
	return to < shanghaiToday() ? periodEndSource(db, pack, `${to} 23:59:59.999`) : resultSource(db, pack);
}

/**
 * The flags of a year under a pack with their current decision and review status. A decision stands while the
 * evaluation stays breached or open-overdue with the same due moment (an open case that closes late keeps it);
 * otherwise it is shown for re-review and counts for nothing. The year is read as of its end (or now).
 */
export async function yearFlags(
	db: Database,
	user: SessionUser,
	pack: RulePack,
	year: number,
	filter: { unit?: string; rule?: string; status?: ReviewStatus; case_id?: string } = {}
): Promise<Flag[]> {
	return periodFlags(db, user, pack, { from: `${year}-01-01`, to: `${year}-12-31` }, filter);
}

/**
 * The flags of the cases received in a period (from, to: YYYY-MM-DD), read as of the period's end (or now), with
 * their decisions: yearFlags for any period, e.g. a month of the 单位效能 ranking, where review has not happened yet.
 */
export async function periodFlags(
	db: Database,
	user: SessionUser,
	pack: RulePack,
	period: { from: string; to: string },
	filter: { unit?: string; rule?: string; status?: ReviewStatus; case_id?: string } = {}
): Promise<Flag[]> {
	const run = await periodSource(db, pack, period.to);
	// the unit scope, the unit and the period of receipt: the one case filter of the compliance screens
	const cases = caseFilters(user, { unit: filter.unit, from: period.from, to: period.to });
	const where = [...cases.sql];
	const params: Record<string, DuckDBValue> = { ...run.params, ...cases.params, pack: pack.name, subst: listValue(SUBSTANTIATED), srule: SUBSTANTIATED_RULE };
	if (filter.case_id) {
		where.push('c.case_id = $case_id');
		params.case_id = filter.case_id;
	}
	const cond = where.join(' AND ');
	const outer: string[] = [];
	if (filter.rule) {
		outer.push('rule_id = $rule');
		params.rule = filter.rule;
	}
	if (filter.status) {
		outer.push('review_status = $status');
		params.status = filter.status;
	}
	const rows = await db.query<Record<string, unknown>>(
		`WITH flags AS (
			SELECT c.case_id, cr.rule_id, c.unit, c.person, cr.status AS kind, cr.due_at
			FROM ${run.rel} cr JOIN cases c USING (case_id) WHERE cr.status IN ('breached', 'open-overdue') AND ${cond}
			UNION ALL
			SELECT c.case_id, $srule, c.unit, c.person, 'substantiated', NULL::TIMESTAMP FROM cases c
			WHERE list_contains($subst::VARCHAR[], c.outcome) AND ${cond}),
		cur AS (SELECT d.* FROM findings d JOIN cases c USING (case_id) WHERE d.pack = $pack AND d.state IN ('proposed', 'approved') AND ${cond}),
		j AS (
			SELECT coalesce(f.case_id, d.case_id) AS case_id, coalesce(f.rule_id, d.rule_id) AS rule_id, coalesce(f.unit, d.unit) AS unit,
				coalesce(f.person, d.person) AS person, f.kind, f.due_at, d.*  EXCLUDE (case_id, rule_id, unit, person),
				CASE WHEN d.finding_id IS NULL THEN 'unreviewed'
					WHEN f.kind IS NULL THEN 'rereview'
					WHEN (f.kind = 'substantiated') <> (d.flag_status = 'substantiated') THEN 'rereview'
					WHEN f.due_at IS DISTINCT FROM d.flag_due_at THEN 'rereview'
					ELSE d.state END AS review_status
			FROM flags f FULL OUTER JOIN cur d ON d.case_id = f.case_id AND d.rule_id = f.rule_id),
		jc AS (SELECT j.*, cc.received_at AS c_received_at, cc.category AS c_category, cc.outcome AS c_outcome FROM j LEFT JOIN cases cc ON cc.case_id = j.case_id)
		SELECT case_id, rule_id, unit, person, kind, strftime(c_received_at, '%Y-%m-%d %H:%M:%S') AS received_at, c_category AS category, c_outcome AS outcome, strftime(due_at, '%Y-%m-%d %H:%M:%S.%g') AS due_at, finding_id::INTEGER AS finding_id,
			decision, state, review_status, measure, reason, article, note, proposed_by, strftime(proposed_at, '%Y-%m-%d %H:%M:%S') AS proposed_at,
			approved_by, strftime(approved_at, '%Y-%m-%d %H:%M:%S') AS approved_at, doc_no, strftime(notified_at, '%Y-%m-%d %H:%M:%S') AS notified_at,
			strftime(explanation_due, '%Y-%m-%d') AS explanation_due, explanation, strftime(explained_at, '%Y-%m-%d %H:%M:%S') AS explained_at
		FROM jc ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}
		ORDER BY unit, case_id, rule_id`,
		params
	);
	const ts = (v: unknown) => (v === null || v === undefined ? null : toIsoShanghai(String(v)));
	return rows.map((r) => ({
		case_id: String(r.case_id),
		rule_id: String(r.rule_id),
		unit: String(r.unit),
		person: (r.person as string | null) ?? null,
		kind: (r.kind as string | null) ?? null,
		received_at: ts(r.received_at),
		category: (r.category as string | null) ?? null,
		outcome: (r.outcome as string | null) ?? null,
		due_at: ts(r.due_at),
		finding_id: r.finding_id === null || r.finding_id === undefined ? null : Number(r.finding_id),
		decision: (r.decision as Decision | null) ?? null,
		state: (r.state as Flag['state']) ?? null,
		review_status: r.review_status as ReviewStatus,
		measure: (r.measure as string | null) ?? null,
		reason: (r.reason as string | null) ?? null,
		article: (r.article as string | null) ?? null,
		note: (r.note as string | null) ?? null,
		proposed_by: (r.proposed_by as string | null) ?? null,
		proposed_at: ts(r.proposed_at),
		approved_by: (r.approved_by as string | null) ?? null,
		approved_at: ts(r.approved_at),
		doc_no: (r.doc_no as string | null) ?? null,
		notified_at: ts(r.notified_at),
		explanation_due: (r.explanation_due as string | null) ?? null,
		explanation: (r.explanation as string | null) ?? null,
		explained_at: ts(r.explained_at)
	}));
}

/**
 * Whether a flag counts as a finding: an approved finding decision still standing; with `includePending` (预评)
 * also every flag not yet decided by an approval, as its current proposal would decide it (an unreviewed flag or a
 * decision awaiting re-review counts as a finding; a proposed exemption or 不予认定 does not).
 */
export function counts(f: Flag, includePending = false): boolean {
	if (f.kind === null) return false;
	if (f.review_status === 'approved') return f.decision === 'finding';
	if (!includePending) return false;
	if (f.review_status === 'proposed') return f.decision === 'finding';
	return true;
}

/** The steps of the review a user may take on a flag (its state machine, per role). */
export type FlagAction = 'propose' | 'notify' | 'withdraw' | 'approve' | 'unapprove';

/**
 * What a role may do to a flag in its current state. Inspectors propose on a standing flag (replacing a proposal,
 * never an approval still standing: the approver takes that back first), tell the unit of a proposed finding once,
 * and withdraw a proposal; the approver (leader) approves a proposal or takes an approval back; the admin may do
 * all of it (the command line records decisions as the admin). The services enforce the same rules.
 */
export function allowedActions(
	f: Pick<Flag, 'kind' | 'state' | 'decision' | 'notified_at' | 'review_status'>,
	role: SessionUser['role']
): FlagAction[] {
	const inspector = role === 'inspector' || role === 'admin';
	const approver = role === 'leader' || role === 'admin';
	const out: FlagAction[] = [];
	if (inspector && f.kind !== null && (f.review_status !== 'approved' || role === 'admin')) out.push('propose');
	if (f.state === 'proposed') {
		if (inspector && f.decision === 'finding' && !f.notified_at) out.push('notify');
		if (approver) out.push('approve');
		if (inspector) out.push('withdraw');
	}
	if (f.state === 'approved') {
		if (approver) out.push('unapprove');
		if (role === 'admin') out.push('withdraw');
	}
	return out;
}

/** Pending: flags whose decision is not an approval that still stands. */
export const isPending = (f: Flag) => f.kind !== null && f.review_status !== 'approved';

export interface ProposalInput {
	items: { case_id: string; rule_id: string }[];
	decision: Decision;
	measure?: string;
	reason?: string;
	note?: string;
}

/**
 * Proposes a decision on one or more flags (bulk), replacing any standing decision on them (the replaced one is
 * withdrawn and both steps are audited). Inspectors (and the admin, e.g. the CLI) only.
 */
export async function propose(
	db: Database,
	user: SessionUser,
	pack: RulePack,
	scheme: Scheme,
	year: number,
	input: ProposalInput,
	ip: string | null = null
): Promise<number[]> {
	may(user, 'inspector', 'admin');
	let article: string | null = null;
	if (input.decision === 'finding') {
		if (!input.measure || !scheme.measures.some((m) => m.measure === input.measure))
			throw new UserInputError('bad_measure', reviewText.badMeasure(input.measure ?? ''), { field: 'measure' });
	} else if (input.decision === 'exempt') {
		const ex = scheme.exemptions.find((e) => e.reason === input.reason);
		if (!ex) throw new UserInputError('bad_reason', reviewText.badReason(input.reason ?? ''), { field: 'reason' });
		article = ex.article;
	} else if (!input.reason?.trim()) throw new UserInputError('bad_reason', reviewText.needReason, { field: 'reason' });
	const ids: number[] = [];
	for (const item of input.items) {
		const [flag] = (await yearFlags(db, user, pack, year, { case_id: item.case_id })).filter((f) => f.rule_id === item.rule_id && f.kind !== null);
		if (!flag) throw new UserInputError('not_a_flag', reviewText.notFlag(item.case_id, item.rule_id), { field: 'case_id' });
		if (!allowedActions(flag, user.role).includes('propose'))
			throw new UserInputError('approved', reviewText.approvedStands(item.case_id, item.rule_id), { field: 'case_id' });
		const now = shanghaiNow();
		const id = await db.transaction(async (conn) => {
			await conn.run(
				`UPDATE findings SET state = 'withdrawn' WHERE pack = $pack AND rule_id = $rule AND case_id = $case AND state IN ('proposed', 'approved')`,
				{ pack: pack.name, rule: item.rule_id, case: item.case_id }
			);
			const reader = await conn.runAndReadAll(
				`INSERT INTO findings (pack, rule_id, case_id, unit, person, flag_status, flag_due_at, decision, measure, reason, article, note, state, proposed_by, proposed_at)
				 VALUES ($pack, $rule, $case, $unit, $person, $kind, $due::TIMESTAMP, $decision, $measure, $reason, $article, $note, 'proposed', $by, $now::TIMESTAMP)
				 RETURNING finding_id::INTEGER AS id`,
				{
					pack: pack.name,
					rule: item.rule_id,
					case: item.case_id,
					unit: flag.unit,
					person: flag.person,
					kind: flag.kind!,
					due: flag.due_at ? flag.due_at.replace('T', ' ').replace('+08:00', '') : null,
					decision: input.decision,
					measure: input.decision === 'finding' ? input.measure! : null,
					reason: input.decision === 'finding' ? null : input.reason!.trim(),
					article,
					note: input.note?.trim() || null,
					by: user.name,
					now
				}
			);
			return Number(reader.getRowObjects()[0].id);
		});
		ids.push(id);
		await audit(db, {
			user,
			action: 'finding_propose',
			target: `${pack.name}/${item.rule_id}/${item.case_id}`,
			detail: { finding_id: id, decision: input.decision, measure: input.measure ?? null, reason: input.reason ?? null, note: input.note?.trim() || null, replaced: flag.finding_id },
			ip
		});
	}
	// an approved 不予认定 replaced by this proposal counts again in every rate (metrics/evaluations.ts)
	invalidateFacts(db);
	return ids;
}

async function findingRow(db: Database, id: number) {
	const row = await db.queryOne<Record<string, unknown>>(
		`SELECT finding_id::INTEGER AS finding_id, pack, rule_id, case_id, unit, decision, state, strftime(notified_at, '%Y-%m-%d') AS notified,
			strftime(explanation_due, '%Y-%m-%d') AS explanation_due, explanation FROM findings WHERE finding_id = $id`,
		{ id }
	);
	if (!row) throw new UserInputError('not_found', reviewText.notFound, { field: 'finding_id' });
	return row;
}

/** Withdraws a proposal or an approved decision (the reversal of a proposal; inspector or admin); audited. */
export async function withdraw(db: Database, user: SessionUser, id: number, ip: string | null = null): Promise<void> {
	may(user, 'inspector', 'admin');
	const row = await findingRow(db, id);
	if (row.state === 'withdrawn') throw new UserInputError('not_found', reviewText.notFound, { field: 'finding_id' });
	// an approval is taken back by the approver before its proposal can be withdrawn (the admin may do both)
	if (row.state === 'approved' && user.role !== 'admin') throw new UserInputError('approved', reviewText.approvedStands(String(row.case_id), String(row.rule_id)), { field: 'finding_id' });
	await db.run(`UPDATE findings SET state = 'withdrawn' WHERE finding_id = $id`, { id });
	await audit(db, { user, action: 'finding_withdraw', target: `${row.pack}/${row.rule_id}/${row.case_id}`, detail: { finding_id: id, was: row.state }, ip });
	invalidateFacts(db); // a withdrawn 不予认定 puts its evaluation back into the rates
}

/** Approves proposals (the approver: leader, or the admin), recording who, when and the 文号; audited. */
export async function approve(db: Database, user: SessionUser, ids: number[], docNo: string, ip: string | null = null, now?: Date): Promise<void> {
	may(user, 'leader', 'admin');
	if (!docNo.trim()) throw new UserInputError('bad_doc_no', reviewText.needDocNo, { field: 'doc_no' });
	for (const id of ids) {
		const row = await findingRow(db, id);
		if (row.state !== 'proposed') throw new UserInputError('no_proposal', reviewText.noProposal(String(row.case_id), String(row.rule_id)), { field: 'finding_id' });
		await db.run(`UPDATE findings SET state = 'approved', approved_by = $by, approved_at = $now::TIMESTAMP, doc_no = $doc WHERE finding_id = $id`, {
			id,
			by: user.name,
			now: shanghaiNow(now),
			doc: docNo.trim()
		});
		await audit(db, { user, action: 'finding_approve', target: `${row.pack}/${row.rule_id}/${row.case_id}`, detail: { finding_id: id, doc_no: docNo.trim() }, ip, now });
	}
	invalidateFacts(db); // an approved 不予认定 takes its evaluation out of every rate
}

/** Takes an approval back (the proposal stands again); audited. */
export async function revokeApproval(db: Database, user: SessionUser, id: number, ip: string | null = null): Promise<void> {
	may(user, 'leader', 'admin');
	const row = await findingRow(db, id);
	if (row.state !== 'approved') throw new UserInputError('not_found', reviewText.notFound, { field: 'finding_id' });
	await db.run(`UPDATE findings SET state = 'proposed', approved_by = NULL, approved_at = NULL, doc_no = NULL WHERE finding_id = $id`, { id });
	await audit(db, { user, action: 'finding_unapprove', target: `${row.pack}/${row.rule_id}/${row.case_id}`, detail: { finding_id: id }, ip });
	invalidateFacts(db);
}

/** The N-th working day after a date on the official calendar. */
async function workingDaysAfter(db: Database, day: string, n: number): Promise<string> {
	const row = await db.queryOne<{ d: string }>(
		`SELECT strftime(day, '%Y-%m-%d') AS d FROM calendar_days WHERE day > $day::DATE AND is_workday ORDER BY day LIMIT 1 OFFSET $skip`,
		{ day, skip: n - 1 }
	);
	return row?.d ?? day;
}

/** Tells the unit of proposed findings (告知): it may answer once within the scheme's working days; audited. */
export async function notify(db: Database, user: SessionUser, scheme: Scheme, ids: number[], ip: string | null = null, now?: Date): Promise<void> {
	may(user, 'inspector', 'admin');
	const today = shanghaiToday(now);
	const due = await workingDaysAfter(db, today, scheme.explanation_days);
	for (const id of ids) {
		const row = await findingRow(db, id);
		if (row.state !== 'proposed' || row.decision !== 'finding') throw new UserInputError('no_proposal', reviewText.noProposal(String(row.case_id), String(row.rule_id)), { field: 'finding_id' });
		await db.run(`UPDATE findings SET notified_at = $now::TIMESTAMP, explanation_due = $due::DATE WHERE finding_id = $id`, { id, now: shanghaiNow(now), due });
		await audit(db, { user, action: 'finding_notify', target: `${row.pack}/${row.rule_id}/${row.case_id}`, detail: { finding_id: id, explanation_due: due }, ip, now });
	}
}

export interface UnitFinding {
	finding_id: number;
	case_id: string;
	rule_id: string;
	/** the rule's title in its pack (投诉属实 for a substantiated complaint) and the article it cites */
	rule_title: string;
	article: string | null;
	unit: string;
	person: string | null;
	flag_status: string;
	measure: string | null;
	state: string;
	notified_at: string | null;
	explanation_due: string | null;
	explanation: string | null;
	doc_no: string | null;
	/** whether the unit may still send its one explanation (told of it, none sent yet, the due day not passed) */
	can_explain: boolean;
}

/**
 * The findings about a unit it may see (its own units only; no complainant field exists here): those it was told
 * of (告知) while proposed, and every approved finding, told or not — an approved finding is a decision about the
 * unit, which must never be kept from it.
 */
export async function unitFindings(db: Database, user: SessionUser, opts: { year?: number; now?: Date } = {}): Promise<UnitFinding[]> {
	const where = ["d.decision = 'finding'", "(d.state = 'approved' OR (d.state = 'proposed' AND d.notified_at IS NOT NULL))"];
	const params: Record<string, DuckDBValue> = {};
	const scope = unitScope(user, 'd.unit');
	if (scope) {
		where.push(scope.sql);
		Object.assign(params, scope.params);
	}
	if (opts.year) {
		where.push('year(c.received_at) = $year');
		params.year = opts.year;
	}
	const rows = await db.query<Record<string, unknown>>(
		`SELECT d.finding_id::INTEGER AS finding_id, d.pack, d.case_id, d.rule_id, d.unit, d.person, d.flag_status, d.measure, d.state,
			strftime(d.notified_at, '%Y-%m-%d %H:%M:%S') AS notified_at, strftime(d.explanation_due, '%Y-%m-%d') AS explanation_due, d.explanation, d.doc_no
		 FROM findings d JOIN cases c USING (case_id) WHERE ${where.join(' AND ')} ORDER BY coalesce(d.notified_at, d.approved_at) DESC, d.case_id`,
		params
	);
	const packs = new Map<string, RulePack | null>();
	const ruleOf = (packName: string, ruleId: string) => {
		if (ruleId === SUBSTANTIATED_RULE) return { title: reviewText.kinds.substantiated, article: null };
		if (!packs.has(packName)) {
			try {
				packs.set(packName, loadPack(packName));
			} catch {
				packs.set(packName, null); // a pack no longer shipped: the rule id is all there is
			}
		}
		const rule = packs.get(packName)?.rules.find((x) => x.id === ruleId);
		return { title: rule?.title ?? ruleId, article: rule?.citation.article ?? null };
	};
	const today = shanghaiToday(opts.now);
	return rows.map((r) => {
		const rule = ruleOf(String(r.pack), String(r.rule_id));
		return {
		finding_id: Number(r.finding_id),
		case_id: String(r.case_id),
		rule_id: String(r.rule_id),
		rule_title: rule.title,
		article: rule.article,
		unit: String(r.unit),
		person: (r.person as string | null) ?? null,
		flag_status: String(r.flag_status),
		measure: (r.measure as string | null) ?? null,
		state: String(r.state),
		notified_at: r.notified_at ? toIsoShanghai(String(r.notified_at)) : null,
		explanation_due: (r.explanation_due as string | null) ?? null,
		explanation: (r.explanation as string | null) ?? null,
		doc_no: (r.doc_no as string | null) ?? null,
		// explain()'s own conditions, so the page offers the form exactly when it would be accepted
		can_explain: Boolean(r.notified_at) && !r.explanation && (!r.explanation_due || today <= String(r.explanation_due))
		};
	});
}

/** The unit's one written explanation (情况说明) on a finding it was told of, before the due day; audited. */
export async function explain(db: Database, user: SessionUser, id: number, text: string, ip: string | null = null, now?: Date): Promise<void> {
	may(user, 'unit');
	const body = text.trim();
	if (!body) throw new UserInputError('empty', reviewText.emptyExplanation, { field: 'explanation' });
	const row = await findingRow(db, id);
	if (!user.units.includes(String(row.unit)) || row.state === 'withdrawn') throw new UserInputError('not_found', reviewText.notFound, { field: 'finding_id' });
	if (!row.notified) throw new UserInputError('not_notified', reviewText.notNotified, { field: 'finding_id' });
	if (row.explanation) throw new UserInputError('explained', reviewText.alreadyExplained, { field: 'explanation' });
	if (row.explanation_due && shanghaiToday(now) > String(row.explanation_due))
		throw new UserInputError('late', reviewText.explanationLate(String(row.explanation_due)), { field: 'explanation' });
	await db.run(`UPDATE findings SET explanation = $text, explained_by = $by, explained_at = $now::TIMESTAMP WHERE finding_id = $id`, {
		id,
		text: body.slice(0, 5000),
		by: user.name,
		now: shanghaiNow(now)
	});
	await audit(db, { user, action: 'finding_explain', target: `${row.pack}/${row.rule_id}/${row.case_id}`, detail: { finding_id: id, chars: body.length }, ip, now });
}
