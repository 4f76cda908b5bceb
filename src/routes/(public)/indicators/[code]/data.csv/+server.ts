import { error } from '@sveltejs/kit';
import { toCsv } from '$lib/domain/csv';
import { loadIndicatorPage, pageRecords, type PublicRecord } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { seesUnsuppressed } from '$lib/server/guard';
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

/** The figures of the indicator page, as its page shows them (suppressed cells flagged). */
export const GET: RequestHandler = (event) => {
	const code = event.params.code.toUpperCase();
	const page = loadIndicatorPage(getDb(), code, { suppress: !seesUnsuppressed(event) });
	if (!page) error(404, 'No such indicator');
	const rows = pageRecords(page).map((r) => COLUMNS.map((c) => r[c]));
	return new Response(toCsv([COLUMNS, ...rows]), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${code}.csv"`
		}
	});
};
