import { error } from '@sveltejs/kit';
import { currentLocale } from '$lib/locale';
import { chartSvg } from '$lib/server/chart-files';
import { tierFor } from '$lib/server/guard';
import { svgToPng } from '$lib/server/png';
import type { RequestHandler } from './$types';

/** Each chart of the indicator page as a PNG image, rasterised from the SVG the page draws. */
export const GET: RequestHandler = (event) => {
	const code = event.params.code.toUpperCase();
	const page = tierFor(event).page(code);
	if (!page) error(404, 'No such indicator');
	const svg = chartSvg(page, event.params.chart, currentLocale());
	if (!svg) error(404, 'No such chart');
	return new Response(new Uint8Array(svgToPng(svg)), {
		headers: {
			'content-type': 'image/png',
			'content-disposition': `attachment; filename="${code}-${event.params.chart}.png"`
		}
	});
};
