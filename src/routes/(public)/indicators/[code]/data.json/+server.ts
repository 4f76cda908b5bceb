import { error, json } from '@sveltejs/kit';
import { pageJson, tierFor } from '$lib/server/public-tier';
import type { RequestHandler } from './$types';

/** The figures of the indicator page with what they mean, as its page shows them. */
export const GET: RequestHandler = (event) => {
	const code = event.params.code.toUpperCase();
	const page = tierFor(event).page(code);
	if (!page) error(404, 'No such indicator');
	return json(pageJson(page), {
		headers: { 'content-disposition': `attachment; filename="${code}.json"` }
	});
};
