import { json } from '@sveltejs/kit';
import { classifiedName, classifyJson } from '$lib/domain/classification';
import { classificationOf } from '$lib/server/classification';
import { pageJson, tierFor } from '$lib/server/release';
import { orNotFound } from '$lib/server/route-answers';
import type { RequestHandler } from './$types';

/** The figures of the indicator page with what they mean, as its page shows them. */
export const GET: RequestHandler = (event) => {
	const code = event.params.code.toUpperCase();
	const tier = tierFor(event);
	const page = orNotFound(tier.page(code));
	const classification = classificationOf(event, tier.release);
	return json(classifyJson(pageJson(page), classification), {
		headers: {
			'content-disposition': `attachment; filename="${classifiedName(code, classification)}.json"`
		}
	});
};
