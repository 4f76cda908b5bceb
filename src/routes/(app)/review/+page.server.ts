import { getDb } from '$lib/server/db';
import { requireRole, REVIEWERS } from '$lib/server/guard';
import { listSubmissions } from '$lib/server/submissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, REVIEWERS);
	return listSubmissions(getDb(), user, { status: 'submitted', oldestFirst: true, limit: 200 });
};
