import { chartResponse } from '$lib/server/chart-files';
import type { RequestHandler } from './$types';

/** Each chart of the indicator page as a standalone SVG file, drawn as the page draws it. */
export const GET: RequestHandler = (event) => chartResponse(event, 'svg');
