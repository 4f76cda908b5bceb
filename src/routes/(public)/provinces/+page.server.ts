import { classificationOf } from '$lib/server/classification';
import { provinceIndex, tierFor } from '$lib/server/release';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const tier = tierFor(event);
	return { provinces: provinceIndex(tier), classification: classificationOf(event, tier.release) };
};
