/**
 * The open-data files: every figure an indicator page shows, flat, as CSV (`data.csv`, and every
 * indicator at once, `/data/figures.csv`) and JSON (`data.json`). A withheld cell is flagged in a
 * `suppressed` column and given no value. Pure shaping of a tier's pages.
 */
import type { Cell, IndicatorPage, ProvinceCell } from '../../domain/indicator-page';
import { toCsv } from '../../domain/csv';
import { formatPeriod } from '../../domain/periods';
import { NO_PROVINCE, toDatePeriod } from '../../domain/public-tables';
import type { Tier } from './read';

/** One published figure of an indicator page, as the downloads write it. */
export interface PublicRecord {
	indicator: string;
	/** Which table of the page the figure belongs to. */
	table: 'plan' | 'year' | 'quarter' | 'province' | 'province-year' | 'breakdown';
	period: string;
	province: string;
	sex: string;
	age_group: string;
	value: number | null;
	/** Withheld for privacy: no value is given, and the flag says why the cell is empty. */
	suppressed: boolean;
}

/** Every figure an indicator page shows, flat, for its CSV and JSON downloads. */
export function pageRecords(page: IndicatorPage): PublicRecord[] {
	const indicator = page.progress.indicator.code;
	const toDate = toDatePeriod(page.plan.firstYear, page.asOf ? formatPeriod(page.asOf) : null);
	const record = (
		table: PublicRecord['table'],
		period: string,
		cell: Cell,
		at: { province?: string; sex?: string; age_group?: string } = {}
	): PublicRecord => ({
		indicator,
		table,
		period,
		province: at.province ?? 'national',
		sex: at.sex ?? 'total',
		age_group: at.age_group ?? 'all',
		value: cell.hidden ? null : cell.value,
		suppressed: cell.hidden
	});
	const present = (c: Cell) => c.value !== null || c.hidden;
	const provinces = (list: ProvinceCell[], table: PublicRecord['table'], period: string) =>
		list.filter(present).map((p) => record(table, period, p, { province: p.code }));
	return [
		...(present(page.national) ? [record('plan', toDate, page.national)] : []),
		...page.quarters.filter(present).map((q) => record('quarter', q.period, q)),
		...page.years
			.map((y) => ({ year: y.year, cell: { value: y.actual, hidden: y.hidden } }))
			.filter((y) => present(y.cell))
			.map((y) => record('year', String(y.year), y.cell)),
		...provinces(page.provinces, 'province', toDate),
		...(page.noProvince && present(page.noProvince)
			? [record('province', toDate, page.noProvince, { province: NO_PROVINCE })]
			: []),
		...page.provinceYears.flatMap((y) => [
			...provinces(y.provinces, 'province-year', String(y.year)),
			...(y.noProvince && present(y.noProvince)
				? [record('province-year', String(y.year), y.noProvince, { province: NO_PROVINCE })]
				: [])
		]),
		...[...page.sexes, ...page.ages].map((c) =>
			record('breakdown', toDate, c, { sex: c.sex, age_group: c.ageGroup })
		)
	];
}

/** The columns of the public downloads, in order. */
const RECORD_COLUMNS: (keyof PublicRecord)[] = [
	'indicator',
	'table',
	'period',
	'province',
	'sex',
	'age_group',
	'value',
	'suppressed'
];

/** Public records as a CSV file (formula-safe; withheld cells flagged, never given). */
export function recordsCsv(records: readonly PublicRecord[]): string {
	return toCsv([RECORD_COLUMNS, ...records.map((r) => RECORD_COLUMNS.map((c) => r[c]))]);
}

/** An indicator page as a JSON document: what the indicator is, its target, its records. */
export function pageJson(page: IndicatorPage) {
	const { indicator, target } = page.progress;
	return {
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
		note: `Approved figures only, as of this release. Where suppressed is true the value is withheld: a small count of children (from 1 to ${page.k - 1}), or a figure that would let one be worked out, from this release or by comparing it with earlier ones. Which of the two is never said.`,
		records: pageRecords(page)
	};
}

/** Every indicator page's records, in plan order: the open-data file. */
export function allRecords(tier: Tier): PublicRecord[] {
	return tier.pages().flatMap(pageRecords);
}
