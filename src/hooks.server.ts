/**
 * Every request passes here: the session (who is signed in, into `locals`), the language
 * (Paraglide, from the cookie), security headers, requests refused before they are read (another
 * site's, or bodies that are not forms: `request-checks.ts`), and unexpected errors logged with a
 * reference the user can quote.
 */
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { randomUUID } from 'node:crypto';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getAuth, getSessionUser } from '$lib/server/auth';
import { handlePublicCache } from '$lib/server/page-cache';
import { handleRequestChecks, handleUnreadableForms } from '$lib/server/request-checks';

const handleSession: Handle = async ({ event, resolve }) => {
	const found = await getSessionUser(getAuth(), event.request.headers);
	event.locals.user = found?.user ?? null;
	event.locals.sessionId = found?.sessionId ?? null;
	return resolve(event);
};

const handleLanguage: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	// Pages for signed-in users hold unpublished figures: never keep them in a shared cache.
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(
	handleHeaders,
	handleRequestChecks,
	handleSession,
	handlePublicCache,
	handleLanguage,
	handleUnreadableForms
);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	// A 4xx (no such page, a malformed address) is the client's mistake, not an error to log.
	if (status < 500) return { message };
	const id = randomUUID().slice(0, 8);
	console.error(`[error ${id}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: 'Internal error', id };
};
