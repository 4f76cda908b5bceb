/**
 * The check every form action makes first: no text longer than its limit
 * (`$lib/domain/limits`). When one is, the action answers with this message, in the reader's
 * language, and keeps what was typed.
 */
import { formatNumber } from '$lib/domain/format';
import { fieldTooLong } from '$lib/domain/limits';
import { currentLocale } from '$lib/locale';
import { m } from '$lib/paraglide/messages';

/** The message for the first text of `form` that is too long, or null. */
export function formTooLong(form: FormData): string | null {
	const found = fieldTooLong(form);
	if (!found) return null;
	const locale = currentLocale();
	return m.field_too_long({
		max: formatNumber(found.max, locale),
		length: formatNumber(found.length, locale)
	});
}
