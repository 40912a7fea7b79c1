// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/server/auth/types';

declare global {
	namespace App {
		interface Error {
			code?: string;
			message: string;
		}
		interface Locals {
			/** The logged-in user, or null; with "view as", the user being viewed as. */
			user: SessionUser | null;
			/** The real logged-in user when an admin is viewing as someone else. */
			realUser: SessionUser | null;
			/** The client's address: the socket's peer, or what a trusted proxy saw (server/http/client-address.ts). */
			clientAddress: string | null;
		}
	}
}

export {};
