import { overviewOf, tierFor } from '$lib/server/public-tier';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => ({
	...overviewOf(tierFor(event), {
		map: event.url.searchParams.get('map'),
		year: event.url.searchParams.get('year')
	})
});
