import { toCsv } from '$lib/domain/csv';
import { loadIndicatorPage, pageRecords, type PublicRecord } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { seesUnsuppressed } from '$lib/server/guard';
import { listIndicatorCodes } from '$lib/server/plan';
import type { RequestHandler } from './$types';

const COLUMNS: (keyof PublicRecord)[] = [
	'indicator',
	'table',
	'period',
	'province',
	'sex',
	'age_group',
	'value',
	'suppressed'
];

/** Every indicator page's figures in one file (suppressed cells flagged, never given). */
export const GET: RequestHandler = (event) => {
	const db = getDb();
	const suppress = !seesUnsuppressed(event);
	const rows = listIndicatorCodes(db).flatMap((code) =>
		pageRecords(loadIndicatorPage(db, code, { suppress })!).map((r) => COLUMNS.map((c) => r[c]))
	);
	return new Response(toCsv([COLUMNS, ...rows]), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="plan-monitor-figures.csv"'
		}
	});
};
