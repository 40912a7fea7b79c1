// Shared by the import API routes: who may call them, and errors as JSON values the page can show.
import { json } from '@sveltejs/kit';
import type { SessionUser } from '$lib/server/auth/types';
import { ForbiddenError, UserInputError, errorResponse } from '$lib/server/errors';
import { t } from '$lib/i18n/zh/import';

/** The hook already keeps other roles out of /import; the API checks again because it is reachable directly. */
export function requireImporter(user: SessionUser | null): SessionUser {
	if (!user) throw new UserInputError('unauthenticated', t.apiUnauthenticated);
	if (user.role !== 'admin' && user.role !== 'analyst') throw new ForbiddenError(t.apiForbidden);
	return user;
}

/** The import API's answer to an error: the shared errorResponse; SvelteKit's body limit and the unexpected as JSON too. */
function importErrorResponse(e: unknown): Response {
	if (e instanceof UserInputError) return errorResponse(e);
	// SvelteKit's own body limit (BODY_SIZE_LIMIT) surfaces as a 413 error from the body stream.
	if (e && typeof e === 'object' && 'status' in e && (e as { status: unknown }).status === 413) {
		return errorResponse(new UserInputError('body_size_limit', t.apiBodyLimit));
	}
	console.error('import API failed', e);
	return json({ code: 'internal', message: t.apiInternalOther }, { status: 500 });
}

/** Runs a handler and turns any thrown error into a JSON error response. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (e) {
		return importErrorResponse(e);
	}
}

export async function readJson(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		throw new UserInputError('bad_request', t.apiBadRequest);
	}
}
