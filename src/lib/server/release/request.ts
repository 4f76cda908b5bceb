/**
 * Which tier a request reads: the dispatch that public pages and downloads call, kept thin.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { submittedIds } from '../dashboard';
import { getDb } from '../db';
import { seesUnsuppressed } from '../guard';
import { liveTier, readTier, type Tier } from './read';

/**
 * The figures a public page or download shows: the latest release, suppressed, for the public;
 * unsuppressed for reviewers and admins, who may also ask for them computed now with the values
 * in review (`?submitted`), or as the public would see them once submission 42 is approved
 * (`?preview=42`).
 */
export function tierFor(event: Pick<RequestEvent, 'locals' | 'url'>): Tier {
	const db = getDb();
	if (!seesUnsuppressed(event)) return readTier(db, 'public');
	const params = event.url.searchParams;
	if (params.has('preview')) {
		// Only a submission in review can be previewed: a draft, or another organisation's
		// returned or withdrawn figures, must not be readable through a public page.
		const preview = Number(params.get('preview'));
		if (!submittedIds(db).includes(preview)) error(404, 'No such submission in review');
		return liveTier(db, { suppress: true, include: [preview] });
	}
	if (params.has('submitted')) return liveTier(db, { suppress: false, include: submittedIds(db) });
	return readTier(db, 'review');
}
