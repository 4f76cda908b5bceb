import { error } from '@sveltejs/kit';
import { loadIndicatorPage } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { provinceFeatures } from '$lib/server/geo';
import { seesUnsuppressed } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const found = loadIndicatorPage(getDb(), event.params.code.toUpperCase(), {
		suppress: !seesUnsuppressed(event)
	});
	if (!found) error(404, 'No such indicator');
	return { ...found, features: provinceFeatures() };
};
