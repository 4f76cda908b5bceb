import { loadCompleteness } from '$lib/server/completeness';
import { getDb } from '$lib/server/db';
import { requireRole, REVIEWERS } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, REVIEWERS);
	const { reporters, periods, cells, deadlineDays } = loadCompleteness(getDb());
	const byReporter = reporters.map((reporter) => {
		const row = cells.filter((c) => c.reporter === reporter);
		return {
			reporter,
			cells: row,
			onTime: row.filter((c) => c.state === 'on_time').length,
			late: row.filter((c) => c.state === 'late').length,
			missing: row.filter((c) => c.state === 'missing').length
		};
	});
	return { periods, rows: byReporter, deadlineDays };
};
