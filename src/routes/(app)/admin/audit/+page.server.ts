import { listAudit } from '$lib/server/audit';
import { OTHER_FIELD } from '$lib/domain/limits';
import { pageOffset, parsePageNumber } from '$lib/domain/paging';
import { getDb } from '$lib/server/db';
import { ADMINS, requireRole } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

const PAGE = 100;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const load: PageServerLoad = (event) => {
	requireRole(event, ADMINS);
	const q = event.url.searchParams;
	const filter = {
		action: q.get('action')?.trim().slice(0, OTHER_FIELD) || '',
		actor: q.get('actor')?.trim().slice(0, OTHER_FIELD) || '',
		subject: q.get('subject')?.trim().slice(0, OTHER_FIELD) || '',
		from: DATE.test(q.get('from') ?? '') ? (q.get('from') as string) : '',
		to: DATE.test(q.get('to') ?? '') ? (q.get('to') as string) : ''
	};
	const page = parsePageNumber(q.get('page'));
	const rows = listAudit(getDb(), {
		action: filter.action || undefined,
		actor: filter.actor || undefined,
		subject: filter.subject || undefined,
		from: filter.from || undefined,
		to: filter.to || undefined,
		limit: PAGE + 1,
		offset: pageOffset(page, PAGE)
	});
	return { filter, page, rows: rows.slice(0, PAGE), more: rows.length > PAGE };
};
