import { error } from '@sveltejs/kit';
import { provinceOf, tierFor } from '$lib/server/public-tier';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const found = provinceOf(tierFor(event), event.params.code.toUpperCase());
	if (!found) error(404, 'No such province');
	return found;
};
