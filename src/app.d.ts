// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Classification } from '$lib/domain/classification';
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
		interface PageData {
			/** Whether the page prints marked "Internal" (`$lib/domain/classification`). */
			classification?: Classification;
		}
	}
}

export {};
