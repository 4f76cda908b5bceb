import { error } from '@sveltejs/kit';
import { classificationOf } from '$lib/server/classification';
import { provinceOf, tierFor } from '$lib/server/release';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const tier = tierFor(event);
	const found = provinceOf(tier, event.params.code.toUpperCase());
	if (!found) error(404, 'No such province');
	return { ...found, classification: classificationOf(event, tier.release) };
};
