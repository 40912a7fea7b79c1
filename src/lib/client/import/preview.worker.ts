// Web Worker: reads the first megabyte of the dropped file, detects its encoding and parses the preview,
// off the main thread so the page stays responsive whatever the file size.
import { parsePreview, PREVIEW_SAMPLE_BYTES, type EncodingChoice } from './preview.ts';

export interface PreviewRequest {
	requestId: number;
	file: File;
	encoding: EncodingChoice;
}

self.onmessage = async (event: MessageEvent<PreviewRequest>) => {
	const { requestId, file, encoding } = event.data;
	try {
		const slice = file.slice(0, PREVIEW_SAMPLE_BYTES);
		const sample = new Uint8Array(await slice.arrayBuffer());
		const preview = parsePreview(sample, { truncated: file.size > PREVIEW_SAMPLE_BYTES, encoding, fileName: file.name });
		self.postMessage({ requestId, ok: true, preview });
	} catch (e) {
		self.postMessage({ requestId, ok: false, message: e instanceof Error ? e.message : String(e) });
	}
};
