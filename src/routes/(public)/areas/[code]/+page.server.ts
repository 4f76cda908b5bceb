import { error } from '@sveltejs/kit';
import { areaOf, tierFor } from '$lib/server/public-tier';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const found = areaOf(tierFor(event), event.params.code.toUpperCase());
	if (!found) error(404, 'No such area');
	return found;
};
