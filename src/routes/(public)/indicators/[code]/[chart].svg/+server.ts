import { error } from '@sveltejs/kit';
import { currentLocale } from '$lib/locale';
import { chartSvg } from '$lib/server/chart-files';
import { tierFor } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/** Each chart of the indicator page as a standalone SVG file, drawn as the page draws it. */
export const GET: RequestHandler = (event) => {
	const code = event.params.code.toUpperCase();
	const page = tierFor(event).page(code);
	if (!page) error(404, 'No such indicator');
	const svg = chartSvg(page, event.params.chart, currentLocale());
	if (!svg) error(404, 'No such chart');
	return new Response(svg, {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'content-disposition': `attachment; filename="${code}-${event.params.chart}.svg"`
		}
	});
};
