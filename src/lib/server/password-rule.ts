/**
 * What a password chosen by a person must be (OWASP ASVS 2.1): at least `MIN_PASSWORD`
 * characters and at most `FIELD_LIMITS.password`; not one character over and over, nor only
 * spaces; and not one of the 49,233 most common passwords of `@zxcvbn-ts/language-common`
 * (MIT; compared without regard to case, and with the spaces at either end removed). Generated
 * passwords are never checked: they are long and random.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { FIELD_LIMITS, MIN_PASSWORD } from '../domain/limits';

export type PasswordProblem = 'too_short' | 'too_long' | 'blank' | 'one_character' | 'common';

let common: Set<string> | undefined;

/** What is wrong with `password`, or null. */
export function passwordProblem(password: string): PasswordProblem | null {
	if ([...password].length < MIN_PASSWORD) return 'too_short';
	if (password.length > FIELD_LIMITS.password) return 'too_long';
	if (password.trim() === '') return 'blank';
	if (new Set(password.trim()).size === 1) return 'one_character';
	common ??= new Set(dictionary['passwords-common']);
	if (common.has(password.trim().toLowerCase())) return 'common';
	return null;
}
