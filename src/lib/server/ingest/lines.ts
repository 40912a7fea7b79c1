// Physical lines for a direct read (decode.ts): DuckDB parsed the export as it is, in file order, so the k-th
// row it kept is the k-th record the scan saw once the records DuckDB rejected are left out. Those are known by
// the byte their record starts at; the LFs before that byte give their line. When the two views of the file do
// not correspond one to one, nothing is attached and the importer rewrites the file instead.
import fs from 'node:fs';
import { DuckDBDataChunk, INTEGER, type DuckDBConnection } from '@duckdb/node-api';
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

/** Index of value in the ascending array, or -1. */
function indexOf(sorted: Int32Array, value: number): number {
	let lo = 0;
	let hi = sorted.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] === value) return mid;
		if (sorted[mid] < value) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

async function appendLines(conn: DuckDBConnection, table: string, lines: Int32Array): Promise<void> {
	await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} (line INTEGER)`);
	const app = await conn.createAppender(table);
	for (let off = 0; off < lines.length; off += CHUNK_ROWS) {
		const n = Math.min(CHUNK_ROWS, lines.length - off);
		const chunk = DuckDBDataChunk.create([INTEGER], n);
		chunk.setColumnValues(0, Array.from(lines.subarray(off, off + n)));
		app.appendDataChunk(chunk);
	}
	app.closeSync();
}

/**
 * Sets NORM.line for every kept row and fills REJECT_LINES(byte_pos, line) for DuckDB's rejected records.
 * `starts`: the start line of every data record, from the scan. False (and nothing attached) when DuckDB's
 * records and the scan's differ in number or in where a rejected record starts.
 */
export async function attachLines(conn: DuckDBConnection, file: string, starts: Int32Array, withRejects: boolean): Promise<boolean> {
	const positions = withRejects
		? (await conn.runAndReadAll('SELECT DISTINCT line_byte_position FROM ingest_reject_errors ORDER BY 1')).getRows().map((r) => Number(r[0]))
		: [];
	const kept = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${NORM}`)).getRows()[0][0]);
	if (kept + positions.length !== starts.length) return false;

	const rejectLines = await linesAtBytes(file, positions);
	const rejected = rejectLines.map((line) => indexOf(starts, line));
	for (let k = 0; k < rejected.length; k++) if (rejected[k] < 0 || (k > 0 && rejected[k] <= rejected[k - 1])) return false;

	const lines = new Int32Array(kept);
	let j = 0;
	let r = 0;
	for (let k = 0; k < starts.length; k++) {
		if (r < rejected.length && rejected[r] === k) r++;
		else lines[j++] = starts[k];
	}
	await appendLines(conn, LINES, lines);
	await conn.run(`UPDATE ${NORM} SET line = l.line FROM (SELECT rowid AS rid, line FROM ${LINES}) l WHERE l.rid = ${NORM}.rowid`);
	await conn.run(`DROP TABLE ${LINES}`);

	await conn.run(`CREATE OR REPLACE TEMP TABLE ${REJECT_LINES} (byte_pos BIGINT, line BIGINT)`);
	const app = await conn.createAppender(REJECT_LINES);
	positions.forEach((pos, k) => {
		app.appendBigInt(BigInt(pos));
		app.appendBigInt(BigInt(rejectLines[k]));
		app.endRow();
	});
	app.closeSync();
	return true;
}
