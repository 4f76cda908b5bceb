/**
 * Where to send someone back to after a form (signing in, changing the language): a path of this
 * site only. The target is resolved as a browser would resolve it (WHATWG URL rules: `\` is `/`,
 * tabs and newlines are dropped), and anything that lands on another origin — `//evil.example`,
 * `/\evil.example`, `/%09/evil.example` once decoded, `https:evil.example` — gives the fallback.
 * What is returned is the resolved path, so the browser cannot read it differently.
 */

import { FIELD_LIMITS } from '../domain/limits';

/** A host that cannot exist (RFC 2606), to resolve targets against. */
const BASE = 'http://plan-monitor.invalid';

/** A same-site path for `target`, or `fallback`. */
export function safeRedirectTarget(target: string | null | undefined, fallback: string): string {
	if (!target || target.length > FIELD_LIMITS.redirectTo || !target.startsWith('/'))
		return fallback;
	let url: URL;
	try {
		url = new URL(target, BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== BASE) return fallback;
	const path = url.pathname + url.search + url.hash;
	// A path that starts with two slashes (or a backslash) would be another host to a browser.
	return path.startsWith('//') || path.startsWith('/\\') ? fallback : path;
}
