// `nearly [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--unit <name>] [--rule <id>] [--as-user <name>] [--out <file.xlsx>]`:
// the 临期预警 list (open evaluations of the default pack about to break, as of now) exactly as /compliance/nearly
// shows it, in that user's scope; --out writes it as XLSX. Without --out it reads the database file READ_ONLY.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { getUserByName, toSessionUser } from '../../src/lib/server/auth/users.ts';
import { UserInputError } from '../../src/lib/server/errors.ts';
import { nearlyList } from '../../src/lib/server/metrics/nearly.ts';
import { validateFilters } from '../../src/lib/server/metrics/compile.ts';
import { exportNearlyXlsx } from '../../src/lib/server/reports/deadlines-xlsx.ts';
import { emptyFilters, type FilterState } from '../../src/lib/model/filters.ts';
import { FIGURES_TEXT } from '../../src/lib/i18n/zh/periods.ts';
import { openDb, openDbReadOnly, parse, type CommandContext } from './context.ts';

const CLI_ADMIN: SessionUser = { userId: 0, name: 'cli', displayName: null, role: 'admin', units: [], pii: true };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Rows printed in the JSON (the total counts them all; --out writes them all). */
const JSON_ROWS = 1000;

export async function run(ctx: CommandContext): Promise<Record<string, unknown>> {
	const { values } = parse(
		ctx,
		{ from: { type: 'string' }, to: { type: 'string' }, unit: { type: 'string' }, rule: { type: 'string' }, 'as-user': { type: 'string' }, out: { type: 'string' } },
		false
	);
	for (const k of ['from', 'to'] as const) {
		const v = values[k];
		if (v !== undefined && !DATE.test(v)) throw new UserInputError('bad_arguments', FIGURES_TEXT.badDate(k, v), { field: k });
	}
	if (values.out && !/\.xlsx$/i.test(values.out)) throw new UserInputError('bad_out', `--out 须为 .xlsx 文件：${values.out}`, { field: 'out' });
	const filters: FilterState = { ...emptyFilters(), from: values.from, to: values.to, units: values.unit ? [values.unit] : [] };
	validateFilters(filters);
	// an export is audited, so --out opens the file for writing; the list alone only reads
	const db = values.out ? await openDb(values.db) : await openDbReadOnly(values.db);
	let user = CLI_ADMIN;
	if (values['as-user']) {
		const row = await getUserByName(db, values['as-user']);
		if (!row) throw new UserInputError('unknown_user', FIGURES_TEXT.unknownUser(values['as-user']), { field: 'as-user' });
		user = toSessionUser(row);
	}
	const list = await nearlyList(db, user, { filters, rule: values.rule, limit: JSON_ROWS });
	let out: string | null = null;
	if (values.out) {
		out = path.resolve(values.out);
		const tmp = `${out}.${process.pid}.tmp`;
		fs.mkdirSync(path.dirname(out), { recursive: true });
		const body = await exportNearlyXlsx(db, user, filters, values.rule);
		await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), fs.createWriteStream(tmp));
		fs.renameSync(tmp, out);
	}
	return {
		as_of: list.as_of,
		days: list.days,
		pack: list.pack,
		from: list.period.from,
		to: list.period.to,
		total: list.total,
		by_unit: list.by_unit,
		by_rule: list.by_rule.map((r) => ({ rule_id: r.rule_id, title: r.rule_title, article: r.article, n: r.n })),
		rows: list.rows.map((r) => ({ case_id: r.case_id, unit: r.unit, rule_id: r.rule_id, due_at: r.due_at, working_days_left: r.working_days_left, hours_left: r.hours_left })),
		out
	};
}

export function describe(r: Record<string, unknown>): string {
	return `临期预警（截至 ${r.as_of}，${r.days} 个工作日内到期）：${r.total} 件次${r.out ? `，已写出 ${r.out}` : ''}`;
}
