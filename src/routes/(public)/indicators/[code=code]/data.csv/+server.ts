import { classifiedName, classifyCsv } from '$lib/domain/classification';
import { classificationOf } from '$lib/server/classification';
import { pageRecords, recordsCsv, tierFor } from '$lib/server/release';
import { orNotFound } from '$lib/server/route-answers';
import type { RequestHandler } from './$types';

/** The figures of the indicator page, as its page shows them (suppressed cells flagged). */
export const GET: RequestHandler = (event) => {
	const code = event.params.code.toUpperCase();
	const tier = tierFor(event);
	const page = orNotFound(tier.page(code));
	const classification = classificationOf(event, tier.release);
	return new Response(classifyCsv(recordsCsv(pageRecords(page)), classification), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${classifiedName(code, classification)}.csv"`
		}
	});
};
