import { loadOverview } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { provinceFeatures } from '$lib/server/geo';
import { seesUnsuppressed } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => ({
	...loadOverview(getDb(), {
		suppress: !seesUnsuppressed(event),
		map: event.url.searchParams.get('map')
	}),
	features: provinceFeatures()
});
