// An error as a value the UI and the CLI can show: a code, a Chinese message, and where it happened. The
// browser reads the same JSON the server writes, so the shape is model.

export interface ErrorLocation {
	file?: string;
	line?: number;
	column?: string | number;
	field?: string;
}

export interface AppErrorJson extends ErrorLocation {
	code: string;
	message: string;
	details?: unknown;
}
