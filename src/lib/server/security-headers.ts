/**
 * Headers every response carries, static files included (adapter-node serves those before any
 * hook runs, so `npm start` sets these on the HTTP server itself): `nosniff`, so that no
 * browser reads a download or an upload as something else, and — when the app is reached over
 * https (`ORIGIN`) — HSTS, so that a browser never again asks over plain http.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** One year, as browsers' preload lists ask for. */
const HSTS = 'max-age=31536000; includeSubDomains';

/** The headers for an app whose public address is `origin`. */
export function securityHeaders(origin: string): Record<string, string> {
	return {
		'x-content-type-options': 'nosniff',
		...(origin.startsWith('https:') ? { 'strict-transport-security': HSTS } : {})
	};
}

/** Sets `headers` on every response of `server`, before any other listener answers. */
export function setOnEveryResponse(server: Server, headers: Record<string, string>): void {
	server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
		for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
	});
}
