// `appraisal --year YYYY [--scheme <name or path>] [--pack <name>] [--by unit|person] [--include-pending]
// [--out file.xlsx|file.csv] [--publish [--note <text>]]`: the annual appraisal list with ranks, tiers and evidence
// (docs/cli.md), counting approved findings, and with --include-pending (预评) the flags not yet decided. --publish
// freezes the list (approved findings only, with its evidence) as the next numbered version, as the 年度考核 page's
// 发布 does (appraisal/publish.ts, audited). The command line acts as admin.
import { parse, openDb, type CommandContext } from './context.ts';
import { loadPack } from '../../src/lib/server/compliance/index.ts';
import { appraisal, writeAppraisalCsv, writeAppraisalXlsx } from '../../src/lib/server/appraisal/appraisal.ts';
import { defaultPackName } from '../../src/lib/server/settings.ts';
import { DEFAULT_SCHEME, loadScheme } from '../../src/lib/server/appraisal/scheme.ts';
import { UserInputError } from '../../src/lib/server/errors.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { packText } from '../../src/lib/i18n/zh/compliance.ts';
import { publishAppraisal } from '../../src/lib/server/appraisal/publish.ts';
import { publishText } from '../../src/lib/i18n/zh/appraisal.ts';

const CLI_USER: SessionUser = { userId: 0, name: 'cli', displayName: '命令行', role: 'admin', units: [], pii: false };

export async function run(ctx: CommandContext) {
	const { values } = parse(
		ctx,
		{
			year: { type: 'string' },
			pack: { type: 'string' },
			scheme: { type: 'string' },
			by: { type: 'string' },
			out: { type: 'string' },
			'include-pending': { type: 'boolean' },
			publish: { type: 'boolean' },
			note: { type: 'string' }
		},
		false
	);
	if (!values.year || !/^\d{4}$/.test(values.year)) throw new UserInputError('bad_year', packText.badYear(values.year ?? ''), { field: 'year' });
	if (values.by && values.by !== 'unit' && values.by !== 'person') throw new UserInputError('bad_by', packText.badBy(values.by), { field: 'by' });
	const out = values.out;
	if (out && !/\.(xlsx|csv)$/i.test(out)) throw new UserInputError('bad_out', packText.badOut(out), { field: 'out' });
	const publish = values.publish === true;
	// a published list counts approved findings only: a preview is refused before anything is computed
	if (publish && values['include-pending']) throw new UserInputError('preview', publishText.noPreview, { field: 'include-pending' });
	if (values.note !== undefined && !publish) throw new UserInputError('bad_arguments', publishText.noteWithoutPublish, { field: 'note' });
	const db = await openDb(values.db);
	const pack = loadPack(values.pack ?? (await defaultPackName(db)));
	const scheme = loadScheme(values.scheme ?? DEFAULT_SCHEME);
	const includePending = values['include-pending'] === true;
	// a version is frozen with all its evidence, whoever reads it later
	const a = await appraisal(db, CLI_USER, { year: Number(values.year), pack, scheme, by: values.by as 'unit' | 'person' | undefined, evidence: Boolean(out) || publish, includePending });
	const published = publish ? await publishAppraisal(db, CLI_USER, a, values.note ?? null, null) : null;
	let written: string | null = null;
	if (out) written = /\.xlsx$/i.test(out) ? await writeAppraisalXlsx(a, out) : await writeAppraisalCsv(a, out);
	const tiers: Record<string, number> = {};
	for (const r of a.rows) if (r.tier) tiers[r.tier] = (tiers[r.tier] ?? 0) + 1;
	return {
		year: a.year,
		scheme: a.scheme,
		pack: a.pack,
		rows: a.rows.length,
		pending: a.pending,
		include_pending: includePending,
		tiers,
		out: written,
		by: a.by,
		evidence: a.evidence.length,
		// the number of the version --publish made (null without it), and how many fields changed against the one before
		version: published?.version.version_no ?? null,
		changes: published ? published.changes.length : null
	};
}

export function describe(r: Record<string, unknown>): string {
	return `${r.year} 年度考核（${r.scheme}，${r.pack}，按${r.by === 'person' ? '个人' : '单位'}${r.include_pending ? '，预评：未审核问题按认定计' : ''}）：${r.rows} 行，待审核 ${r.pending} 件次${r.out ? `，已写出 ${r.out}` : ''}${r.version ? `，${publishText.publishedAs(Number(r.version), Number(r.changes))}` : ''}`;
}
