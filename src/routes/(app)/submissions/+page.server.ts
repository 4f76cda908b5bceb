import { SUBMISSION_STATUSES } from '$lib/server/db/schema';
import { OTHER_FIELD } from '$lib/domain/limits';
import { pageOffset, parsePageNumber } from '$lib/domain/paging';
import { requireRole, SIGNED_IN } from '$lib/server/guard';
import { getDb } from '$lib/server/db';
import { listSubmissions, reportersWithSubmissions } from '$lib/server/submissions';
import { parsePeriod, formatPeriod } from '$lib/domain/periods';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, SIGNED_IN);
	const q = event.url.searchParams;
	const status = SUBMISSION_STATUSES.find((s) => s === q.get('status'));
	const period = parsePeriod(q.get('period') ?? '');
	// A reporter's list is its own whatever the address says: the filter applies to reviewers only.
	const reporter =
		user.role === 'reporter' ? undefined : q.get('reporter')?.slice(0, OTHER_FIELD) || undefined;
	const page = parsePageNumber(q.get('page'));
	const db = getDb();
	const { rows, total } = listSubmissions(db, user, {
		status,
		reporter,
		period: period ? formatPeriod(period) : undefined,
		limit: PAGE,
		offset: pageOffset(page, PAGE)
	});
	return {
		rows,
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE)),
		filter: {
			status: status ?? '',
			reporter: reporter ?? '',
			period: period ? formatPeriod(period) : ''
		},
		reporters: user.role === 'reporter' ? [] : reportersWithSubmissions(db),
		canUpload: user.role === 'reporter',
		statuses: SUBMISSION_STATUSES.filter((s) => user.role === 'reporter' || s !== 'draft')
	};
};
