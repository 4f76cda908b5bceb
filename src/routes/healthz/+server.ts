import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { checkHealth } from '$lib/server/health';
import type { RequestHandler } from './$types';

/** The health check: 200 when the app can serve, 503 when not; never kept by a cache. */
export const GET: RequestHandler = () => {
	const health = checkHealth(getDb);
	return json(health, {
		status: health.status === 'ok' ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
