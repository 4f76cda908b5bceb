import { error } from '@sveltejs/kit';
import { classifiedName, classifyCsv } from '$lib/domain/classification';
import { classificationOf } from '$lib/server/classification';
import { pageRecords, recordsCsv, tierFor } from '$lib/server/release';
import type { RequestHandler } from './$types';

/** The figures of the indicator page, as its page shows them (suppressed cells flagged). */
export const GET: RequestHandler = (event) => {
	const code = event.params.code.toUpperCase();
	const tier = tierFor(event);
	const page = tier.page(code);
	if (!page) error(404, 'No such indicator');
	const classification = classificationOf(event, tier.release);
	return new Response(classifyCsv(recordsCsv(pageRecords(page)), classification), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${classifiedName(code, classification)}.csv"`
		}
	});
};
