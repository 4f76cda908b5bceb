import { classifiedName, classifyCsv } from '$lib/domain/classification';
import { classificationOf } from '$lib/server/classification';
import { allRecords, recordsCsv, tierFor } from '$lib/server/release';
import type { RequestHandler } from './$types';

/** Every indicator page's figures in one file (suppressed cells flagged, never given). */
export const GET: RequestHandler = (event) => {
	const tier = tierFor(event);
	const classification = classificationOf(event, tier.release);
	const name = classifiedName('plan-monitor-figures', classification);
	return new Response(classifyCsv(recordsCsv(allRecords(tier)), classification), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}.csv"`
		}
	});
};
