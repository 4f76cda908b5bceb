import { error } from '@sveltejs/kit';
import { computeIndicatorPage, loadFigureSources, submittedIds } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { seesUnsuppressed, tierFor } from '$lib/server/guard';
import { publicThreshold } from '$lib/server/public-tier';
import type { PageServerLoad } from './$types';

/**
 * The indicator page from the public tier. Reviewers and admins may also see it computed now:
 * with the values still in review (`?submitted`), or as the public will see it once one
 * submission is approved (`?preview=42`).
 */
export const load: PageServerLoad = (event) => {
	const code = event.params.code.toUpperCase();
	const params = event.url.searchParams;
	const reviewer = seesUnsuppressed(event);
	const preview = reviewer && params.has('preview') ? Number(params.get('preview')) : null;
	const submitted = reviewer && params.has('submitted');
	const db = getDb();
	const found =
		preview !== null && Number.isInteger(preview)
			? computeIndicatorPage(db, code, {
					suppress: true,
					k: publicThreshold(db),
					include: [preview]
				})
			: submitted
				? computeIndicatorPage(db, code, { suppress: false, include: submittedIds(db) })
				: tierFor(event).page(code);
	if (!found) error(404, 'No such indicator');
	const province = params.get('province');
	return {
		...found,
		// Reviewers drill down from the figures to the submissions they came from.
		sources: reviewer
			? { province, list: loadFigureSources(db, code, { province: province || null }) }
			: null,
		view: preview !== null ? { preview } : submitted ? { submitted: true } : null
	};
};
