// `findings confirm|exempt --case <id> --rule <id> [--pack <name>] [--measure <m>] [--reason <r>] [--note <text>]`:
// records an inspector's decision on a flag as an approved finding (docs/cli.md). The command line acts as admin,
// who both proposes and approves (文号: the note, or 命令行); both steps are audited.
import { parse, openDb, type CommandContext } from './context.ts';
import { loadPack } from '../../src/lib/server/compliance/index.ts';
import { defaultPackName } from '../../src/lib/server/settings.ts';
import { UserInputError } from '../../src/lib/server/errors.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { loadScheme } from '../../src/lib/server/appraisal/scheme.ts';
import { approve, propose, yearFlags, SUBSTANTIATED_RULE } from '../../src/lib/server/appraisal/review.ts';
import { cliFindingsText } from '../../src/lib/i18n/zh/appraisal.ts';

const CLI_USER: SessionUser = { userId: 0, name: 'cli', displayName: '命令行', role: 'admin', units: [], pii: false };

export async function run(ctx: CommandContext) {
	const { values, positionals } = parse(ctx, {
		case: { type: 'string' },
		rule: { type: 'string' },
		pack: { type: 'string' },
		scheme: { type: 'string' },
		measure: { type: 'string' },
		reason: { type: 'string' },
		note: { type: 'string' }
	});
	const action = positionals[0];
	if (action !== 'confirm' && action !== 'exempt') throw new UserInputError('bad_action', cliFindingsText.badAction(action ?? ''), { field: 'action' });
	if (!values.case) throw new UserInputError('bad_case', cliFindingsText.need('--case'), { field: 'case' });
	if (!values.rule) throw new UserInputError('bad_rule', cliFindingsText.need('--rule'), { field: 'rule' });
	const db = await openDb(values.db);
	const pack = loadPack(values.pack ?? (await defaultPackName(db)));
	const scheme = loadScheme(values.scheme);
	const row = await db.queryOne<{ y: number }>('SELECT year(received_at)::INTEGER AS y FROM cases WHERE case_id = $id', { id: values.case });
	if (!row) throw new UserInputError('no_case', cliFindingsText.noCase(values.case), { field: 'case' });
	const year = Number(row.y);
	const [flag] = (await yearFlags(db, CLI_USER, pack, year, { case_id: values.case })).filter((f) => f.rule_id === values.rule && f.kind !== null);
	if (!flag) throw new UserInputError('not_a_flag', cliFindingsText.notFlag(values.case, values.rule), { field: 'rule' });
	const decision = action === 'confirm' ? 'finding' : 'exempt';
	const kind = (flag.kind === 'substantiated' || values.rule === SUBSTANTIATED_RULE ? 'substantiated' : flag.kind) as keyof typeof scheme.default_measure;
	const [id] = await propose(db, CLI_USER, pack, scheme, year, {
		items: [{ case_id: values.case, rule_id: values.rule }],
		decision,
		measure: decision === 'finding' ? (values.measure ?? scheme.default_measure[kind]) : undefined,
		reason: values.reason,
		note: values.note
	});
	await approve(db, CLI_USER, [id], values.note?.trim() || '命令行');
	return { case_id: values.case, rule_id: values.rule, decision: action, finding_id: id, pack: pack.name };
}

export function describe(r: Record<string, unknown>): string {
	return `已记录：案件 ${r.case_id} 规则 ${r.rule_id} ${r.decision === 'confirm' ? '认定' : '免责'}（已批准）`;
}
