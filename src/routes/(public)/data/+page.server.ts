import { getDb } from '$lib/server/db';
import { loadPlanProgress } from '$lib/server/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { plan, asOf, areas } = loadPlanProgress(getDb());
	return {
		plan,
		asOf,
		areas: areas.map((a) => ({ area: a.area, indicators: a.indicators.map((i) => i.indicator) }))
	};
};
