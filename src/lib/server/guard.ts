/**
 * The one guard every protected page load, form action and endpoint calls. A layout guard alone
 * is not enough (a form post or a data request does not run the layout's load), so each route
 * calls `requireRole` itself; the authorization test walks the route tree to prove it.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Role, SessionUser } from './auth';

/** Reporters: people of one reporter organisation. */
export const REPORTERS: readonly Role[] = ['reporter'];
/** Everyone signed in. */
export const SIGNED_IN: readonly Role[] = ['reporter', 'reviewer', 'admin'];
/** The sub-committee and the secretariat. */
export const REVIEWERS: readonly Role[] = ['reviewer', 'admin'];
/** The secretariat. */
export const ADMINS: readonly Role[] = ['admin'];

/**
 * The signed-in user, if their role is one of `roles`. Without a session: to the sign-in page
 * (and back afterwards). With another role: 403.
 */
export function requireRole(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	roles: readonly Role[]
): SessionUser {
	const user = event.locals.user;
	if (!user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/sign-in?redirectTo=${encodeURIComponent(back)}`);
	}
	if (!roles.includes(user.role)) error(403, 'Your account does not give access to this page');
	return user;
}

/**
 * Whether a public page shows its figures unsuppressed: only to reviewers and admins, and not
 * when they ask to see what the public sees (`?public`). Everyone else, and every download
 * made without a session, gets the public figures.
 */
export function seesUnsuppressed(event: Pick<RequestEvent, 'locals' | 'url'>): boolean {
	const role = event.locals.user?.role;
	return !!role && REVIEWERS.includes(role) && !event.url.searchParams.has('public');
}
