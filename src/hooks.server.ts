/**
 * Every request passes here: its log line, the session (who is signed in, into `locals`), the
 * language (Paraglide, from the cookie), security headers, and unexpected errors logged with a
 * reference the user can quote. At start, the backup schedule.
 */
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { randomUUID } from 'node:crypto';
import { building } from '$app/environment';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getAuth, getSessionUser } from '$lib/server/auth';
import { startScheduledBackups } from '$lib/server/backup/schedule';
import { getDb } from '$lib/server/db';
import { handleRequestLog } from '$lib/server/log';
import { handlePublicCache } from '$lib/server/page-cache';

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
	handleRequestLog,
	handleHeaders,
	handlePublicCache,
	handleSession,
	handleLanguage
);

/** At start (not while building): scheduled backups, when BACKUP_DIR asks for them. */
export const init: ServerInit = () => {
	if (!building) startScheduledBackups(getDb);
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message };
	const id = randomUUID().slice(0, 8);
	console.error(`[error ${id}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: 'Internal error', id };
};
