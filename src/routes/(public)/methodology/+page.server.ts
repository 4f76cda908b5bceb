import { getDb } from '$lib/server/db';
import { readTier } from '$lib/server/public-tier';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { release } = readTier(getDb(), 'public');
	return { k: release.k, release: { at: release.at, withheld: release.withheld } };
};
