/**
 * `[id=id]`: a record's id in an address is a positive whole number, at most 15 digits (so that
 * `Number` reads it exactly); anything else matches no route, a 404 before any load runs.
 */
import type { ParamMatcher } from '@sveltejs/kit';

export const match = ((param: string): boolean =>
	/^[1-9]\d{0,14}$/.test(param)) satisfies ParamMatcher;
