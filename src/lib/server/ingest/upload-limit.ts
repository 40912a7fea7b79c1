// The upload size cap, a documented setting (README): IMPORT_MAX_BYTES, default 1 GiB. A larger export goes
// through the command line (`npm run cli -- import <file>`), which reads the file from disk without a cap.
export const DEFAULT_MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

export function maxUploadBytes(): number {
	const fromEnv = Number(process.env.IMPORT_MAX_BYTES);
	return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_MAX_UPLOAD_BYTES;
}
