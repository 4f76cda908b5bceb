import { redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { getAuth, signOut } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Ends the session (a form post from the header) and goes to the public overview. */
export const POST: RequestHandler = async ({ request, cookies, locals, getClientAddress }) => {
	if (locals.user) {
		for (const c of await signOut(getAuth(), request.headers))
			cookies.set(c.name, c.value, { ...c.options, path: c.options.path ?? '/', encode: (v) => v });
		audit(getDb(), {
			actor: locals.user.id,
			action: 'sign_out',
			subject: `user:${locals.user.id}`,
			address: getClientAddress()
		});
	}
	redirect(303, '/');
};
