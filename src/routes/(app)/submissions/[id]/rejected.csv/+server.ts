import { error } from '@sveltejs/kit';
import { toCsv } from '$lib/domain/csv';
import { rowErrorText } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { requireRole, SIGNED_IN } from '$lib/server/guard';
import { getSubmission } from '$lib/server/submissions';
import type { RequestHandler } from './$types';

/** The rejected rows of an upload with their reasons, to fix in a spreadsheet. */
export const GET: RequestHandler = (event) => {
	const user = requireRole(event, SIGNED_IN);
	const found = getSubmission(getDb(), Number(event.params.id), user, { limit: 0 });
	if (!found) error(404, 'No such submission');
	// Headers and reasons in the reader's language; row numbers in digits a spreadsheet sorts.
	const rows = [
		[m.col_row(), m.col_column(), m.col_value(), m.col_problem()],
		...(found.report?.errors ?? []).map((e) => [e.row, e.column, e.value, rowErrorText(e)])
	];
	return new Response('\ufeff' + toCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="submission-${found.submission.id}-rejected-rows.csv"`
		}
	});
};
