// Browser side of an import: upload the file with real byte progress (XMLHttpRequest streams the File from
// disk, never into memory), start the server job and poll it until it finishes.
import type { AppErrorJson } from '$lib/model/errors.ts';
import type { BatchReport, CanonicalField, EncodingChoice, ImportPhase } from '$lib/model/import.ts';

/** An error the API answered with, or one the page made (network failure): always has a Chinese message. */
export class ImportRequestError extends Error {
	constructor(
		readonly status: number,
		readonly body: AppErrorJson
	) {
		super(body.message);
	}
}

export interface UploadResult {
	uploadId: string;
	fileName: string;
	bytes: number;
	kind: 'text' | 'xlsx';
}

export interface UploadHandle {
	done: Promise<UploadResult>;
	abort(): void;
}

function errorBody(status: number, text: string, fallback: string): AppErrorJson {
	try {
		const body = JSON.parse(text) as Partial<AppErrorJson>;
		if (body && typeof body.message === 'string') return { code: body.code ?? `http_${status}`, ...body } as AppErrorJson;
	} catch {
		/* not JSON: fall through */
	}
	return { code: `http_${status}`, message: fallback };
}

export function uploadFile(
	file: File,
	onProgress: (loaded: number, total: number) => void,
	messages: { network: string; cancelled: string; failed: string }
): UploadHandle {
	const xhr = new XMLHttpRequest();
	const done = new Promise<UploadResult>((resolve, reject) => {
		xhr.open('POST', `/api/import/uploads?name=${encodeURIComponent(file.name)}`);
		xhr.setRequestHeader('content-type', 'application/octet-stream');
		xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
		xhr.onload = () => {
			if (xhr.status === 201) resolve(JSON.parse(xhr.responseText) as UploadResult);
			else reject(new ImportRequestError(xhr.status, errorBody(xhr.status, xhr.responseText, messages.failed)));
		};
		xhr.onerror = () => reject(new ImportRequestError(0, { code: 'network', message: messages.network, file: file.name }));
		xhr.onabort = () => reject(new ImportRequestError(0, { code: 'cancelled', message: messages.cancelled, file: file.name }));
		xhr.send(file);
	});
	return { done, abort: () => xhr.abort() };
}

export async function apiJson<T>(url: string, init: RequestInit = {}, fallback = '请求失败'): Promise<T> {
	const res = await fetch(url, {
		...init,
		headers: init.body ? { 'content-type': 'application/json', ...init.headers } : init.headers
	});
	const text = await res.text();
	if (!res.ok) throw new ImportRequestError(res.status, errorBody(res.status, text, fallback));
	return (text ? JSON.parse(text) : null) as T;
}

export interface ImportJobView {
	id: string;
	fileName: string;
	status: 'queued' | 'running' | 'done' | 'failed';
	phase: ImportPhase | 'queued';
	fraction: number;
	message: string;
	report: BatchReport | null;
	error: AppErrorJson | null;
}

export function startJob(body: {
	uploadId: string;
	map?: Partial<Record<CanonicalField, string>>;
	constants?: Partial<Record<CanonicalField, string>>;
	/** Kept columns marked 不含个人信息. */
	publicColumns?: string[];
	profile?: string;
	encoding?: EncodingChoice;
}): Promise<ImportJobView> {
	return apiJson<ImportJobView>('/api/import/jobs', { method: 'POST', body: JSON.stringify(body) });
}

/** Polls the job every 300 ms, reporting each state, until it is done or failed. */
export async function waitForJob(id: string, onUpdate: (job: ImportJobView) => void): Promise<ImportJobView> {
	for (;;) {
		const job = await apiJson<ImportJobView>(`/api/import/jobs/${encodeURIComponent(id)}`);
		onUpdate(job);
		if (job.status === 'done' || job.status === 'failed') return job;
		await new Promise((r) => setTimeout(r, 300));
	}
}
