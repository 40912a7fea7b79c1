// `hotspots --from YYYY-MM-DD --to YYYY-MM-DD [--unit <name>] [--as-user <name>] [--top N]`: the period's hot terms,
// sudden rises and duplicate-matter groups (cli.md), in the user's scope. Opens the file read-write: the hot-spot
// tables are derived data built on first use, as the server does.
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { getUserByName, toSessionUser } from '../../src/lib/server/auth/users.ts';
import { UserInputError } from '../../src/lib/server/errors.ts';
import { emptyFilters } from '../../src/lib/model/filters.ts';
import { duplicateGroups, hotspotRises, hotspotTerms } from '../../src/lib/server/hotspots/views.ts';
import { FIGURES_TEXT } from '../../src/lib/i18n/zh/periods.ts';
import { openDb, parse, type CommandContext } from './context.ts';

const CLI_ADMIN: SessionUser = { userId: 0, name: 'cli', displayName: null, role: 'admin', units: [], pii: true };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function run(ctx: CommandContext): Promise<Record<string, unknown>> {
	const { values } = parse(ctx, { from: { type: 'string' }, to: { type: 'string' }, unit: { type: 'string' }, 'as-user': { type: 'string' }, top: { type: 'string' } }, false);
	for (const k of ['from', 'to'] as const) {
		if (!values[k] || !DATE.test(values[k])) throw new UserInputError('bad_arguments', FIGURES_TEXT.badDate(k, values[k] ?? ''), { field: k });
	}
	const top = values.top === undefined ? 20 : Number(values.top);
	if (!Number.isInteger(top) || top < 1 || top > 500) throw new UserInputError('bad_arguments', `--top 应为 1–500 的整数：${values.top}`, { field: 'top' });
	const db = await openDb(values.db);
	let user = CLI_ADMIN;
	if (values['as-user']) {
		const row = await getUserByName(db, values['as-user']);
		if (!row) throw new UserInputError('unknown_user', FIGURES_TEXT.unknownUser(values['as-user']), { field: 'as-user' });
		user = toSessionUser(row);
	}
	const filters = { ...emptyFilters(), from: values.from, to: values.to, units: values.unit ? [values.unit] : [] };
	const terms = await hotspotTerms(db, user, filters, undefined, top);
	const rises = await hotspotRises(db, user, filters, 'week');
	const groups = await duplicateGroups(db, user, filters);
	return {
		from: values.from,
		to: values.to,
		terms: terms.rows.map((r) => ({ term: r.term, twins: r.twins, cases: r.cases, share: r.share, previous_cases: r.prev_cases, weight: r.weight, units: r.units })),
		rises: rises.rows.map((r) => ({ kind: r.kind, term: r.item, cases: r.count, baseline: r.expected, p_value: r.p, q_value: r.q })),
		duplicate_groups: groups.rows.map((g) => ({
			id: g.group_no,
			kind: g.kind,
			cases: g.cases,
			case_ids: g.case_ids ? g.case_ids.split('、').slice(0, 20) : [],
			units: g.units.split('、'),
			first: g.first_at,
			last: g.last_at
		}))
	};
}
