// `compliance --pack <name|path> [--as-of YYYY-MM-DD] [--out file.csv]`: evaluates every case against every
// rule of the pack (docs/cli.md); the CSV has one row per case and rule.
import { parse, openDb, progressBar, type CommandContext } from './context.ts';
import { evaluatePack, loadPack, summaryAsOf, writeComplianceCsv } from '../../src/lib/server/compliance/index.ts';
import { defaultPackName } from '../../src/lib/server/settings.ts';
import { UserInputError } from '../../src/lib/server/errors.ts';
import { packText } from '../../src/lib/i18n/zh/compliance.ts';
import { STATUS_WORDS as S } from '../../src/lib/i18n/zh/glossary.ts';

export async function run(ctx: CommandContext) {
	const { values } = parse(ctx, { pack: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' } }, false);
	if (values.out && !values.out.toLowerCase().endsWith('.csv'))
		throw new UserInputError('bad_out', packText.badCsvOut(values.out), { field: 'out' });
	const db = await openDb(values.db);
	// without --pack: the deployment's default pack (部署设置)
	const pack = loadPack(values.pack ?? (await defaultPackName(db)));
	const bar = progressBar('评价');
	bar(0, 2);
	// as of now: the stored results are refreshed; as of another date: computed apart, the stored ones untouched
	const s = values['as-of'] ? await summaryAsOf(db, pack, values['as-of']) : await evaluatePack(db, pack);
	bar(1, 2);
	let out: string | undefined;
	if (values.out) out = (await writeComplianceCsv(db, pack, values.out, { asOf: values['as-of'] })).out;
	bar(2, 2);
	return {
		pack: s.pack,
		cases: s.cases,
		evaluations: s.evaluations,
		met: s.met,
		breached: s.breached,
		open_overdue: s.open_overdue,
		open_within: s.open_within,
		not_applicable: s.not_applicable,
		no_data: s.no_data,
		provisional: s.provisional,
		as_of: s.as_of,
		pack_version: s.pack_version,
		calendar_version: s.calendar_version,
		seconds: s.seconds,
		...(out ? { out } : {})
	};
}

export function describe(r: Record<string, unknown>): string {
	return [
		`规则包 ${r.pack}：${r.cases} 件，${r.evaluations} 项评价（${r.seconds} 秒）`,
		`${S.met} ${r.met}，${S.breached} ${r.breached}，${S['open-overdue']} ${r.open_overdue}，${S['open-within']} ${r.open_within}，${S['no-data']} ${r.no_data}，${S['not-applicable']} ${r.not_applicable}（件次）`,
		Number(r.provisional) > 0 ? `其中 ${r.provisional} 项涉及尚未公布节假日安排的年份（临时日历）` : '',
		r.out ? `已写出 ${r.out}` : ''
	]
		.filter(Boolean)
		.join('\n');
}
