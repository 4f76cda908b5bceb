import { getDb } from '$lib/server/db';
import { readTier } from '$lib/server/public-tier';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { plan, release } = readTier(getDb(), 'public');
	return {
		plan: plan.plan,
		asOf: plan.asOf,
		release: { at: release.at, k: release.k },
		areas: plan.areas.map((a) => ({
			area: a.area,
			indicators: a.indicators.map((i) => i.indicator)
		}))
	};
};
