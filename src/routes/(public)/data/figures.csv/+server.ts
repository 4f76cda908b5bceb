import { loadAllRecords, recordsCsv } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { seesUnsuppressed } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/** Every indicator page's figures in one file (suppressed cells flagged, never given). */
export const GET: RequestHandler = (event) =>
	new Response(recordsCsv(loadAllRecords(getDb(), { suppress: !seesUnsuppressed(event) })), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="plan-monitor-figures.csv"'
		}
	});
