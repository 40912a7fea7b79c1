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
