import { getDb } from '$lib/server/db';
import { publicationLag, publicationSchedule, readTier } from '$lib/server/release';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const db = getDb();
	const { release } = readTier(db, 'public');
	return {
		k: release.k,
		release: { at: release.at, withheld: release.withheld },
		// The public tier changes only at a release, so the page may say when the next one is due.
		next: publicationSchedule(db).next,
		lag: publicationLag()
	};
};
