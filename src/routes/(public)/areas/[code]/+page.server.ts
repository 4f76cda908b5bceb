import { error } from '@sveltejs/kit';
import { loadAreaPage } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { seesUnsuppressed } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const found = loadAreaPage(getDb(), event.params.code.toUpperCase(), {
		suppress: !seesUnsuppressed(event)
	});
	if (!found) error(404, 'No such area');
	return found;
};
