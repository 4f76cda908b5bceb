import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadIndicatorProgress } from '$lib/server/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const found = loadIndicatorProgress(getDb(), params.code.toUpperCase());
	if (!found) error(404, 'No such indicator');
	return found;
};
