// Asia/Shanghai wall-clock time, independent of the server's TZ (China has had no DST since 1991).
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** The current Shanghai wall-clock time as 'YYYY-MM-DD HH:MM:SS.mmm' (what a TIMESTAMP column holds). */
export function shanghaiNow(now: Date = new Date()): string {
	return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().replace('T', ' ').replace('Z', '');
}

/** Today's Shanghai calendar date as 'YYYY-MM-DD'. */
export function shanghaiToday(now: Date = new Date()): string {
	return shanghaiNow(now).slice(0, 10);
}

/** A stored wall-clock TIMESTAMP ('YYYY-MM-DD HH:MM:SS[.fff]') as ISO 8601 with the +08:00 offset. */
export function toIsoShanghai(ts: string | null | undefined): string {
	if (!ts) return '';
	const [date, time = '00:00:00'] = ts.replace('T', ' ').split(' ');
	return `${date}T${time.length === 5 ? time + ':00' : time}+08:00`;
}
