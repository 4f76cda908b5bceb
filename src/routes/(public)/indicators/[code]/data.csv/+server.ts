import { error } from '@sveltejs/kit';
import { pageRecords, recordsCsv, tierFor } from '$lib/server/public-tier';
import type { RequestHandler } from './$types';

/** The figures of the indicator page, as its page shows them (suppressed cells flagged). */
export const GET: RequestHandler = (event) => {
	const code = event.params.code.toUpperCase();
	const page = tierFor(event).page(code);
	if (!page) error(404, 'No such indicator');
	return new Response(recordsCsv(pageRecords(page)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${code}.csv"`
		}
	});
};
