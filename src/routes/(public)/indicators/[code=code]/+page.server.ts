import { classificationOf } from '$lib/server/classification';
import { loadFigureSources } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { seesUnsuppressed } from '$lib/server/guard';
import { tierFor } from '$lib/server/release';
import { orNotFound } from '$lib/server/route-answers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const code = event.params.code.toUpperCase();
	const tier = tierFor(event);
	const found = orNotFound(tier.page(code));
	const province = event.url.searchParams.get('province');
	return {
		...found,
		classification: classificationOf(event, tier.release),
		// Reviewers drill down from the figures to the submissions they came from.
		sources: seesUnsuppressed(event)
			? { province, list: loadFigureSources(getDb(), code, { province: province || null }) }
			: null
	};
};
