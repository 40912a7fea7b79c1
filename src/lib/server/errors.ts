// Errors are values the UI and the CLI can show: a code, a Chinese message, and where it happened.

import type { AppErrorJson, ErrorLocation } from '../model/errors.ts';

export type { AppErrorJson, ErrorLocation } from '../model/errors.ts';

/** Bad input from the user (CLI exit 1, HTTP 400): names the file, line, column and reason. */
export class UserInputError extends Error {
	readonly code: string;
	readonly location: ErrorLocation;
	readonly details?: unknown;
	constructor(code: string, message: string, location: ErrorLocation = {}, details?: unknown) {
		super(message);
		this.name = 'UserInputError';
		this.code = code;
		this.location = location;
		this.details = details;
	}
	toJSON(): AppErrorJson {
		return { code: this.code, message: this.message, ...this.location, details: this.details };
	}
	/** One line for a terminal: 文件 x.csv 第 12 行 [受理时间]：原因 */
	describe(): string {
		const { file, line, column, field } = this.location;
		const where = [
			file ? `文件 ${file}` : '',
			line !== undefined ? `第 ${line} 行` : '',
			column !== undefined ? `列「${column}」` : '',
			field ? `字段 ${field}` : ''
		]
			.filter(Boolean)
			.join(' ');
		return where ? `${where}：${this.message}` : this.message;
	}
}

export function isUserInputError(e: unknown): e is UserInputError {
	return e instanceof UserInputError;
}
