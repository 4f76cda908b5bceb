import { getDb } from '$lib/server/db';
import { hasDemoData } from '$lib/server/demo/load';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	demo: hasDemoData(getDb()),
	user: locals.user
		? { name: locals.user.name, role: locals.user.role, reporterCode: locals.user.reporterCode }
		: null
});
