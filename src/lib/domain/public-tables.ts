/**
 * The tables an indicator publishes, as one list of cells and the relations between them: what
 * `suppress` (privacy.ts) protects as a whole, and what the indicator page, its charts and its
 * downloads show.
 *
 * Cells: the plan to date, each year, each quarter (nationally); each province to date and by
 * year; female and male, and each age group, to date. For a summed indicator the figures add up,
 * and every such sum is a relation: the years make the plan to date, the quarters their year,
 * the provinces (with the national programmes' figures, which have no province) the nation in
 * each year and to date, each province's years its plan to date, the sexes and the age groups
 * (with the figures reported without them, "not recorded") the plan to date, and the age groups
 * under 15 and 15–17 the under-18s. Nothing else about an indicator is published.
 */
import { accumulate, type Observation, type Rule } from './progress';

/** Which table of an indicator a cell belongs to. */
export type TableName = 'plan' | 'year' | 'quarter' | 'province' | 'province-year' | 'breakdown';

/** Figures reported by national programmes, which have no province. */
export const NO_PROVINCE = 'no-province';
/** Figures reported without a sex or an age group. */
export const NOT_RECORDED = 'not-recorded';
/** Figures of under-18s reported without the under 15 / 15–17 split. */
export const UNDER18_NOT_RECORDED = 'under18-not-recorded';

export interface TableCell {
	table: TableName;
	period: string;
	province: string;
	sex: string;
	ageGroup: string;
	/** Null: no figure at all (which is public, and never hidden). */
	value: number | null;
}

/** One approved figure: a reporter's value for a province, quarter, sex and age group. */
export interface FigureRow {
	province: string;
	reporter: string;
	period: string;
	sex: string;
	ageGroup: string;
	value: number;
}

export interface TableShape {
	firstYear: number;
	/** The last quarter with approved figures (`2002Q3`), or null before any. */
	through: string | null;
	/** Province codes (not the nation), in the order pages list them. */
	provinces: readonly string[];
}

export interface IndicatorRule extends Rule {
	/** Allowed sexes besides the total, comma-separated (`female,male`), or empty. */
	sexes: string;
	/** Allowed age groups besides all ages, comma-separated, or empty. */
	ageGroups: string;
}

/** Tables whose cells cover the plan to date (their period grows with each quarter). */
const TO_DATE: readonly TableName[] = ['plan', 'province', 'breakdown'];

/**
 * A cell's name across releases: its table, period, province, sex and age group, with `to-date`
 * for the period of a plan-to-date cell (`2000Q1-2002Q3` today, `2000Q1-2002Q4` next quarter).
 */
export function cellKey(c: Pick<TableCell, 'table' | 'period' | 'province' | 'sex' | 'ageGroup'>) {
	const period = TO_DATE.includes(c.table) ? 'to-date' : c.period;
	return [c.table, period, c.province, c.sex, c.ageGroup].join('|');
}

/** The period a plan-to-date cell covers: `2000Q1-2002Q3`. */
export function toDatePeriod(firstYear: number, through: string | null): string {
	return through ? `${firstYear}Q1-${through}` : '';
}

/** Every cell an indicator publishes and, for a summed indicator, the relations between them. */
export function indicatorTables(
	rule: IndicatorRule,
	rows: readonly FigureRow[],
	shape: TableShape
): { cells: TableCell[]; relations: { total: number; parts: number[] }[] } {
	const cells: TableCell[] = [];
	const relations: { total: number; parts: number[] }[] = [];
	const additive = rule.accumulation === 'sum';
	const toDate = toDatePeriod(shape.firstYear, shape.through);
	const lastYear = shape.through ? Number(shape.through.slice(0, 4)) : shape.firstYear - 1;
	const years: number[] = [];
	for (let y = shape.firstYear; y <= lastYear; y++) years.push(y);

	const add = (table: TableName, period: string, at: Partial<TableCell>, value: number | null) =>
		cells.push({
			table,
			period,
			province: 'national',
			sex: 'total',
			ageGroup: 'all',
			...at,
			value
		}) - 1;
	const relate = (total: number, parts: number[]) => {
		if (additive) relations.push({ total, parts });
	};
	const series = (r: FigureRow): Observation => ({
		period: r.period,
		series: `${r.province}|${r.reporter}`,
		value: r.value
	});
	const totals = rows.filter((r) => r.sex === 'total' && r.ageGroup === 'all');
	const group = <K>(list: readonly FigureRow[], key: (r: FigureRow) => K) => {
		const out = new Map<K, Observation[]>();
		for (const r of list) {
			const k = key(r);
			const o = out.get(k);
			if (o) o.push(series(r));
			else out.set(k, [series(r)]);
		}
		return out;
	};
	const value = (list: Observation[] | undefined) => accumulate(rule, list ?? []);

	// The nation: to date, by year, by quarter.
	const national = add('plan', toDate, {}, value(totals.map(series)));
	const byYear = group(totals, (r) => Number(r.period.slice(0, 4)));
	const byQuarter = group(totals, (r) => r.period);
	const yearCells = years.map((y) => add('year', String(y), {}, value(byYear.get(y))));
	relate(national, yearCells);
	years.forEach((y, i) => {
		const quarters: number[] = [];
		for (let q = 1; q <= 4 && `${y}Q${q}` <= (shape.through as string); q++) {
			const list = byQuarter.get(`${y}Q${q}`);
			// A quarter's figure combines its series (adds counts, averages percentages).
			quarters.push(
				add(
					'quarter',
					`${y}Q${q}`,
					{},
					list ? accumulate({ ...rule, accumulation: 'mean' }, list) : null
				)
			);
		}
		relate(yearCells[i], quarters);
	});

	// The provinces: to date and by year, and the national programmes beside them.
	const byProvince = group(totals, (r) => r.province);
	const byProvinceYear = group(totals, (r) => `${r.province}|${r.period.slice(0, 4)}`);
	const geography =
		additive && byProvince.has('national') ? [...shape.provinces, 'national'] : shape.provinces;
	const provinceCells = geography.map((p) => {
		const province = p === 'national' ? NO_PROVINCE : p;
		const toDateCell = add('province', toDate, { province }, value(byProvince.get(p)));
		const perYear = years.map((y) =>
			add('province-year', String(y), { province }, value(byProvinceYear.get(`${p}|${y}`)))
		);
		relate(toDateCell, perYear);
		return { toDateCell, perYear };
	});
	relate(
		national,
		provinceCells.map((p) => p.toDateCell)
	);
	yearCells.forEach((cell, i) =>
		relate(
			cell,
			provinceCells.map((p) => p.perYear[i])
		)
	);

	// Breakdowns to date, with what was reported without them.
	const breakdown = (total: number, keys: [string, string][], rest: [string, string]) => {
		const parts = keys.map(([sex, ageGroup]) => {
			const list = rows.filter((r) => r.sex === sex && r.ageGroup === ageGroup).map(series);
			return { sex, ageGroup, value: value(list) };
		});
		if (parts.every((p) => p.value === null)) return [];
		const indices = parts.map((p) =>
			add('breakdown', toDate, { sex: p.sex, ageGroup: p.ageGroup }, p.value)
		);
		if (additive) {
			const known = parts.reduce((a, p) => a + (p.value ?? 0), 0);
			const totalValue = cells[total].value ?? 0;
			indices.push(
				add('breakdown', toDate, { sex: rest[0], ageGroup: rest[1] }, totalValue - known)
			);
			relate(total, indices);
		}
		return indices;
	};
	if (rule.sexes)
		breakdown(
			national,
			[
				['female', 'all'],
				['male', 'all']
			],
			[NOT_RECORDED, 'all']
		);
	const ages = rule.ageGroups ? rule.ageGroups.split(',') : [];
	const children = ages.filter((a) => a === 'under15' || a === '15to17');
	if (ages.includes('under18')) {
		const top = breakdown(
			national,
			(['under18', 'adult'] as const).filter((a) => ages.includes(a)).map((a) => ['total', a]),
			['total', NOT_RECORDED]
		);
		if (top.length && children.length)
			breakdown(
				top[0],
				children.map((a) => ['total', a]),
				['total', UNDER18_NOT_RECORDED]
			);
		else if (!top.length && children.length)
			breakdown(
				national,
				children.map((a) => ['total', a]),
				['total', NOT_RECORDED]
			);
	} else if (ages.length)
		breakdown(
			national,
			ages.map((a) => ['total', a]),
			['total', NOT_RECORDED]
		);

	return { cells, relations };
}
