// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/server/auth';

declare global {
	namespace App {
		interface Error {
			message: string;
			id?: string;
		}
		interface Locals {
			/** The signed-in user, or null for the public. */
			user: SessionUser | null;
			sessionId: string | null;
		}
	}
}

export {};
