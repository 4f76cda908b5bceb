import { loadIndicatorPage, type IndicatorPage } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { provinceFeatures } from '$lib/server/geo';
import { seesUnsuppressed } from '$lib/server/guard';
import { loadPlanProgress } from '$lib/server/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const progress = loadPlanProgress(db);
	// The map shows the indicator asked for (?map=CODE), or the plan's first one with a province.
	const mappable = progress.areas.flatMap((a) => a.indicators).filter((i) => !i.indicator.computed);
	const asked = event.url.searchParams.get('map')?.toUpperCase();
	const chosen = mappable.find((i) => i.indicator.code === asked) ?? mappable[0];
	const map = loadIndicatorPage(db, chosen.indicator.code, {
		suppress: !seesUnsuppressed(event)
	}) as IndicatorPage;
	return {
		...progress,
		mappable: mappable.map((i) => i.indicator),
		map: { indicator: chosen.indicator, provinces: map.provinces },
		features: provinceFeatures()
	};
};
