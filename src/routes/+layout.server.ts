import { getDb } from '$lib/server/db';
import { hasDemoData } from '$lib/server/demo/load';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = () => ({ demo: hasDemoData(getDb()) });
