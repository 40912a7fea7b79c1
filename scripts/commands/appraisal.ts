// `appraisal --year YYYY --pack <name> [--by unit|person] [--out file.xlsx|file.csv]`: the annual appraisal
// list with tiers and evidence (docs/cli.md). The command line acts as admin.
import { parse, openDb, type CommandContext } from './context.ts';
import { loadPack } from '../../src/lib/server/compliance/index.ts';
import { appraisal, writeAppraisalCsv, writeAppraisalXlsx } from '../../src/lib/server/compliance/appraisal.ts';
import { defaultPackName } from '../../src/lib/server/settings.ts';
import { UserInputError } from '../../src/lib/server/errors.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { packText } from '../../src/lib/i18n/zh/compliance.ts';

const CLI_USER: SessionUser = { userId: 0, name: 'cli', displayName: '命令行', role: 'admin', units: [], pii: false };

export async function run(ctx: CommandContext) {
	const { values } = parse(ctx, { year: { type: 'string' }, pack: { type: 'string' }, by: { type: 'string' }, out: { type: 'string' } }, false);
	if (!values.year || !/^\d{4}$/.test(values.year)) throw new UserInputError('bad_year', packText.badYear(values.year ?? ''), { field: 'year' });
	if (values.by && values.by !== 'unit' && values.by !== 'person') throw new UserInputError('bad_by', packText.badBy(values.by), { field: 'by' });
	const out = values.out;
	if (out && !/\.(xlsx|csv)$/i.test(out)) throw new UserInputError('bad_out', packText.badOut(out), { field: 'out' });
	const db = await openDb(values.db);
	const pack = loadPack(values.pack ?? (await defaultPackName(db)));
	const a = await appraisal(db, CLI_USER, { year: Number(values.year), pack, by: values.by as 'unit' | 'person' | undefined, evidence: Boolean(out) });
	let written: string | null = null;
	if (out) written = /\.xlsx$/i.test(out) ? await writeAppraisalXlsx(a, out) : await writeAppraisalCsv(a, out);
	return { year: a.year, pack: a.pack, rows: a.rows.length, out: written, by: a.by, evidence: a.evidence.length };
}

export function describe(r: Record<string, unknown>): string {
	return `${r.year} 年度考核（${r.pack}，按${r.by === 'person' ? '个人' : '单位'}）：${r.rows} 行${r.out ? `，已写出 ${r.out}` : ''}`;
}
