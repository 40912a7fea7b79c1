// Shared answers of the metrics and case routes: errors as values {code, message} with the right status.
import { isUserInputError } from '../errors.ts';
import { errors } from '../../i18n/zh/metrics.ts';
import { AccessDeniedError } from './cases.ts';

export function jsonError(status: number, code: string, message: string): Response {
	return new Response(JSON.stringify({ code, message }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

export function unauthorized(): Response {
	return jsonError(401, 'unauthorized', errors.unauthorized);
}

/** Bad input → 400, refused by role → 403; anything else is rethrown (SvelteKit answers 500 without a stack). */
export function errorResponse(e: unknown): Response {
	if (isUserInputError(e)) return jsonError(400, e.code, e.message);
	if (e instanceof AccessDeniedError) return jsonError(403, e.code, e.message);
	throw e;
}
