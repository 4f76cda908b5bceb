import { getDb } from '$lib/server/db';
import { requireRole, SIGNED_IN } from '$lib/server/guard';
import { orNotFound } from '$lib/server/route-answers';
import { getOriginalFile } from '$lib/server/submissions';
import type { RequestHandler } from './$types';

/** The original file of a submission, as uploaded: evidence, for those who may see the submission. */
export const GET: RequestHandler = (event) => {
	const user = requireRole(event, SIGNED_IN);
	const file = orNotFound(getOriginalFile(getDb(), Number(event.params.id), user));
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
			'x-content-type-options': 'nosniff'
		}
	});
};
