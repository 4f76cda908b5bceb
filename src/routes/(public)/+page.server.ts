import { getDb } from '$lib/server/db';
import { loadPlanProgress } from '$lib/server/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => loadPlanProgress(getDb());
