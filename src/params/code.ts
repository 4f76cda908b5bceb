/**
 * `[code=code]`: a code of the plan in an address (an area `PROT`, an indicator `PROT-02`, a
 * province `KH-12`): letters, digits and -, at most 40, in either case (the public pages redirect
 * to capitals); anything else matches no route, a 404 before any load runs.
 */
import type { ParamMatcher } from '@sveltejs/kit';

export const match = ((param: string): boolean =>
	/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/.test(param)) satisfies ParamMatcher;
