import { classificationOf } from '$lib/server/classification';
import { overviewOf, tierFor } from '$lib/server/public-tier';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const tier = tierFor(event);
	return {
		...overviewOf(tier, {
			map: event.url.searchParams.get('map'),
			year: event.url.searchParams.get('year')
		}),
		classification: classificationOf(event, tier.release)
	};
};
