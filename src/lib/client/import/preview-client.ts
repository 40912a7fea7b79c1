// Page side of the preview worker: one worker per page, answers matched to requests, stale ones dropped.
import type { CsvPreview, EncodingChoice } from './preview.ts';

export interface Previewer {
	preview(file: File, encoding: EncodingChoice): Promise<CsvPreview>;
	dispose(): void;
}

type WorkerAnswer = { requestId: number; ok: true; preview: CsvPreview } | { requestId: number; ok: false; message: string };

export function createPreviewer(): Previewer {
	const worker = new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module' });
	const pending = new Map<number, { resolve: (p: CsvPreview) => void; reject: (e: Error) => void }>();
	let lastId = 0;
	worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
		const answer = event.data;
		const waiter = pending.get(answer.requestId);
		if (!waiter) return;
		pending.delete(answer.requestId);
		if (answer.ok) waiter.resolve(answer.preview);
		else waiter.reject(new Error(answer.message));
	};
	worker.onerror = (event) => {
		for (const waiter of pending.values()) waiter.reject(new Error(event.message || 'worker error'));
		pending.clear();
	};
	return {
		preview(file, encoding) {
			const requestId = ++lastId;
			// Only the newest request matters: an older one still in flight is answered with a rejection.
			for (const [id, waiter] of pending) {
				waiter.reject(new StalePreviewError());
				pending.delete(id);
			}
			return new Promise<CsvPreview>((resolve, reject) => {
				pending.set(requestId, { resolve, reject });
				worker.postMessage({ requestId, file, encoding });
			});
		},
		dispose() {
			worker.terminate();
			pending.clear();
		}
	};
}

/** A preview superseded by a newer one (the analyst changed file or encoding meanwhile). */
export class StalePreviewError extends Error {
	constructor() {
		super('stale preview');
	}
}
