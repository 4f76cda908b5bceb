/**
 * The figures behind an indicator's charts: the national quarterly series with the plan's
 * expected path, the plan to date by province (the map) and by sex and age (the breakdowns).
 *
 * Approved figures only (`data_value`). For a sensitive indicator every figure published here
 * stands in exactly one relation "parts + unpublished = total" with a published total, and is
 * withheld by `protectGroup` (product brief §7): the quarters of each year (total: the year, as
 * the indicator page publishes it), the provinces (total: the plan to date; province × year is
 * not published for sensitive indicators), the sexes and the age groups (total: the plan to
 * date; under 15 and 15–17 against under 18). Reviewers may ask for the figures unsuppressed.
 */
import { asc, eq, ne } from 'drizzle-orm';
import { toCsv } from '../domain/csv';
import { formatPeriod, quartersOf } from '../domain/periods';
import { protectGroup } from '../domain/privacy';
import { accumulate, expectedPath, type Observation } from '../domain/progress';
import type { Db } from './db';
import * as t from './db/schema';
import { listIndicatorCodes } from './plan';
import { loadIndicatorProgress, loadPlanProgress } from './progress';

/** A published figure: its value, or null when it is withheld (`hidden`) or there is none. */
export interface Cell {
	value: number | null;
	hidden: boolean;
}

export interface QuarterCell extends Cell {
	period: string;
	/** The plan's expected value for the quarter (its milestone, in quarterly terms). */
	expected: number;
}

export interface ProvinceCell extends Cell {
	code: string;
	nameEn: string;
	nameKm: string;
}

export interface BreakdownCell extends Cell {
	sex: string;
	ageGroup: string;
}

export type IndicatorPage = NonNullable<ReturnType<typeof loadIndicatorPage>>;

/** Everything the indicator page shows, or null for an unknown indicator. */
export function loadIndicatorPage(db: Db, code: string, options: { suppress: boolean }) {
	const base = loadIndicatorProgress(db, code, options);
	if (!base) return null;
	const { indicator, target } = base.progress;
	const protect = { sensitive: indicator.sensitive && options.suppress };
	const rows = db
		.select({
			province: t.dataValue.provinceCode,
			reporter: t.dataValue.reporterCode,
			period: t.dataValue.period,
			sex: t.dataValue.sex,
			ageGroup: t.dataValue.ageGroup,
			value: t.dataValue.value
		})
		.from(t.dataValue)
		.where(eq(t.dataValue.indicatorCode, code))
		.all();
	const observations = (keep: (r: (typeof rows)[number]) => boolean): Observation[] =>
		rows
			.filter(keep)
			.map((r) => ({ period: r.period, series: `${r.province}|${r.reporter}`, value: r.value }));
	const totals = observations((r) => r.sex === 'total' && r.ageGroup === 'all');
	const national: Cell = {
		value: base.progress.assessment.actual,
		hidden: base.progress.hidden
	};

	// The quarters, each year's against the year's published figure.
	const byQuarter = new Map<string, Observation[]>();
	for (const o of totals) {
		const list = byQuarter.get(o.period);
		if (list) list.push(o);
		else byQuarter.set(o.period, [o]);
	}
	const last = base.asOf ? formatPeriod(base.asOf) : null;
	const expected = new Map(
		expectedPath(indicator, target, { year: target.lastYear, quarter: 4 }).map((o) => [
			o.period,
			o.value
		])
	);
	const quarters: QuarterCell[] = [];
	for (const year of base.years) {
		const periods = quartersOf(year.year, year.year);
		const values = periods.map((p) =>
			last && p <= last
				? accumulate({ accumulation: 'mean', unit: indicator.unit }, byQuarter.get(p) ?? [])
				: null
		);
		const hidden = protectGroup({ value: year.actual, hidden: year.hidden }, values, protect);
		periods.forEach((period, i) =>
			quarters.push({
				period,
				value: hidden[i] ? null : values[i],
				hidden: hidden[i],
				expected: expected.get(period) ?? 0
			})
		);
	}

	// The provinces, plan to date, against the national plan to date.
	const provinceList = db
		.select()
		.from(t.province)
		.where(ne(t.province.level, 'national'))
		.orderBy(asc(t.province.code))
		.all();
	const byProvince = new Map<string, Observation[]>();
	for (const o of totals) {
		const code = o.series.slice(0, o.series.indexOf('|'));
		const list = byProvince.get(code);
		if (list) list.push(o);
		else byProvince.set(code, [o]);
	}
	const provinceValues = provinceList.map((p) =>
		accumulate(indicator, byProvince.get(p.code) ?? [])
	);
	const provinceHidden = protectGroup(national, provinceValues, protect);
	const provinces: ProvinceCell[] = provinceList.map((p, i) => ({
		code: p.code,
		nameEn: p.nameEn,
		nameKm: p.nameKm,
		value: provinceHidden[i] ? null : provinceValues[i],
		hidden: provinceHidden[i]
	}));

	// Sex and age, plan to date, nationally.
	const part = (sex: string, ageGroup: string) =>
		accumulate(
			indicator,
			observations((r) => r.sex === sex && r.ageGroup === ageGroup)
		);
	const breakdown = (
		total: Cell,
		keys: [string, string][]
	): { cells: BreakdownCell[]; hidden: boolean[] } => {
		const values = keys.map(([sex, age]) => part(sex, age));
		const hidden = protectGroup(total, values, protect);
		return {
			cells: keys.map(([sex, ageGroup], i) => ({
				sex,
				ageGroup,
				value: hidden[i] ? null : values[i],
				hidden: hidden[i]
			})),
			hidden
		};
	};
	const sexes = indicator.sexes
		? breakdown(national, [
				['female', 'all'],
				['male', 'all']
			]).cells
		: [];
	const ageGroups = indicator.ageGroups ? indicator.ageGroups.split(',') : [];
	let ages: BreakdownCell[] = [];
	if (ageGroups.includes('under18')) {
		const top = breakdown(national, [
			['total', 'under18'],
			...(ageGroups.includes('adult') ? [['total', 'adult']] : [])
		] as [string, string][]);
		const children = breakdown(
			top.cells[0],
			ageGroups.filter((a) => a === 'under15' || a === '15to17').map((a) => ['total', a])
		);
		ages = [...children.cells, ...top.cells];
	} else if (ageGroups.length)
		ages = breakdown(
			national,
			ageGroups.map((a) => ['total', a])
		).cells;

	return {
		...base,
		national,
		quarters,
		provinces,
		sexes,
		ages: ages.filter((a) => a.value !== null || a.hidden),
		suppressed: options.suppress
	};
}

/** One published figure of an indicator page, as the downloads write it. */
export interface PublicRecord {
	indicator: string;
	/** Which table of the page: the plan to date, a quarter, a year, a province or a breakdown. */
	table: 'plan' | 'quarter' | 'year' | 'province' | 'breakdown';
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
	const first = page.progress.target.firstYear;
	const last = page.asOf ? formatPeriod(page.asOf) : '';
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
	const toDate = last ? `${first}Q1-${last}` : '';
	return [
		...(page.national.value !== null || page.national.hidden
			? [record('plan', toDate, page.national)]
			: []),
		...page.quarters
			.filter((q) => q.value !== null || q.hidden)
			.map((q) => record('quarter', q.period, q)),
		...page.years
			.filter((y) => y.actual !== null || y.hidden)
			.map((y) => record('year', String(y.year), { value: y.actual, hidden: y.hidden })),
		...page.provinces
			.filter((p) => p.value !== null || p.hidden)
			.map((p) => record('province', toDate, p, { province: p.code })),
		...[...page.sexes, ...page.ages].map((c) =>
			record('breakdown', toDate, c, { sex: c.sex, age_group: c.ageGroup })
		)
	];
}

/**
 * One province: each indicator's plan to date there, exactly as the indicator's map publishes
 * it (the same relation, so the same cells are withheld).
 */
export function loadProvincePage(db: Db, code: string, options: { suppress: boolean }) {
	const province = db.select().from(t.province).where(eq(t.province.code, code)).get();
	if (!province || province.level === 'national') return null;
	const areas = db.select().from(t.area).orderBy(asc(t.area.position)).all();
	const indicators = db
		.select()
		.from(t.indicator)
		.where(eq(t.indicator.computed, false))
		.orderBy(asc(t.indicator.position))
		.all();
	return {
		province,
		areas: areas.map((area) => ({
			area,
			indicators: indicators
				.filter((i) => i.areaCode === area.code)
				.map((indicator) => {
					const page = loadIndicatorPage(db, indicator.code, options) as IndicatorPage;
					const cell = page.provinces.find((p) => p.code === code) as ProvinceCell;
					return { indicator, value: cell.value, hidden: cell.hidden };
				})
		}))
	};
}

/** One area: its progress (as the overview) and each indicator's quarterly series. */
export function loadAreaPage(db: Db, code: string, options: { suppress: boolean }) {
	const plan = loadPlanProgress(db, options);
	const area = plan.areas.find((a) => a.area.code === code);
	if (!area) return null;
	return {
		plan: plan.plan,
		asOf: plan.asOf,
		...area,
		series: Object.fromEntries(
			area.indicators.map((i) => [
				i.indicator.code,
				(loadIndicatorPage(db, i.indicator.code, options) as IndicatorPage).quarters
			])
		)
	};
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

/** Every indicator page's records, in plan order: the open-data file. */
export function loadAllRecords(db: Db, options: { suppress: boolean }): PublicRecord[] {
	return listIndicatorCodes(db).flatMap((code) =>
		pageRecords(loadIndicatorPage(db, code, options) as IndicatorPage)
	);
}

/**
 * The overview: the plan's progress, and the province map of the indicator asked for (`map`, a
 * code), or of the plan's first indicator that has provinces.
 */
export function loadOverview(db: Db, options: { suppress: boolean; map?: string | null }) {
	const progress = loadPlanProgress(db, options);
	const mappable = progress.areas
		.flatMap((a) => a.indicators)
		.map((i) => i.indicator)
		.filter((i) => !i.computed);
	const chosen = mappable.find((i) => i.code === options.map?.toUpperCase()) ?? mappable[0];
	const page = loadIndicatorPage(db, chosen.code, options) as IndicatorPage;
	return { ...progress, mappable, map: { indicator: chosen, provinces: page.provinces } };
}
