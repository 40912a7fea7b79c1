// The review of flags into findings as a JSON API (/api/findings, /api/findings/unit): the queue of a year with the
// steps each flag allows the caller, and the steps themselves. Input is validated here (zod); every step is the
// review service's, which checks the caller's role again (the route policy lets inspector, leader and admin in).
import { z } from 'zod';
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { ForbiddenError, UserInputError } from '../errors.ts';
import { shanghaiToday } from '../time.ts';
import { loadScheme } from '../appraisal/scheme.ts';
import {
	REVIEW_STATUSES,
	allowedActions,
	approve,
	explain,
	notify,
	propose,
	revokeApproval,
	unitFindings,
	withdraw,
	yearFlags,
	type Flag,
	type FlagAction,
	type UnitFinding
} from '../appraisal/review.ts';
import { packOf } from './compliance.ts';
import { reviewApiText } from '../../i18n/zh/appraisal.ts';

/** At most this many flags in one answer (the page shows the same first 1000); `total` says how many there are. */
export const QUEUE_LIMIT = 1000;

const year = z.coerce.number().int().min(2000).max(2200);
const text = (max: number) => z.string().trim().min(1).max(max);
const queueQuery = z
	.object({
		year: year.optional(),
		pack: text(100).optional(),
		unit: text(200).optional(),
		rule: text(100).optional(),
		status: z.enum(REVIEW_STATUSES as [string, ...string[]]).optional()
	})
	.strict();

function badInput(issue: z.ZodError['issues'][number] | undefined): UserInputError {
	const field = issue?.path.map(String).join('.') ?? '';
	return new UserInputError('bad_param', reviewApiText.badParam(field || '?'), { field: field || undefined });
}

export interface QueueAnswer {
	year: number;
	pack: string;
	total: number;
	flags: (Flag & { actions: FlagAction[] })[];
}

/** GET /api/findings: the review queue of a year, each flag with the steps the caller may take on it now. */
export async function reviewQueue(db: Database, user: SessionUser, params: URLSearchParams): Promise<QueueAnswer> {
	if (!['admin', 'inspector', 'leader'].includes(user.role)) throw new ForbiddenError(reviewApiText.forbidden);
	const parsed = queueQuery.safeParse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== '')));
	if (!parsed.success) throw badInput(parsed.error.issues[0]);
	const q = parsed.data;
	const y = q.year ?? Number(shanghaiToday().slice(0, 4));
	const pack = await packOf(db, q.pack ?? null);
	const flags = await yearFlags(db, user, pack, y, { unit: q.unit, rule: q.rule, status: q.status as Flag['review_status'] | undefined });
	return { year: y, pack: pack.name, total: flags.length, flags: flags.slice(0, QUEUE_LIMIT).map((f) => ({ ...f, actions: allowedActions(f, user.role) })) };
}

const ids = z.array(z.number().int().positive()).min(1).max(QUEUE_LIMIT);
const actionBody = z.discriminatedUnion('action', [
	z
		.object({
			action: z.literal('propose'),
			year,
			pack: text(100).optional(),
			items: z.array(z.object({ case_id: text(200), rule_id: text(100) }).strict()).min(1).max(QUEUE_LIMIT),
			decision: z.enum(['finding', 'exempt', 'reject']),
			measure: text(100).optional(),
			reason: text(1000).optional(),
			note: text(2000).optional()
		})
		.strict(),
	z.object({ action: z.literal('approve'), ids, doc_no: text(200) }).strict(),
	z.object({ action: z.literal('unapprove'), ids }).strict(),
	z.object({ action: z.literal('withdraw'), ids }).strict(),
	z.object({ action: z.literal('notify'), ids }).strict()
]);

/** A review request's JSON body (the hooks already bounded its size); not JSON: bad input, named as such. */
export async function reviewBody(request: Request): Promise<unknown> {
	return request.json().catch(() => {
		throw new UserInputError('bad_request', reviewApiText.badJson);
	});
}

/** POST /api/findings: one step of the review ({action, …}); answers what was done. */
export async function reviewAction(db: Database, user: SessionUser, body: unknown, ip: string | null): Promise<{ action: string; finding_ids: number[] }> {
	const parsed = actionBody.safeParse(body);
	if (!parsed.success) throw badInput(parsed.error.issues[0]);
	const b = parsed.data;
	switch (b.action) {
		case 'propose': {
			const pack = await packOf(db, b.pack ?? null);
			const done = await propose(db, user, pack, loadScheme(), b.year, { items: b.items, decision: b.decision, measure: b.measure, reason: b.reason, note: b.note }, ip);
			return { action: b.action, finding_ids: done };
		}
		case 'approve':
			await approve(db, user, b.ids, b.doc_no, ip);
			return { action: b.action, finding_ids: b.ids };
		case 'unapprove':
			for (const id of b.ids) await revokeApproval(db, user, id, ip);
			return { action: b.action, finding_ids: b.ids };
		case 'withdraw':
			for (const id of b.ids) await withdraw(db, user, id, ip);
			return { action: b.action, finding_ids: b.ids };
		case 'notify':
			await notify(db, user, loadScheme(), b.ids, ip);
			return { action: b.action, finding_ids: b.ids };
	}
}

/** GET /api/findings/unit: the findings about the caller's units (unit users only; no complainant identity). */
export async function unitFindingsAnswer(db: Database, user: SessionUser): Promise<{ findings: UnitFinding[] }> {
	if (user.role !== 'unit') throw new ForbiddenError(reviewApiText.forbidden);
	return { findings: await unitFindings(db, user) };
}

const explainBody = z.object({ finding_id: z.number().int().positive(), explanation: z.string().max(5000) }).strict();

/** POST /api/findings/unit {finding_id, explanation}: the unit's one written explanation. */
export async function unitExplain(db: Database, user: SessionUser, body: unknown, ip: string | null): Promise<{ finding_id: number }> {
	const parsed = explainBody.safeParse(body);
	if (!parsed.success) throw badInput(parsed.error.issues[0]);
	await explain(db, user, parsed.data.finding_id, parsed.data.explanation, ip);
	return { finding_id: parsed.data.finding_id };
}
