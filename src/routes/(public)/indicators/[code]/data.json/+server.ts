import { error, json } from '@sveltejs/kit';
import { formatPeriod } from '$lib/domain/periods';
import { tierFor } from '$lib/server/public-tier';
import { pageRecords } from '$lib/server/public-tier';
import type { RequestHandler } from './$types';

/** The figures of the indicator page with what they mean, as its page shows them. */
export const GET: RequestHandler = (event) => {
	const code = event.params.code.toUpperCase();
	const page = tierFor(event).page(code);
	if (!page) error(404, 'No such indicator');
	const { indicator, target } = page.progress;
	return json(
		{
			indicator: {
				code: indicator.code,
				name: { en: indicator.nameEn, km: indicator.nameKm },
				definition: { en: indicator.definitionEn, km: indicator.definitionKm },
				unit: indicator.unit,
				accumulation: indicator.accumulation,
				direction: indicator.direction,
				sensitive: indicator.sensitive
			},
			target: { baseline: target.baseline, milestones: target.milestones, end: target.endTarget },
			asOf: page.asOf ? formatPeriod(page.asOf) : null,
			suppressed: page.suppressed,
			k: page.k,
			note: `Approved figures only. Where suppressed is true the value is withheld: a count of children from 1 to ${page.k - 1}, or a figure that would let one be worked out by addition and subtraction from the others.`,
			records: pageRecords(page)
		},
		{ headers: { 'content-disposition': `attachment; filename="${code}.json"` } }
	);
};
