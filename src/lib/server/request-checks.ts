/**
 * Requests refused before anything else reads them (a hook, ahead of the cache and the session):
 *
 * - A request that changes something (any method but GET, HEAD, OPTIONS) must come from this
 *   site: its `Origin` header is the app's own. SvelteKit checks this only for form content
 *   types, so a bodiless `POST /sign-out` from another site would otherwise sign a user out.
 * - Its body must be a form (`application/x-www-form-urlencoded` or `multipart/form-data`):
 *   every action and endpoint here reads forms, and a JSON or plain-text body would only fail
 *   deeper down. A form that is not multipart is small (`FORM_BYTES`); files go as multipart.
 * - It must not be compressed (`Content-Encoding`): nothing here decodes a compressed body, and
 *   undecoded bytes would be read as a form.
 *
 * The answer is plain text in English and Khmer (403, 413 or 415): these are not requests a
 * page of the app makes. And a form that cannot be read (a multipart body without its boundary,
 * or cut short) is a 400 for whichever action reads it, not an unexpected error.
 */
import { error, type Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);
/** The largest form without files: a long comment is a few kB. */
export const FORM_BYTES = 256 * 1024;

export type Refusal = {
	status: 403 | 413 | 415;
	message: 'cross_site' | 'type' | 'encoding' | 'size';
};

/** Why a request is refused, or null. `origin` is the app's own (`event.url.origin`). */
export function refusalOf(request: Request, origin: string): Refusal | null {
	if (SAFE_METHODS.has(request.method)) return null;
	if (request.headers.get('origin') !== origin) return { status: 403, message: 'cross_site' };
	const encoding = request.headers.get('content-encoding')?.trim().toLowerCase();
	if (encoding && encoding !== 'identity') return { status: 415, message: 'encoding' };
	const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
	if (!FORM_TYPES.has(type)) return { status: 415, message: 'type' };
	const length = Number(request.headers.get('content-length'));
	if (type === 'application/x-www-form-urlencoded' && length > FORM_BYTES)
		return { status: 413, message: 'size' };
	return null;
}

const MESSAGES = {
	cross_site: m.request_cross_site,
	type: m.request_unsupported_type,
	encoding: m.request_unsupported_encoding,
	size: m.request_too_large
} as const;

/** The hook: refuses what `refusalOf` refuses, in both languages. */
export const handleRequestChecks: Handle = ({ event, resolve }) => {
	const refusal = refusalOf(event.request, event.url.origin);
	if (!refusal) return resolve(event);
	const say = MESSAGES[refusal.message];
	return new Response(`${say({}, { locale: 'en' })}\n${say({}, { locale: 'km' })}\n`, {
		status: refusal.status,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
};

/**
 * The hook (last of all, on the request the routes will read): a form that cannot be read is
 * a 400 with a message in the reader's language.
 */
export const handleUnreadableForms: Handle = ({ event, resolve }) => {
	if (SAFE_METHODS.has(event.request.method)) return resolve(event);
	const request = event.request;
	const read = request.formData.bind(request);
	request.formData = async () => {
		try {
			return await read();
		} catch {
			error(400, m.request_malformed_form());
		}
	};
	return resolve(event);
};
