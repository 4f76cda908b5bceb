import { fail, redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { getAuth, signIn } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** Only same-site paths: never send someone elsewhere after signing in. */
function safeTarget(target: string | null): string {
	return target && target.startsWith('/') && !target.startsWith('//') ? target : '/submissions';
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeTarget(url.searchParams.get('redirectTo')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const address = getClientAddress();
		if (!email || !password) return fail(400, { email, error: 'missing' as const });
		const result = await signIn(getAuth(), {
			email,
			password,
			address,
			userAgent: request.headers.get('user-agent')
		});
		const db = getDb();
		if (!result.ok) {
			audit(db, {
				actor: 'anonymous',
				action: 'sign_in.failed',
				detail: { email, reason: result.reason },
				address
			});
			return fail(result.reason === 'rate_limited' ? 429 : 400, {
				email,
				error: result.reason,
				retryAfterSeconds: result.ok ? undefined : result.retryAfterSeconds
			});
		}
		for (const c of result.cookies)
			cookies.set(c.name, c.value, { ...c.options, path: c.options.path ?? '/', encode: (v) => v });
		audit(db, {
			actor: result.userId,
			action: 'sign_in',
			subject: `user:${result.userId}`,
			address
		});
		redirect(303, safeTarget(url.searchParams.get('redirectTo')));
	}
};
