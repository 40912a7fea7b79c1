// Shared by the import API routes: who may call them, and errors as JSON values the page can show.
import { json } from '@sveltejs/kit';
import type { SessionUser } from '$lib/server/auth/types';
import { isUserInputError } from '$lib/server/errors';
import { UploadTooLargeError } from '$lib/server/ingest/jobs';
import { t } from '$lib/i18n/zh/import';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

/** The hook already keeps other roles out of /import; the API checks again because it is reachable directly. */
export function requireImporter(user: SessionUser | null): SessionUser {
	if (!user) throw new ApiError(401, 'unauthenticated', t.apiUnauthenticated);
	if (user.role !== 'admin' && user.role !== 'analyst') throw new ApiError(403, 'forbidden', t.apiForbidden);
	return user;
}

export function errorResponse(e: unknown): Response {
	if (e instanceof ApiError) return json({ code: e.code, message: e.message }, { status: e.status });
	if (e instanceof UploadTooLargeError) return json(e.toJSON(), { status: 413 });
	if (isUserInputError(e)) return json(e.toJSON(), { status: 400 });
	// SvelteKit's own body limit (BODY_SIZE_LIMIT) surfaces as a 413 error from the body stream.
	if (e && typeof e === 'object' && 'status' in e && (e as { status: unknown }).status === 413) {
		return json({ code: 'body_size_limit', message: t.apiBodyLimit }, { status: 413 });
	}
	console.error('import API failed', e);
	return json({ code: 'internal', message: t.apiInternalOther }, { status: 500 });
}

/** Runs a handler and turns any thrown error into a JSON error response. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (e) {
		return errorResponse(e);
	}
}

export async function readJson(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		throw new ApiError(400, 'bad_request', t.apiBadRequest);
	}
}
