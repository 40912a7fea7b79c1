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

/**
 * Refused by role or scope (HTTP 403): the one way any layer says "forbidden". A UserInputError, so the CLI shows
 * it like any other refusal; the code may be more precise than 'forbidden' (e.g. the field it concerns).
 */
export class ForbiddenError extends UserInputError {
	constructor(message: string, location: ErrorLocation = {}, details?: unknown, code = 'forbidden') {
		super(code, message, location, details);
		this.name = 'ForbiddenError';
	}
}

/** HTTP status of the error codes that are not bad input (400). */
const STATUS_BY_CODE: Record<string, number> = {
	unauthenticated: 401,
	unauthorized: 401,
	invalid_credentials: 401,
	not_found: 404,
	pack_not_found: 404,
	upload_gone: 404,
	batch_gone: 404,
	bad_view: 404,
	job_gone: 404,
	upload_too_large: 413,
	body_size_limit: 413
};

/** The HTTP status an error answers with: 403 for a ForbiddenError, 401/404/413 by code, else 400. */
export function httpStatus(e: UserInputError): number {
	if (e instanceof ForbiddenError) return 403;
	return STATUS_BY_CODE[e.code] ?? 400;
}

/**
 * The one way an error becomes an HTTP answer: a UserInputError (ForbiddenError included) is its status and its
 * JSON ({code, message, file, line, column, field, details}). Anything else is not the user's doing and is
 * rethrown (the route or SvelteKit answers 500 without a stack).
 */
export function errorResponse(e: unknown): Response {
	if (e instanceof UserInputError) {
		return new Response(JSON.stringify(e.toJSON()), { status: httpStatus(e), headers: { 'content-type': 'application/json; charset=utf-8' } });
	}
	throw e;
}
