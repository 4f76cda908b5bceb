import { byReporter } from '$lib/domain/completeness';
import { loadCompleteness } from '$lib/server/completeness';
import { getDb } from '$lib/server/db';
import { requireRole, REVIEWERS } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, REVIEWERS);
	const { reporters, periods, cells, deadlineDays } = loadCompleteness(getDb());
	return { periods, rows: byReporter(reporters, cells), deadlineDays };
};
