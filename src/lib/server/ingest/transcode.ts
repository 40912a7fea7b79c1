// GB18030 → UTF-8 on a worker thread, so decoding (about 1.1 s per 300 MB on one core) runs alongside the
// rewrite of the previous chunk on the importing thread instead of before it. At most WINDOW chunks are in
// flight: the worker waits for the importer, so memory stays bounded whatever the file size.
import { Worker } from 'node:worker_threads';

const WINDOW = 2;

/** The worker, as source text (no separate file: it runs the same from the CLI, the tests and the built server). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const decoder = new TextDecoder('gb18030');
let credits = workerData.window;
let wake = null;
parentPort.on('message', () => {
	credits++;
	if (wake) { const w = wake; wake = null; w(); }
});
function send(read, text, end) {
	const out = Buffer.from(text, 'utf8');
	const data = out.byteOffset === 0 && out.buffer.byteLength === out.length
		? out.buffer
		: out.buffer.slice(out.byteOffset, out.byteOffset + out.length);
	parentPort.postMessage({ read, data, end }, [data]);
}
(async () => {
	for await (const chunk of fs.createReadStream(workerData.file, { highWaterMark: workerData.chunk })) {
		if (credits === 0) await new Promise((r) => (wake = r));
		credits--;
		send(chunk.length, decoder.decode(chunk, { stream: true }), false);
	}
	send(0, decoder.decode(), true);
})().catch((e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
`;

interface Message {
	read?: number;
	data?: ArrayBuffer;
	end?: boolean;
	error?: string;
}

/** One decoded piece: the UTF-8 bytes of `read` bytes of the file. */
export interface Transcoded {
	read: number;
	chunk: Buffer;
}

/** The UTF-8 text of a GB18030 file, chunk by chunk, decoded on a worker thread. */
export async function* gb18030ToUtf8(file: string, chunkBytes: number): AsyncGenerator<Transcoded> {
	const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, chunk: chunkBytes, window: WINDOW } });
	const queue: Message[] = [];
	let waiting: ((m: Message) => void) | null = null;
	const deliver = (m: Message) => {
		if (waiting) {
			const w = waiting;
			waiting = null;
			w(m);
		} else queue.push(m);
	};
	worker.on('message', deliver);
	worker.on('error', (e) => deliver({ error: e.message }));
	worker.on('exit', (code) => deliver({ error: `transcoder stopped (${code})` }));
	try {
		for (;;) {
			const m = queue.shift() ?? (await new Promise<Message>((r) => (waiting = r)));
			if (m.error !== undefined) throw new Error(m.error);
			yield { read: m.read ?? 0, chunk: Buffer.from(m.data!) };
			if (m.end) return;
			worker.postMessage(1); // one more chunk may be decoded
		}
	} finally {
		await worker.terminate();
	}
}
