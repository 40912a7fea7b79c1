// `calendar --year YYYY`: the working-day calendar in use for a year and whether it is official.
// `calendar --load <file.json>` loads a new year's State Council notice (then recomputes compliance).
import fs from 'node:fs';
import { parse, openDb, type CommandContext } from './context.ts';
import { calendarYear } from '../../src/lib/server/calendar/index.ts';
import { importCalendarYear } from '../../src/lib/server/compliance/calendar.ts';
import { UserInputError } from '../../src/lib/server/errors.ts';
import { calendarText } from '../../src/lib/i18n/zh/compliance.ts';

export async function run(ctx: CommandContext) {
	const { values } = parse(ctx, { year: { type: 'string' }, load: { type: 'string' } }, false);
	const db = await openDb(values.db);
	if (values.load) {
		let json: unknown;
		try {
			json = JSON.parse(fs.readFileSync(values.load, 'utf8'));
		} catch (e) {
			throw new UserInputError('calendar_invalid', calendarText.badJson(values.load, (e as Error).message), { file: values.load });
		}
		const loaded = await importCalendarYear(db, json, { by: 'cli' });
		const summary = await calendarYear(db, loaded.year);
		return { ...summary, version: loaded.version, recomputed: loaded.recomputed };
	}
	if (!values.year || !/^\d{4}$/.test(values.year))
		throw new UserInputError('bad_year', calendarText.badYear(values.year ?? ''), { field: 'year' });
	const { source: _source, ...summary } = await calendarYear(db, Number(values.year));
	return summary;
}

export function describe(r: Record<string, unknown>): string {
	return `${r.year} 年：工作日 ${r.workdays} 天，法定节假日 ${r.holidays} 天，调休上班 ${r.makeup_workdays} 天，${r.official ? '国务院办公厅正式公布' : '尚未公布，按周一至周五临时计算'}`;
}
