// Fetches an Arrow IPC answer of the metrics API and turns it into plain row objects for the charts.
import { tableFromIPC } from 'apache-arrow';
import { errors } from '../i18n/zh/metrics.ts';

export type PlainRow = Record<string, string | number | null>;

/** Error with the server's Chinese message (the API answers errors as JSON {code, message}). */
export class FetchError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly code?: string
	) {
		super(message);
	}
}

/** Arrow IPC bytes → plain objects (Float64 → number, Utf8 → string, nulls kept). */
export function arrowToRows(bytes: Uint8Array | ArrayBuffer): PlainRow[] {
	const table = tableFromIPC(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
	const names = table.schema.fields.map((f) => f.name);
	const cols = names.map((n) => table.getChild(n)!);
	const rows: PlainRow[] = new Array(table.numRows);
	for (let i = 0; i < table.numRows; i++) {
		const r: PlainRow = {};
		for (let c = 0; c < names.length; c++) {
			const v = cols[c].get(i);
			r[names[c]] = v === null || v === undefined ? null : typeof v === 'bigint' ? Number(v) : (v as string | number);
		}
		rows[i] = r;
	}
	return rows;
}

/** GET an Arrow endpoint; an AbortSignal cancels stale queries when the filters change again. */
export async function fetchArrow(url: string, init: RequestInit = {}, fetchFn: typeof fetch = fetch): Promise<PlainRow[]> {
	const res = await fetchFn(url, { ...init, headers: { accept: 'application/vnd.apache.arrow.stream', ...(init.headers ?? {}) } });
	if (!res.ok) {
		let message: string = errors.badSpec;
		let code: string | undefined;
		try {
			const body = (await res.json()) as { message?: string; code?: string };
			message = body.message ?? message;
			code = body.code;
		} catch {
			/* not JSON */
		}
		throw new FetchError(message, res.status, code);
	}
	return arrowToRows(await res.arrayBuffer());
}

/** URL of the generic metrics endpoint for a spec (GET, so answers can be cached and shared). */
export function metricsUrl(spec: unknown): string {
	return `/api/metrics/query?spec=${encodeURIComponent(JSON.stringify(spec))}`;
}
