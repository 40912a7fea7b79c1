// The official working-day calendar in the database: notices from data/calendar/ (or loaded by an admin)
// rebuilt into calendar_days / calendar_blocks whenever they change. Compliance joins on these tables.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { DuckDBDateValue } from '@duckdb/node-api';
import type { Database } from '../db/index.ts';
import { DATA_DIR } from '../paths.ts';
import { UserInputError } from '../errors.ts';
import { shanghaiNow } from '../time.ts';
import {
	buildCalendarDays,
	calendarYearSchema,
	dayNumber,
	holidayBlocks,
	CALENDAR_FIRST_YEAR,
	type CalendarYear
} from './days.ts';
import { calendarText } from '../../i18n/zh/compliance.ts';
import { statutoryYears } from './statutory.ts';

export { calendarYearSchema, type CalendarYear } from './days.ts';

export const CALENDAR_DIR = path.join(DATA_DIR, 'calendar');
/** Unannounced years kept in the table after the last official one (Monday–Friday, provisional). */
export const PROVISIONAL_YEARS_AHEAD = 3;

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

function canonical(y: CalendarYear): string {
	return JSON.stringify({
		year: y.year,
		official: y.official,
		source: y.source,
		holidays: [...y.holidays].sort((a, b) => a.date.localeCompare(b.date)),
		makeup_workdays: [...y.makeup_workdays].sort((a, b) => a.date.localeCompare(b.date))
	});
}

/** Validates one notice; errors name the file and the field (holidays[3].date …). */
export function parseCalendarYear(input: unknown, file = '日历数据'): CalendarYear {
	const parsed = calendarYearSchema.safeParse(input);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
	throw new UserInputError('calendar_invalid', calendarText.invalid(file, field, issue.message), { file, field }, parsed.error.issues);
}

export interface CalendarFile {
	file: string;
	sha256: string;
	year: CalendarYear;
}

/** Every data/calendar/YYYY.json, validated. */
export function readCalendarDir(dir = CALENDAR_DIR): CalendarFile[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => /^\d{4}\.json$/.test(f))
		.sort()
		.map((f) => {
			const file = path.join(dir, f);
			const text = fs.readFileSync(file, 'utf8');
			let json: unknown;
			try {
				json = JSON.parse(text);
			} catch (e) {
				throw new UserInputError('calendar_invalid', calendarText.badJson(f, (e as Error).message), { file: f });
			}
			const year = parseCalendarYear(json, f);
			if (`${year.year}.json` !== f)
				throw new UserInputError('calendar_invalid', calendarText.yearMismatch(f, year.year), { file: f, field: 'year' });
			return { file: f, sha256: sha256(text), year };
		});
}

interface NoticeRow extends Record<string, unknown> {
	year: number;
	content: string;
	sha256: string;
	origin: string;
	file_sha256: string | null;
}

async function notices(db: Database): Promise<CalendarYear[]> {
	const rows = await db.query<NoticeRow>('SELECT year, content::VARCHAR AS content FROM calendar_notices ORDER BY year');
	return rows.map((r) => calendarYearSchema.parse(JSON.parse(r.content)));
}

/** The version of the calendar in use: the official year range and a hash of every notice. */
export function versionOf(years: CalendarYear[]): string {
	const official = years.filter((y) => y.official).map((y) => y.year);
	const range = official.length ? `${Math.min(...official)}-${Math.max(...official)}` : 'none';
	// 's1': the provisional years carry their statutory holidays (statutory.ts); a change there changes the version
	return `${range}+${sha256(years.map(canonical).join('\n') + '\ns1').slice(0, 12)}`;
}

async function setting(db: Database, key: string): Promise<string | undefined> {
	return (await db.queryOne<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]))?.value;
}

async function putSetting(db: Database, key: string, value: string): Promise<void> {
	await db.run('INSERT OR REPLACE INTO settings (key, value) VALUES ($1, $2)', [key, value]);
}

/** The last year the calendar table must reach so every case timestamp and "today" fall inside it. */
async function neededLastYear(db: Database, years: CalendarYear[], coverUntilYear?: number): Promise<number> {
	const lastOfficial = Math.max(CALENDAR_FIRST_YEAR, ...years.filter((y) => y.official).map((y) => y.year));
	const row = await db.queryOne<{ y: number | null }>(
		'SELECT CAST(max(year(received_at)) AS INTEGER) AS y FROM cases'
	);
	const nowYear = Number(shanghaiNow().slice(0, 4));
	// Deadlines of the latest cases run into the next year at most (the longest limit is three months).
	return Math.max(lastOfficial + PROVISIONAL_YEARS_AHEAD, (row?.y ?? 0) + 1, nowYear + 1, coverUntilYear ?? 0);
}

/** Rebuilds calendar_days and calendar_blocks from the notices in the database. */
async function rebuild(db: Database, years: CalendarYear[], lastYear: number): Promise<void> {
	// years without a notice from 2025 on: their statutory holidays (provisional, 调休 unknown)
	const days = buildCalendarDays([...years, ...statutoryYears(years, lastYear)], CALENDAR_FIRST_YEAR, lastYear);
	const blocks = holidayBlocks(days);
	await db.transaction(async (conn) => {
		await conn.run('DELETE FROM calendar_days');
		await conn.run('DELETE FROM calendar_blocks');
		const app = await conn.createAppender('calendar_days');
		for (const d of days) {
			app.appendDate(new DuckDBDateValue(dayNumber(d.day)));
			app.appendBoolean(d.is_workday);
			app.appendVarchar(d.kind);
			if (d.holiday_name === null) app.appendNull();
			else app.appendVarchar(d.holiday_name);
			app.appendBoolean(d.official);
			app.appendInteger(d.workday_index);
			app.appendInteger(d.unofficial_index);
			if (d.source === null) app.appendNull();
			else app.appendVarchar(d.source);
			app.endRow();
		}
		app.closeSync();
		const blockApp = await conn.createAppender('calendar_blocks');
		for (const b of blocks) {
			blockApp.appendDate(new DuckDBDateValue(dayNumber(b.first_day)));
			blockApp.appendDate(new DuckDBDateValue(dayNumber(b.last_day)));
			blockApp.appendVarchar(b.name);
			blockApp.endRow();
		}
		blockApp.closeSync();
	});
	await putSetting(db, 'calendar_version', versionOf(years));
	await putSetting(db, 'calendar_last_year', String(lastYear));
}

export interface CalendarSyncResult {
	version: string;
	changed: boolean;
	lastYear: number;
}

/**
 * Makes the calendar tables current: picks up new or changed files under data/calendar/, and rebuilds
 * when a notice changed or the table does not reach far enough (coverUntilYear, the cases' last year).
 */
/** One sync at a time per database: two at once rebuilt the same years and collided on their keys. */
const syncing = new WeakMap<Database, Promise<unknown>>();

export function syncCalendar(db: Database, opts: { dir?: string; coverUntilYear?: number } = {}): Promise<CalendarSyncResult> {
	const prev = syncing.get(db) ?? Promise.resolve();
	const next = prev.catch(() => undefined).then(() => syncCalendarNow(db, opts));
	syncing.set(db, next);
	return next;
}

async function syncCalendarNow(db: Database, opts: { dir?: string; coverUntilYear?: number }): Promise<CalendarSyncResult> {
	const files = readCalendarDir(opts.dir ?? CALENDAR_DIR);
	const stored = new Map(
		(await db.query<NoticeRow>('SELECT year, sha256, origin, file_sha256 FROM calendar_notices')).map((r) => [Number(r.year), r])
	);
	const now = shanghaiNow();
	for (const f of files) {
		const row = stored.get(f.year.year);
		// A file that has not changed since it was last synced does not override an admin's later import.
		if (row && row.file_sha256 === f.sha256) continue;
		await db.run(
			`INSERT OR REPLACE INTO calendar_notices (year, official, source, content, sha256, origin, file_sha256, loaded_by, loaded_at)
			 VALUES ($1, $2, $3, $4::JSON, $5, 'file', $6, NULL, $7::TIMESTAMP)`,
			[f.year.year, f.year.official, f.year.source, canonical(f.year), sha256(canonical(f.year)), f.sha256, now]
		);
	}
	const years = await notices(db);
	const version = versionOf(years);
	const lastYear = await neededLastYear(db, years, opts.coverUntilYear);
	const storedLast = Number((await setting(db, 'calendar_last_year')) ?? 0);
	const empty = !(await db.queryOne('SELECT 1 FROM calendar_days LIMIT 1'));
	const changed = empty || (await setting(db, 'calendar_version')) !== version || storedLast < lastYear;
	if (changed) await rebuild(db, years, Math.max(lastYear, storedLast));
	return { version, changed, lastYear: Math.max(lastYear, storedLast) };
}

/**
 * An admin loads a new year's State Council notice as data (the JSON of data/calendar/YYYY.json) and the
 * calendar is rebuilt. Deadlines computed with the old calendar are now stale: `resultsStale` says so, and the
 * caller that orchestrates (compliance/calendar.ts for the admin page and the CLI) recomputes them; the calendar
 * never calls up into compliance.
 */
export async function loadCalendarYear(
	db: Database,
	json: unknown,
	opts: { by?: string } = {}
): Promise<{ year: number; version: string; resultsStale: true }> {
	const year = parseCalendarYear(json);
	const text = canonical(year);
	await db.run(
		`INSERT INTO calendar_notices (year, official, source, content, sha256, origin, file_sha256, loaded_by, loaded_at)
		 VALUES ($1, $2, $3, $4::JSON, $5, 'import', NULL, $6, $7::TIMESTAMP)
		 ON CONFLICT (year) DO UPDATE SET official = excluded.official, source = excluded.source, content = excluded.content,
		 	sha256 = excluded.sha256, origin = 'import', loaded_by = excluded.loaded_by, loaded_at = excluded.loaded_at`,
		[year.year, year.official, year.source, text, sha256(text), opts.by ?? null, shanghaiNow()]
	);
	const { version } = await syncCalendar(db);
	return { year: year.year, version, resultsStale: true };
}

export async function calendarVersion(db: Database): Promise<string> {
	return (await setting(db, 'calendar_version')) ?? (await syncCalendar(db)).version;
}

export interface CalendarYearSummary {
	year: number;
	workdays: number;
	holidays: number;
	makeup_workdays: number;
	official: boolean;
	source: string | null;
}

/** The calendar in use for a year: counts, and whether it is official or provisional. */
export async function calendarYear(db: Database, year: number): Promise<CalendarYearSummary> {
	if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > 2200)
		throw new UserInputError('bad_year', calendarText.badYear(String(year)), { field: 'year' });
	await syncCalendar(db, { coverUntilYear: year });
	const row = await db.queryOne<{ workdays: number; holidays: number; makeup: number; official: boolean; source: string | null }>(
		`SELECT CAST(count(*) FILTER (WHERE is_workday) AS INTEGER) AS workdays,
			CAST(count(*) FILTER (WHERE kind = 'holiday') AS INTEGER) AS holidays,
			CAST(count(*) FILTER (WHERE kind = 'makeup_workday') AS INTEGER) AS makeup,
			bool_and(official) AS official, any_value(source) AS source
		 FROM calendar_days WHERE year(day) = $1`,
		[year]
	);
	return {
		year,
		workdays: Number(row?.workdays ?? 0),
		holidays: Number(row?.holidays ?? 0),
		makeup_workdays: Number(row?.makeup ?? 0),
		official: Boolean(row?.official),
		source: row?.source ?? null
	};
}

export interface CalendarDayRow {
	day: string;
	is_workday: boolean;
	kind: string;
	holiday_name: string | null;
	official: boolean;
}

/** The days between two dates inclusive (for a clock timeline with holidays and make-up days). */
export async function calendarRange(db: Database, from: string, to: string): Promise<CalendarDayRow[]> {
	return db.query<CalendarDayRow & Record<string, unknown>>(
		`SELECT strftime(day, '%Y-%m-%d') AS day, is_workday, kind, holiday_name, official
		 FROM calendar_days WHERE day BETWEEN $1::DATE AND $2::DATE ORDER BY day`,
		[from, to]
	);
}

/** The notices in the database (for the admin screen): year, source, origin, who loaded it and when. */
export async function listCalendarNotices(
	db: Database
): Promise<{ year: number; official: boolean; source: string; origin: string; loaded_by: string | null; loaded_at: string }[]> {
	return db.query(
		`SELECT year, official, source, origin, loaded_by, strftime(loaded_at, '%Y-%m-%d %H:%M:%S') AS loaded_at
		 FROM calendar_notices ORDER BY year`
	);
}
