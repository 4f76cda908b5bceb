import { getDb } from '$lib/server/db';
import { ADMINS, requireRole } from '$lib/server/guard';
import { planOutline } from '$lib/server/plan-edit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, ADMINS);
	const { plan, areas } = planOutline(getDb());
	return {
		plan: {
			titleEn: plan.titleEn,
			titleKm: plan.titleKm,
			firstYear: plan.firstYear,
			lastYear: plan.lastYear
		},
		areas: areas.map(({ area, indicators }) => ({
			code: area.code,
			nameEn: area.nameEn,
			nameKm: area.nameKm,
			indicators: indicators.map((i) => ({ code: i.code, nameEn: i.nameEn, nameKm: i.nameKm }))
		}))
	};
};
