import { classificationOf } from '$lib/server/classification';
import { getDb } from '$lib/server/db';
import { readTier } from '$lib/server/release';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const tier = readTier(getDb(), 'public');
	const { plan, release } = tier;
	return {
		plan: plan.plan,
		asOf: plan.asOf,
		release: { at: release.at, k: release.k },
		contributors: tier.contributors(),
		areas: plan.areas.map((a) => ({
			area: a.area,
			indicators: a.indicators.map((i) => i.indicator)
		})),
		// The page shows no figure, but its downloads do: a reviewer's are internal.
		downloads: classificationOf(event, release)
	};
};
