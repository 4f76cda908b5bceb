import { internalClassification } from '$lib/server/classification';
import { getDb } from '$lib/server/db';
import { requireRole, SIGNED_IN } from '$lib/server/guard';
import { latestRelease } from '$lib/server/release';
import type { LayoutServerLoad } from './$types';

// Every page below checks its own role too: a layout does not run for form posts.
export const load: LayoutServerLoad = (event) => {
	requireRole(event, SIGNED_IN);
	// Pages for signed-in users hold figures the public never sees: each prints as internal.
	return { classification: internalClassification(latestRelease(getDb())) };
};
