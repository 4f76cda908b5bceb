/**
 * Public pages and downloads change only with a release of the public tier, so what the public
 * gets is kept in memory per release, language and address, and given again without being
 * drawn again; a new release empties it. Each answer carries an ETag (the release, the language
 * and the address), so a browser on a slow line that already has it gets a bodiless 304, and
 * is compressed (brotli or gzip, once per answer) for browsers that take it.
 *
 * Only GETs (and HEADs) of the public routes by someone not signed in are kept: a signed-in
 * reviewer's view is never shared.
 *
 * An answer is kept under its canonical address: the route's path with its parameters written
 * one way (codes in capitals), and only the query parameters the page reads for the public
 * (`PUBLIC_QUERY`), in that order. Any other spelling of an address (`?x=1`, `?fbclid=…`,
 * `/indicators/prot-02`) is redirected to it, without drawing anything: a junk query cannot
 * make a page of its own, push the kept pages out, or keep the CPU busy. A redirect, not a 400,
 * so that a shared link with a tracking tag still opens its page.
 */
import type { Handle } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { extractLocaleFromRequest } from '$lib/paraglide/runtime';
import { getDb } from './db';
import { currentReleaseId } from './release';

interface Kept {
	etag: string;
	headers: Record<string, string>;
	body: Uint8Array<ArrayBuffer>;
	/** The body compressed, made on first demand: a few kB instead of a hundred on a slow line. */
	encoded: Partial<Record<Encoding, Uint8Array<ArrayBuffer>>>;
}

type Encoding = 'br' | 'gzip';

/** The encoding to answer in: brotli, then gzip, if the client takes them (all browsers do). */
function encodingFor(accept: string | null): Encoding | null {
	if (!accept) return null;
	if (/\bbr\b/.test(accept)) return 'br';
	if (/\bgzip\b/.test(accept)) return 'gzip';
	return null;
}

function encode(body: Uint8Array, encoding: Encoding): Uint8Array<ArrayBuffer> {
	const out =
		encoding === 'br'
			? brotliCompressSync(body, {
					params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 }
				})
			: gzipSync(body, { level: 9 });
	return new Uint8Array(out);
}

/** At most this many answers are kept (the oldest go first); the largest are a few hundred kB. */
const LIMIT = 400;
const KEPT_HEADERS = ['content-type', 'content-disposition', 'content-security-policy'];

let release = -1;
const kept = new Map<string, Kept>();

/**
 * The query parameters each public route reads for the public, by route id; routes not named
 * read none. (Reviewers' views read more, but are never kept.)
 */
export const PUBLIC_QUERY: Record<string, readonly string[]> = {
	'/(public)': ['map', 'year']
};

/** Route parameters written in capitals, as the pages look them up. */
const UPPER_CASE_PARAMS = new Set(['code']);

/**
 * The one address of a public page: its route's path with the parameters encoded one way, and
 * the parameters the page reads (first value of each, at most 40 characters), in a fixed order.
 */
export function canonicalAddress(
	routeId: string,
	params: Record<string, string>,
	query: URLSearchParams
): string {
	const path =
		routeId
			.split('/')
			.filter((segment) => segment && !/^\(.*\)$/.test(segment))
			.map((segment) =>
				segment.replace(/\[(\w+)(?:=\w+)?\]/g, (_, name: string) =>
					encodeURIComponent(
						UPPER_CASE_PARAMS.has(name) ? (params[name] ?? '').toUpperCase() : (params[name] ?? '')
					)
				)
			)
			.map((segment) => `/${segment}`)
			.join('') || '/';
	const kept = new URLSearchParams();
	for (const name of PUBLIC_QUERY[routeId] ?? []) {
		const value = query.get(name);
		if (value !== null && value.length <= 40) kept.set(name, value);
	}
	const search = kept.toString();
	return search ? `${path}?${search}` : path;
}

/** The hook: answers a public request from memory when it can, and keeps what it draws. */
export const handlePublicCache: Handle = async ({ event, resolve }) => {
	// Runs after the session hook (which looks nothing up without a session cookie) and before
	// the language hook, so that an answer kept costs next to nothing.
	const cacheable =
		(event.request.method === 'GET' || event.request.method === 'HEAD') &&
		!event.locals.user &&
		!!event.route.id?.startsWith('/(public)') &&
		!event.isDataRequest;
	if (!cacheable) return resolve(event);

	const address = canonicalAddress(event.route.id as string, event.params, event.url.searchParams);
	if (address !== event.url.pathname + event.url.search)
		return new Response(null, { status: 302, headers: { location: address } });

	const current = currentReleaseId(getDb());
	if (current !== release) {
		kept.clear();
		release = current;
	}
	// The language as the language hook will resolve it (cookie, then the browser's preference).
	const locale = extractLocaleFromRequest(event.request);
	const key = `${locale}|${address}`;
	const asked = event.request.headers.get('if-none-match');
	let found = kept.get(key);
	if (asked && asked === (found?.etag ?? etagOf(current, key)))
		return new Response(null, { status: 304, headers: { etag: asked } });

	if (!found) {
		const response = await resolve(event);
		if (response.status !== 200) return response;
		found = {
			etag: etagOf(current, key),
			headers: Object.fromEntries(
				KEPT_HEADERS.flatMap((h) => {
					const v = response.headers.get(h);
					return v === null ? [] : [[h, v]];
				})
			),
			body: new Uint8Array(await response.arrayBuffer()),
			encoded: {}
		};
		if (kept.size >= LIMIT) kept.delete(kept.keys().next().value as string);
		kept.set(key, found);
	}
	const headers: Record<string, string> = {
		...found.headers,
		etag: found.etag,
		'cache-control': 'public, max-age=0, must-revalidate',
		vary: 'Cookie, Accept-Language, Accept-Encoding'
	};
	const encoding = encodingFor(event.request.headers.get('accept-encoding'));
	const body = encoding ? (found.encoded[encoding] ??= encode(found.body, encoding)) : found.body;
	if (encoding) headers['content-encoding'] = encoding;
	// Its length known, the answer goes in one piece rather than in chunks.
	headers['content-length'] = String(body.byteLength);
	return new Response(body, { headers });
};

/** The release, and a digest of the language and address: one answer's identity. */
function etagOf(release: number, key: string): string {
	return `"r${release}-${createHash('sha1').update(key).digest('base64url').slice(0, 16)}"`;
}
