// `bulletin --month YYYY-MM [--out file.pdf|file.docx|file.html] [--group 乡镇] [--unit 名称 …] [--issued YYYY-MM-DD]`:
// the monthly bulletin (cli.md). The command line acts as admin. --json prints {month, out, cases, figures}.
import fs from 'node:fs';
import path from 'node:path';
import { UserInputError } from '../../src/lib/server/errors.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { bulletinData, formatOf, narrate, renderBulletin } from '../../src/lib/server/reports/index.ts';
import { BULLETIN } from '../../src/lib/i18n/zh/bulletin.ts';
import { figures } from '../../src/lib/server/metrics/figures.ts';
import { emptyFilters } from '../../src/lib/model/filters.ts';
import { openDb, parse, type CommandContext } from './context.ts';

const CLI_ADMIN: SessionUser = { userId: 0, name: 'cli', displayName: null, role: 'admin', units: [], pii: true };

export async function run(ctx: CommandContext): Promise<Record<string, unknown>> {
	const { values } = parse(
		ctx,
		{
			month: { type: 'string' },
			out: { type: 'string' },
			group: { type: 'string' },
			unit: { type: 'string', multiple: true },
			issued: { type: 'string' }
		},
		false
	);
	if (!values.month) throw new UserInputError('bad_arguments', BULLETIN.errors.badMonth(''), { field: 'month' });
	if (values.issued !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.issued))
		throw new UserInputError('bad_arguments', `参数 --issued 须为 YYYY-MM-DD：${values.issued}`, { field: 'issued' });
	const format = values.out ? formatOf(values.out) : null;
	const db = await openDb(values.db);
	const data = await bulletinData(db, CLI_ADMIN, {
		month: values.month,
		scope: { group: values.group, units: values.unit },
		issuedOn: values.issued
	});
	let out: string | null = null;
	if (values.out && format) {
		out = path.resolve(values.out);
		const bytes = await renderBulletin(data, format);
		fs.mkdirSync(path.dirname(out), { recursive: true });
		// Written under a temporary name and renamed, so no reader ever sees half a file.
		const tmp = `${out}.${process.pid}.tmp`;
		fs.writeFileSync(tmp, bytes);
		fs.renameSync(tmp, out);
	} else if (!ctx.json) {
		process.stderr.write(narrate(data).join('\n') + '\n');
	}
	// The shared figures of the month (cli.md `figures`), in the bulletin's scope.
	const shared = await figures(db, CLI_ADMIN, {
		from: data.period.from,
		to: data.period.to,
		filters: { ...emptyFilters(), unit_group: values.unit?.length ? undefined : values.group, units: values.unit ?? [] }
	});
	return { month: data.month, out, cases: data.totals.cases, figures: shared };
}

export function describe(result: Record<string, unknown>): string {
	return BULLETIN.cliSummary(String(result.month), Number(result.cases), (result.out as string | null) ?? null);
}
