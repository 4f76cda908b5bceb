import { chartResponse } from '$lib/server/chart-files';
import type { RequestHandler } from './$types';

/** Each chart of the indicator page as a PNG image, rasterised from the SVG the page draws. */
export const GET: RequestHandler = (event) => chartResponse(event, 'png');
