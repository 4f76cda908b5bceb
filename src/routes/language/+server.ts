/**
 * The language switch: a plain form post that works without JavaScript. Remembers the choice in
 * Paraglide's cookie for a year and goes back to the page it came from (same site only).
 */
import { error, redirect } from '@sveltejs/kit';
import { cookieName, isLocale } from '$lib/paraglide/runtime';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const locale = String(form.get('locale') ?? '');
	if (!isLocale(locale)) error(400, m.refused_language());
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: 60 * 60 * 24 * 365,
		httpOnly: false,
		sameSite: 'lax'
	});
	redirect(303, safeRedirectTarget(String(form.get('redirectTo') ?? '/'), '/'));
};
