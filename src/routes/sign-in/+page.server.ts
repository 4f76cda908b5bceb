import { fail, redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { getAuth, signIn } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import { FIELD_LIMITS } from '$lib/domain/limits';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import { KNOWN_BROWSER_COOKIE, knownTokens, withKnownToken } from '$lib/server/sign-in-throttle';
import type { Actions, PageServerLoad } from './$types';

/** Only same-site paths: never send someone elsewhere after signing in. */
const safeTarget = (target: string | null) => safeRedirectTarget(target, '/submissions');

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeTarget(url.searchParams.get('redirectTo')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '')
			.trim()
			.slice(0, FIELD_LIMITS.email);
		const password = String(form.get('password') ?? '');
		const address = getClientAddress();
		if (!email || !password) return fail(400, { email, error: 'missing' as const });
		// No account has a longer password: not worth hashing.
		if (password.length > FIELD_LIMITS.password)
			return fail(400, { email, error: 'invalid' as const });
		const known = cookies.get(KNOWN_BROWSER_COOKIE);
		const result = await signIn(getAuth(), {
			email,
			password,
			address,
			userAgent: request.headers.get('user-agent'),
			knownTokens: knownTokens(known)
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
		// This browser has signed in to this account: others' failures will not slow it down.
		cookies.set(KNOWN_BROWSER_COOKIE, withKnownToken(known, result.knownBrowserToken), {
			path: '/sign-in',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 365
		});
		audit(db, {
			actor: result.userId,
			action: 'sign_in',
			subject: `user:${result.userId}`,
			address
		});
		redirect(303, safeTarget(url.searchParams.get('redirectTo')));
	}
};
