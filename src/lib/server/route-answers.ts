/**
 * What a route answers when the server refuses (`Refused`, refused.ts) or finds nothing: a form
 * action's refusal is a form failure with its text in the reader's language, beside what the page
 * needs to show the form again; a refusal with status 404, and a record or code that is not there,
 * is the not-found page, so that what a user may not see does not even seem to exist. Routes call
 * these instead of converting refusals and writing "find or 404" themselves.
 */
import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { messageText } from '$lib/labels';
import { Refused } from './refused';

/** `value`, or the not-found page if there is none ("find or 404", written once). */
export function orNotFound<T>(value: T | null | undefined): T {
	if (value === null || value === undefined) error(404, 'Not found');
	return value;
}

/** A refusal's text in the reader's language. */
export function refusedText(refused: Refused): string {
	return messageText({ key: refused.key, params: refused.params }) ?? refused.message;
}

/**
 * Runs a form action's work and returns what it returns. A `Refused` becomes
 * `fail(status, { ...keep, error })`, `error` in the reader's language, or the not-found page for
 * a 404; anything else is thrown on (a redirect, an unexpected error).
 */
export async function formAnswer<T, K extends object = Record<never, never>>(
	run: () => T | Promise<T>,
	keep?: K
): Promise<T | ActionFailure<K & { error: string }>> {
	try {
		return await run();
	} catch (e) {
		if (!(e instanceof Refused)) throw e;
		if (e.status === 404) error(404, refusedText(e));
		return fail(e.status, { ...(keep as K), error: refusedText(e) });
	}
}
