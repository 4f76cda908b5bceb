/**
 * Which classification an output made for a request gets, worded from the
 * messages in English and Khmer; the marking itself is applied by `$lib/domain/classification`.
 *
 * - A public page or download is internal exactly when it shows more than the public tier does:
 *   for a reviewer or admin, unless they ask for the public's view (`?public`) — the same test
 *   `tierFor` makes (`seesUnsuppressed`), so the marking can never disagree with the figures.
 * - A page of the signed-in area is always internal.
 *
 * Anonymous requests are public, so the public cache (`page-cache.ts`, which keeps only answers to
 * requests without a session cookie) never holds a marked answer.
 */
import type { RequestEvent } from '@sveltejs/kit';
import {
	PUBLIC,
	type Classification,
	type InternalClassification
} from '$lib/domain/classification';
import { localDigits, type Locale } from '$lib/domain/format';
import { m } from '$lib/paraglide/messages';
import { seesUnsuppressed } from './guard';
import type { Release } from './release';

/** The classification of a public page or download read from `release` (the tier's). */
export function classificationOf(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	release: Release | null
): Classification {
	return seesUnsuppressed(event) ? internalClassification(release) : PUBLIC;
}

/** The internal classification as of a release (null: none made yet), in both languages. */
export function internalClassification(release: Release | null): InternalClassification {
	const id = release?.id ?? 0;
	const date = release ? release.at.slice(0, 10) : '';
	const words = (locale: Locale) => ({
		marking: m.classification_marking({}, { locale }),
		release: release
			? m.classification_release(
					{ id: localDigits(String(id), locale), date: localDigits(date, locale) },
					{ locale }
				)
			: m.classification_no_release({}, { locale })
	});
	return { level: 'internal', release: { id, date }, text: { en: words('en'), km: words('km') } };
}
