// Reads a request body up to a byte cap, counting while it streams (a chunked body has no Content-Length to
// trust). Past the cap it stops reading at once and reports it: the caller answers 413 and closes the
// connection, so the rest of an oversized body is never read, let alone held in memory.

export type CappedBody = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; received: number };

export async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<CappedBody> {
	if (!body) return { ok: true, bytes: new Uint8Array(0) };
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let received = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		received += value.byteLength;
		if (received > limit) {
			// Not cancel(): on the Node adapter that destroys the socket before the 413 can be written. The stream
			// stays paused instead, and the response's `connection: close` ends the socket once the 413 is sent.
			reader.releaseLock();
			return { ok: false, received };
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(received);
	let at = 0;
	for (const c of chunks) {
		bytes.set(c, at);
		at += c.byteLength;
	}
	return { ok: true, bytes };
}

/** The same request with its (already read, capped) body in memory, for handlers to read as usual. */
export function withBufferedBody(request: Request, bytes: Uint8Array<ArrayBuffer>): Request {
	return new Request(request.url, {
		method: request.method,
		headers: request.headers,
		body: bytes.byteLength > 0 ? bytes : null,
		signal: request.signal
	});
}

/**
 * Drops a body nobody will read (a refused upload) without reading all of it: reads and discards at most
 * `maxBytes` for at most `maxMs`, then cancels it, which on the Node adapter closes the connection. Not closing at
 * once lets the client read the answer first: a socket closed with unread data is reset, and a reset can discard
 * the answer the client had not read yet (the "lingering close" of nginx and Apache). A body that ends within the
 * bounds leaves the connection open for the next request.
 */
export async function dropUnread(
	body: ReadableStream<Uint8Array> | null,
	{ maxBytes = 1024 * 1024, minMs = 250, maxMs = 2000 }: { maxBytes?: number; minMs?: number; maxMs?: number } = {}
): Promise<void> {
	if (!body || body.locked) return;
	const started = Date.now();
	const reader = body.getReader();
	let read = 0;
	try {
		const deadline = new Promise<'late'>((r) => setTimeout(() => r('late'), maxMs).unref());
		while (read <= maxBytes) {
			const next = await Promise.race([reader.read(), deadline]);
			if (next === 'late') break;
			if (next.done) return;
			read += next.value.byteLength;
		}
		const wait = minMs - (Date.now() - started);
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		await reader.cancel();
	} catch {
		// the client went away first: nothing left to drop
	}
}
