// What the audit log needs to know about the request a server function runs in (the route and the client's
// address), without every caller threading it through: hooks.server.ts runs each request inside its context.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
	/** 'GET /cases/C-1': the method and path the user asked for (the query string is left out). */
	route: string;
	/** The client's address as resolved by client-address.ts (trusted proxies only). */
	ip: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequest<T>(context: RequestContext, fn: () => T): T {
	return storage.run(context, fn);
}

/** The request being served, or null outside one (the command line, background work, tests). */
export function currentRequest(): RequestContext | null {
	return storage.getStore() ?? null;
}
