// Physical lines for a direct read (decode.ts): DuckDB parsed the export as it is, in file order, so the k-th
// row it kept is the k-th record the scan saw once the records DuckDB rejected are left out. Those are known by
// the byte their record starts at; the LFs before that byte give their line. When the two views of the file do
// not correspond one to one, nothing is attached and the importer rewrites the file instead.
import fs from 'node:fs';
import { DuckDBDataChunk, INTEGER, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { RecordStarts } from './starts.ts';
import { NORM } from './validate.ts';

export const LINES = 'ingest_lines';
/** Line of each record DuckDB rejected, by the byte its record starts at (reject_errors.line_byte_position). */
export const REJECT_LINES = 'ingest_reject_lines';

const CHUNK_ROWS = 2048;

/** 1 + the number of LFs before each (ascending) byte position of the file. */
async function linesAtBytes(file: string, positions: number[]): Promise<number[]> {
	const out: number[] = [];
	if (positions.length === 0) return out;
	let base = 0; // byte offset of the current chunk
	let lfs = 0;
	let next = 0;
	const end = positions[positions.length - 1];
	for await (const raw of fs.createReadStream(file, { highWaterMark: 4 * 1024 * 1024, end: Math.max(end - 1, 0) })) {
		const chunk = raw as Buffer;
		while (next < positions.length && positions[next] <= base + chunk.length) {
			out.push(1 + lfs + countLf(chunk, 0, positions[next] - base));
			next++;
		}
		lfs += countLf(chunk, 0, chunk.length);
		base += chunk.length;
	}
	while (next < positions.length) out.push(1 + lfs), next++;
	return out;
}

function countLf(buf: Buffer, from: number, to: number): number {
	let n = 0;
	for (let i = buf.indexOf(0x0a, from); i !== -1 && i < to; i = buf.indexOf(0x0a, i + 1)) n++;
	return n;
}

/** Appends rows of one INTEGER column to an appender, a data chunk at a time. */
class LineAppender {
	private readonly buf: number[] = [];
	constructor(private readonly app: DuckDBAppender) {}
	add(line: number): void {
		this.buf.push(line);
		if (this.buf.length === CHUNK_ROWS) this.flush();
	}
	flush(): void {
		if (this.buf.length === 0) return;
		const chunk = DuckDBDataChunk.create([INTEGER], this.buf.length);
		chunk.setColumnValues(0, this.buf);
		this.app.appendDataChunk(chunk);
		this.buf.length = 0;
	}
}

/**
 * Sets NORM.line for every kept row and fills REJECT_LINES(byte_pos, line) for DuckDB's rejected records.
 * `starts`: the start line of every data record, from the scan. False (and nothing attached) when DuckDB's
 * records and the scan's differ in number or in where a rejected record starts.
 */
export async function attachLines(conn: DuckDBConnection, file: string, starts: RecordStarts, withRejects: boolean): Promise<boolean> {
	const positions = withRejects
		? (await conn.runAndReadAll('SELECT DISTINCT line_byte_position FROM ingest_reject_errors ORDER BY 1')).getRows().map((r) => Number(r[0]))
		: [];
	const kept = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${NORM}`)).getRows()[0][0]);
	if (kept + positions.length !== starts.length) return false;
	const rejectLines = await linesAtBytes(file, positions);

	// One pass over the records: a rejected one is known by its start line (each must start a record, in
	// order); the others' lines go to LINES in file order, the order of NORM's rows.
	await conn.run(`CREATE OR REPLACE TEMP TABLE ${LINES} (line INTEGER)`);
	const app = await conn.createAppender(LINES);
	const out = new LineAppender(app);
	let r = 0;
	let matched = true;
	starts.forEach((line) => {
		if (r < rejectLines.length && rejectLines[r] <= line) {
			if (rejectLines[r] < line) return (matched = false);
			r++;
		} else out.add(line);
	});
	out.flush();
	app.closeSync();
	if (!matched || r < rejectLines.length) {
		await conn.run(`DROP TABLE ${LINES}`);
		return false;
	}
	await conn.run(`UPDATE ${NORM} SET line = l.line FROM (SELECT rowid AS rid, line FROM ${LINES}) l WHERE l.rid = ${NORM}.rowid`);
	await conn.run(`DROP TABLE ${LINES}`);

	await conn.run(`CREATE OR REPLACE TEMP TABLE ${REJECT_LINES} (byte_pos BIGINT, line BIGINT)`);
	const rejectApp = await conn.createAppender(REJECT_LINES);
	positions.forEach((pos, k) => {
		rejectApp.appendBigInt(BigInt(pos));
		rejectApp.appendBigInt(BigInt(rejectLines[k]));
		rejectApp.endRow();
	});
	rejectApp.closeSync();
	return true;
}
