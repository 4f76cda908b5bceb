import { classificationOf } from '$lib/server/classification';
import { areaOf, tierFor } from '$lib/server/release';
import { orNotFound } from '$lib/server/route-answers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const tier = tierFor(event);
	const found = orNotFound(areaOf(tier, event.params.code.toUpperCase()));
	return { ...found, classification: classificationOf(event, tier.release) };
};
