/**
 * The current language, typed for the formatting helpers. Paraglide keeps it per request on the
 * server (from the cookie) and per page in the browser.
 */
import type { Locale } from '$lib/domain/format';
import { getLocale } from '$lib/paraglide/runtime';

export function currentLocale(): Locale {
	return getLocale() === 'km' ? 'km' : 'en';
}
