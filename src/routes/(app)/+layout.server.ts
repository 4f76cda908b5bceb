import { requireRole, SIGNED_IN } from '$lib/server/guard';
import type { LayoutServerLoad } from './$types';

// Every page below checks its own role too: a layout does not run for form posts.
export const load: LayoutServerLoad = (event) => {
	requireRole(event, SIGNED_IN);
	return {};
};
