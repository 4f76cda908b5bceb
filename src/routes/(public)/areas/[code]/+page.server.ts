import { error } from '@sveltejs/kit';
import { classificationOf } from '$lib/server/classification';
import { areaOf, tierFor } from '$lib/server/release';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const tier = tierFor(event);
	const found = areaOf(tier, event.params.code.toUpperCase());
	if (!found) error(404, 'No such area');
	return { ...found, classification: classificationOf(event, tier.release) };
};
