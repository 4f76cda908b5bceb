/**
 * How long each text a person types may be, in one place: the forms' `maxlength`, the actions'
 * checks (`fieldTooLong`, through `$lib/server/form-limits`) and the modules' schemas all read
 * these. A field not named in `FIELD_LIMITS` may hold `OTHER_FIELD` characters (ids, codes,
 * names, choices).
 */

export const FIELD_LIMITS = {
	/** A comment, a reason for returning or reopening. */
	comment: 4000,
	/** An indicator's definition, in English and in Khmer. */
	definitionEn: 4000,
	definitionKm: 4000,
	email: 200,
	name: 200,
	password: 128,
	/** Why a target, a setting or the plan was changed. */
	reason: 4000,
	/** The page to go back to. */
	redirectTo: 2000
} as const;

/** Any other field of a form. */
export const OTHER_FIELD = 200;

/** The fewest characters of a password a person chooses. */
export const MIN_PASSWORD = 12;

/** The first text field of `form` longer than its limit, with that limit; null if none is. */
export function fieldTooLong(
	form: Iterable<[string, FormDataEntryValue]>
): { field: string; max: number; length: number } | null {
	for (const [field, value] of form) {
		if (typeof value !== 'string') continue;
		const max = (FIELD_LIMITS as Record<string, number>)[field] ?? OTHER_FIELD;
		if (value.length > max) return { field, max, length: value.length };
	}
	return null;
}
