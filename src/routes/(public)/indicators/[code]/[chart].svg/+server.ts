import { requestedChart } from '$lib/server/chart-files';
import type { RequestHandler } from './$types';

/** Each chart of the indicator page as a standalone SVG file, drawn as the page draws it. */
export const GET: RequestHandler = (event) => {
	const { svg, filename } = requestedChart(event);
	return new Response(svg, {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}.svg"`
		}
	});
};
