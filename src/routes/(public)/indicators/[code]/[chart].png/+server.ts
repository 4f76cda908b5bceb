import { requestedChart } from '$lib/server/chart-files';
import { svgToPng } from '$lib/server/png';
import type { RequestHandler } from './$types';

/** Each chart of the indicator page as a PNG image, rasterised from the SVG the page draws. */
export const GET: RequestHandler = (event) => {
	const { svg, filename } = requestedChart(event);
	return new Response(new Uint8Array(svgToPng(svg)), {
		headers: {
			'content-type': 'image/png',
			'content-disposition': `attachment; filename="${filename}.png"`
		}
	});
};
