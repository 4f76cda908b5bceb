import { allRecords, recordsCsv, tierFor } from '$lib/server/public-tier';
import type { RequestHandler } from './$types';

/** Every indicator page's figures in one file (suppressed cells flagged, never given). */
export const GET: RequestHandler = (event) =>
	new Response(recordsCsv(allRecords(tierFor(event))), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="plan-monitor-figures.csv"'
		}
	});
