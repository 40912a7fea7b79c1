// What must be closed when the server stops, registered by whoever started it (the bulletin's warm Chromium), so the
// shutdown hook closes it without loading that module into a server that never used it.
const closers = new Set<() => Promise<void>>();

/** Registers a closer; returns a function that unregisters it. */
export function onShutdown(close: () => Promise<void>): () => void {
	closers.add(close);
	return () => closers.delete(close);
}

/** Runs every registered closer (errors are logged, not thrown: the database must still be closed after them). */
export async function runShutdown(): Promise<void> {
	await Promise.all([...closers].map((close) => close().catch((e) => console.error('关闭失败', e))));
}
