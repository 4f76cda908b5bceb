/**
 * Every request passes here: its log line, the session (who is signed in, into `locals`), the
 * language (Paraglide, from the cookie), security headers, requests refused before they are read
 * (another site's, or bodies that are not forms: `request-checks.ts`), and unexpected errors logged
 * with a reference the user can quote. At start, the default plan (into an empty database), the
 * backup schedule, a release if the database needs one, and the publication calendar.
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
import { ensurePlan } from '$lib/server/plan';
import { ensureRelease, publishIfDue } from '$lib/server/release';
import { handleRequestChecks, handleUnreadableForms } from '$lib/server/request-checks';

/** How often the server looks whether a scheduled publication is due. */
const CALENDAR_CHECK_MS = 15 * 60_000;

const handleSession: Handle = async ({ event, resolve }) => {
	const found = await getSessionUser(getAuth(), event.request.headers);
	event.locals.user = found?.user ?? null;
	event.locals.sessionId = found?.sessionId ?? null;
	return resolve(event);
};

const handleLanguage: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		// Paraglide hands on a copy (a tee of the body): the original's half, never read, would
		// hold a copy of every upload in memory unless it is let go.
		if (request !== event.request) event.request.body?.cancel().catch(() => undefined);
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

/**
 * Public pages ship no JavaScript, so nothing needs their page data: SvelteKit would still answer
 * `__data.json` for them, with more than the page shows. It answers 404 instead.
 */
const handlePublicData: Handle = ({ event, resolve }) => {
	if (event.isDataRequest && event.route.id?.startsWith('/(public)'))
		return new Response('Not found', { status: 404 });
	return resolve(event);
};

export const handle = sequence(
	handleRequestLog,
	handleHeaders,
	handleRequestChecks,
	handlePublicData,
	handleSession,
	handlePublicCache,
	handleLanguage,
	handleUnreadableForms
);

/**
 * At start (not while building): the plan named by PLAN_FILE when the database has none,
 * scheduled backups, when BACKUP_DIR asks for them; a release if the database has none or its
 * pages are of another version of the app (reads never make one); and the publication calendar
 * — a release when its date has come and approved figures wait.
 */
export const init: ServerInit = () => {
	if (building) return;
	ensurePlan(getDb());
	startScheduledBackups(getDb);
	try {
		const release = ensureRelease(getDb());
		if (release) console.log(`Release ${release.id} published: ${release.reason}`);
	} catch (e) {
		console.error('[release] the release at start-up failed', e);
	}
	const check = () => {
		try {
			const release = publishIfDue(getDb());
			if (release) console.log(`Release ${release.id} published: ${release.reason}`);
		} catch (e) {
			console.error('[calendar] the scheduled publication failed', e);
		}
	};
	check();
	setInterval(check, CALENDAR_CHECK_MS).unref();
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	// A 4xx (no such page, a malformed address) is the client's mistake, not an error to log.
	if (status < 500) return { message };
	const id = randomUUID().slice(0, 8);
	console.error(`[error ${id}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: 'Internal error', id };
};
