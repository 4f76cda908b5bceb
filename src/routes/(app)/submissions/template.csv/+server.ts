import { error } from '@sveltejs/kit';
import { formatPeriod, parsePeriod } from '$lib/domain/periods';
import { currentLocale } from '$lib/locale';
import { getDb } from '$lib/server/db';
import { requireRole, SIGNED_IN } from '$lib/server/guard';
import { templateFor } from '$lib/server/import/template';
import { reporterExists } from '$lib/server/reporters';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

/** A template to fill in: a reporter's own, or any reporter's for reviewers and admins. */
export const GET: RequestHandler = (event) => {
	const user = requireRole(event, SIGNED_IN);
	const q = event.url.searchParams;
	const reporter = user.role === 'reporter' ? user.reporterCode : q.get('reporter')?.toUpperCase();
	const period = parsePeriod(q.get('period') ?? '');
	if (!reporter || !period) error(400, m.refused_template_choice());
	const db = getDb();
	if (!reporterExists(db, reporter)) error(404, 'No such reporter');
	// The reader's language unless the form asks for the other.
	const asked = q.get('lang');
	const lang = asked === 'km' || asked === 'en' ? asked : currentLocale();
	const name = `${reporter.toLowerCase()}-${formatPeriod(period).toLowerCase()}-template${lang === 'km' ? '-km' : ''}.csv`;
	return new Response(templateFor(db, { reporter, period: formatPeriod(period), lang }), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`
		}
	});
};
