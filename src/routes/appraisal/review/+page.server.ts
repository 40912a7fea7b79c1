// 审核认定: the review queue of a year (filter by unit, rule, status) with every flag's decision and the unit's
// explanation; inspectors propose (in bulk), withdraw and notify; the approver (leader) approves with a 文号 or
// takes an approval back. The services check the role of every action; the policy lets inspector, leader, admin in.
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { isUserInputError } from '$lib/server/errors.ts';
import { shanghaiToday } from '$lib/server/time.ts';
import { loadScheme } from '$lib/server/appraisal/scheme.ts';
import { REVIEW_STATUSES, allowedActions, approve, notify, propose, revokeApproval, withdraw, yearFlags, type Decision, type ReviewStatus } from '$lib/server/appraisal/review.ts';
import { packOf } from '$lib/server/screens/compliance.ts';
import { reviewText } from '$lib/i18n/zh/appraisal.ts';

function yearOf(v: string | null): number {
	const y = Number(v ?? shanghaiToday().slice(0, 4));
	if (!Number.isInteger(y) || y < 2000 || y > 2200) error(400, '参数 year 有误');
	return y;
}

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = locals.user!;
	const db = await getDb();
	const year = yearOf(url.searchParams.get('year'));
	const pack = await packOf(db, url.searchParams.get('pack'));
	const scheme = loadScheme();
	const status = url.searchParams.get('status') || undefined;
	if (status && !REVIEW_STATUSES.includes(status as ReviewStatus)) error(400, '参数 status 有误');
	const filter = { unit: url.searchParams.get('unit') || undefined, rule: url.searchParams.get('rule') || undefined, status: status as ReviewStatus | undefined };
	const flags = await yearFlags(db, user, pack, year, filter);
	return {
		year,
		pack: { name: pack.name, title: pack.title, rules: pack.rules.map((r) => ({ id: r.id, title: r.title, article: r.citation.article })) },
		filter,
		// each flag with the steps this user may take on it now (the services check the same rules)
		flags: flags.slice(0, 1000).map((f) => ({ ...f, actions: allowedActions(f, user.role) })),
		total: flags.length,
		measures: scheme.measures,
		exemptions: scheme.exemptions,
		role: user.role
	};
};

async function attempt(fn: () => Promise<string>) {
	try {
		return { ok: true as const, message: await fn() };
	} catch (e) {
		if (isUserInputError(e)) return fail(400, { ok: false as const, message: e.message });
		throw e;
	}
}

const ids = (data: FormData) => data.getAll('id').map(Number).filter((n) => Number.isInteger(n) && n > 0);

async function context(event: RequestEvent) {
	const data = await event.request.formData();
	const db = await getDb();
	return { data, db, user: event.locals.user!, ip: event.locals.clientAddress };
}

export const actions: Actions = {
	propose: async (event) => {
		const { data, db, user, ip } = await context(event);
		return attempt(async () => {
			const pack = await packOf(db, String(data.get('pack') ?? '') || null);
			const items = data.getAll('item').map((v) => {
				const [case_id, rule_id] = String(v).split('\u001f');
				return { case_id, rule_id };
			});
			const done = await propose(db, user, pack, loadScheme(), yearOf(String(data.get('year') ?? '')), {
				items,
				decision: String(data.get('decision') ?? '') as Decision,
				measure: String(data.get('measure') ?? '') || undefined,
				reason: String(data.get('reason') ?? '') || undefined,
				note: String(data.get('note') ?? '') || undefined
			}, ip);
			return `已提出 ${done.length} 条${reviewText.decisions[String(data.get('decision'))] ?? ''}建议`;
		});
	},
	approve: async (event) => {
		const { data, db, user, ip } = await context(event);
		return attempt(async () => {
			await approve(db, user, ids(data), String(data.get('doc_no') ?? ''), ip);
			return `已批准 ${ids(data).length} 条`;
		});
	},
	unapprove: async (event) => {
		const { data, db, user, ip } = await context(event);
		return attempt(async () => {
			for (const id of ids(data)) await revokeApproval(db, user, id, ip);
			return '已撤销批准';
		});
	},
	withdraw: async (event) => {
		const { data, db, user, ip } = await context(event);
		return attempt(async () => {
			for (const id of ids(data)) await withdraw(db, user, id, ip);
			return '已撤回建议';
		});
	},
	notify: async (event) => {
		const { data, db, user, ip } = await context(event);
		return attempt(async () => {
			await notify(db, user, loadScheme(), ids(data), ip);
			return `已告知单位 ${ids(data).length} 条`;
		});
	}
};
