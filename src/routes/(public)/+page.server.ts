import { redirect } from '@sveltejs/kit';
import { classificationOf } from '$lib/server/classification';
import { overviewOf, tierFor } from '$lib/server/release';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const q = event.url.searchParams;
	const tier = tierFor(event);
	const overview = overviewOf(tier, { map: q.get('map'), year: q.get('year') });
	// An unknown map or year shows the default; the address then says what is shown, so that a
	// made-up value is not a page of its own (for the public cache, one address per page).
	const shown = { map: overview.map.indicator.code, year: String(overview.map.year ?? '') };
	const wrong = (['map', 'year'] as const).filter((n) => q.has(n) && q.get(n) !== shown[n]);
	if (wrong.length > 0) {
		const fixed = new URLSearchParams(q);
		for (const n of wrong) fixed.set(n, shown[n]);
		redirect(302, `${event.url.pathname}?${fixed}`);
	}
	return { ...overview, classification: classificationOf(event, tier.release) };
};
