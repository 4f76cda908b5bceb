/**
 * An indicator's page as the public tier stores it and the page, its charts and its downloads
 * show it: progress, years, quarters with the plan's expected path, provinces to date and by
 * year, breakdowns by sex and age, and the plan's progress by area (`PlanView`). Pure: the
 * figures, the plan and the privacy rule's solver and order come in; a page comes out.
 *
 * With `suppress`, a sensitive indicator's cells are protected together (primary and
 * complementary suppression across every table it publishes, `privacy.ts`): a withheld cell has
 * no value here at all, only its flag.
 */
import { quartersOf, type Period } from './periods';
import type { Area, Indicator, Plan, Province } from './plan-records';
import type { TargetRevision } from './target-revision';
import { suppressTable, type History, type Reason, type SolveLp } from './privacy';
import {
	assess,
	assessYear,
	expectedPath,
	possibleDoubleCounts,
	type Assessment,
	type Observation,
	type Status,
	type Target
} from './progress';
import {
	cellKey,
	indicatorTables,
	NO_PROVINCE,
	NOT_RECORDED,
	UNDER18_NOT_RECORDED,
	toDatePeriod,
	type FigureRow,
	type TableCell
} from './public-tables';

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

export interface YearRow {
	year: number;
	milestone: number;
	actual: number | null;
	progress: number | null;
	status: Status;
	hidden: boolean;
}

export interface IndicatorProgress {
	indicator: Indicator;
	target: Target;
	assessment: Assessment;
	/** The plan-to-date figure is withheld: it and the shares computed from it are not given. */
	hidden: boolean;
	/** Province × quarter keys that more than one reporter reported (counted, flagged). */
	doubleCounts: number;
}

export interface AreaProgress {
	area: Area;
	status: Status;
	counts: Record<Status, number>;
	indicators: IndicatorProgress[];
}

/** The plan's progress by area, as the overview shows it. */
export interface PlanView {
	plan: Plan;
	asOf: Period | null;
	areas: AreaProgress[];
}

/** A withheld cell, as the release log records it. */
export interface WithheldCell {
	indicator: string;
	table: TableCell['table'];
	period: string;
	province: string;
	sex: string;
	ageGroup: string;
	reason: Reason;
}

/** Everything an indicator page shows. */
export interface IndicatorPage {
	plan: Plan;
	area: Area;
	asOf: Period | null;
	progress: IndicatorProgress;
	years: YearRow[];
	national: Cell;
	quarters: QuarterCell[];
	provinces: ProvinceCell[];
	/** The national programmes' figures, which have no province (summed indicators). */
	noProvince: Cell | null;
	provinceYears: { year: number; provinces: ProvinceCell[]; noProvince: Cell | null }[];
	sexes: BreakdownCell[];
	ages: BreakdownCell[];
	/** Whether small counts were withheld, and below which count. */
	suppressed: boolean;
	k: number;
	/** How the target in force was revised, the latest first (empty: the plan as adopted). */
	revisions: TargetRevision[];
}

/** What suppressing an indicator's tables decided, for the release log: never for a page. */
export interface Protected {
	/** The cells withheld, and why. */
	withheld: WithheldCell[];
	/** The cells published, by `cellKey`, with their values: what the public now knows. */
	published: [cell: string, value: number][];
	/** The narrowest feasible range left to an intruder for a protected cell, or null. */
	narrowest: number | null;
	/** Whether figures published before went down since (a correction). */
	corrected: boolean;
}

/** What an indicator page is made of: the indicator, its area and target, and its figures. */
export interface IndicatorFigures {
	indicator: Indicator;
	area: Area;
	target: Target;
	/** The revisions of the target in force, the latest first. */
	revisions?: readonly TargetRevision[];
	rows: readonly FigureRow[];
}

/** What every indicator page of one computation shares. */
export interface PageContext {
	plan: Plan;
	/** The last quarter with figures: progress is measured as of its end. */
	asOf: Period | null;
	/** `asOf` written as a period (`2002Q3`), or null. */
	through: string | null;
	/** The provinces (not the nation), in the order pages list them. */
	provinces: readonly Province[];
	k: number;
	suppress: boolean;
	/** What earlier releases published of the indicator's cells, by `cellKey`. */
	published: ReadonlyMap<string, number>;
	/** The order in which cells are chosen to protect others (`SuppressOptions.rank`). */
	rank: (cells: readonly TableCell[]) => number[];
	/** The linear-programme solver that checks each protection. */
	solve: SolveLp;
}

/**
 * An indicator's page from its figures; when suppressing a sensitive indicator, its cells are
 * protected together, and what was withheld and published is returned for the release log.
 */
export function indicatorPage(
	figures: IndicatorFigures,
	context: PageContext
): { page: IndicatorPage; protected: Protected | null } {
	const { indicator, area, target, rows } = figures;
	const { plan, asOf, through, provinces, k } = context;
	const { cells, relations } = indicatorTables(indicator, rows, {
		firstYear: plan.firstYear,
		through,
		provinces: provinces.map((p) => p.code)
	});
	const values = cells.map((c) => c.value);
	const protecting = context.suppress && indicator.sensitive;
	const history = protecting ? historyOf(cells, context.published) : undefined;
	const suppression = protecting
		? suppressTable(values, relations, k, {
				solve: context.solve,
				history,
				rank: context.rank(cells)
			})
		: null;
	const reasons = suppression?.reasons ?? cells.map(() => null);
	const shown = (i: number): Cell =>
		reasons[i] ? { value: null, hidden: true } : { value: cells[i].value, hidden: false };
	// Cells by table, period and place (national, total and all ages unless said): −1 if none.
	const key = (table: string, period: string, province = 'national') =>
		`${table}|${period}|${province}`;
	const index = new Map(
		cells.flatMap((c, i) =>
			c.sex === 'total' && c.ageGroup === 'all' ? [[key(c.table, c.period, c.province), i]] : []
		)
	);
	const find = (table: TableCell['table'], period: string, province?: string) =>
		index.get(key(table, period, province)) ?? -1;
	const toDate = toDatePeriod(plan.firstYear, through);

	// Progress, as of the last quarter with figures, by the rules of PROGRESS.md.
	const totals = rows.filter((r) => r.sex === 'total' && r.ageGroup === 'all');
	const observations: Observation[] = totals.map((r) => ({
		period: r.period,
		series: `${r.province}|${r.reporter}`,
		value: r.value
	}));
	const rule = { rule: indicator, direction: indicator.direction, target, observations };
	const assessment = assess({ ...rule, asOf: asOf ?? { year: target.firstYear, quarter: 1 } });
	const nationalIndex = find('plan', toDate);
	const national = shown(nationalIndex);
	const progress: IndicatorProgress = {
		indicator,
		target,
		// Nothing computed from a withheld figure is shown: no progress, share or status.
		assessment: national.hidden
			? { ...assessment, actual: null, progress: null, ratio: null, status: 'withheld' }
			: assessment,
		hidden: national.hidden,
		doubleCounts: possibleDoubleCounts(totals).length
	};

	const years: YearRow[] = [];
	for (let year = plan.firstYear; year <= plan.lastYear; year++) {
		const assessed = assessYear({ ...rule, year });
		const cell = find('year', String(year));
		const hidden = cell >= 0 && shown(cell).hidden;
		const withheld = { actual: null, progress: null, status: 'withheld' as const };
		years.push({ year, ...assessed, ...(hidden ? withheld : {}), hidden });
	}

	const expected = new Map(
		expectedPath(indicator, target, { year: target.lastYear, quarter: 4 }).map((o) => [
			o.period,
			o.value
		])
	);
	const quarters: QuarterCell[] = quartersOf(plan.firstYear, plan.lastYear).map((period) => {
		const i = find('quarter', period);
		return {
			period,
			...(i >= 0 ? shown(i) : { value: null, hidden: false }),
			expected: expected.get(period) ?? 0
		};
	});

	const provinceCells = (table: 'province' | 'province-year', period: string) =>
		provinces.map((p) => {
			const i = find(table, period, p.code);
			return { code: p.code, nameEn: p.nameEn, nameKm: p.nameKm, ...shown(i) };
		});
	const noProvinceIndex = find('province', toDate, NO_PROVINCE);
	const lastYear = asOf ? asOf.year : plan.firstYear - 1;
	const provinceYears = [];
	for (let year = plan.firstYear; year <= lastYear; year++) {
		const i = find('province-year', String(year), NO_PROVINCE);
		provinceYears.push({
			year,
			provinces: provinceCells('province-year', String(year)),
			noProvince: i >= 0 ? shown(i) : null
		});
	}

	const remainders = [NOT_RECORDED, UNDER18_NOT_RECORDED];
	const breakdown = (keep: (c: TableCell) => boolean): BreakdownCell[] =>
		cells.flatMap((c, i) => {
			if (c.table !== 'breakdown' || !keep(c)) return [];
			const cell = shown(i);
			// What was reported without the breakdown is listed when there is some (or withheld).
			const remainder = remainders.includes(c.sex) || remainders.includes(c.ageGroup);
			if (remainder && !cell.hidden && !(cell.value && cell.value > 0)) return [];
			return [{ sex: c.sex, ageGroup: c.ageGroup, ...cell }];
		});
	const ageOrder = ['under15', '15to17', UNDER18_NOT_RECORDED, 'under18', 'adult', NOT_RECORDED];

	const page: IndicatorPage = {
		plan,
		area,
		asOf,
		progress,
		years,
		national,
		quarters,
		provinces: provinceCells('province', toDate),
		noProvince: noProvinceIndex >= 0 ? shown(noProvinceIndex) : null,
		provinceYears,
		sexes: breakdown((c) => c.ageGroup === 'all'),
		ages: breakdown((c) => c.sex === 'total').sort(
			(a, b) => ageOrder.indexOf(a.ageGroup) - ageOrder.indexOf(b.ageGroup)
		),
		suppressed: context.suppress,
		k,
		revisions: [...(figures.revisions ?? [])]
	};
	if (!suppression || !history) return { page, protected: null };
	return {
		page,
		protected: {
			withheld: cells.flatMap((c, i) => {
				const reason = reasons[i];
				return reason
					? [
							{
								indicator: indicator.code,
								table: c.table,
								period: c.period,
								province: c.province,
								sex: c.sex,
								ageGroup: c.ageGroup,
								reason
							}
						]
					: [];
			}),
			published: cells.flatMap((c, i): [string, number][] =>
				!reasons[i] && c.value !== null ? [[cellKey(c), c.value]] : []
			),
			narrowest: suppression.narrowest,
			corrected: history.corrected
		}
	};
}

/**
 * What the intruder knows of a table from earlier releases: each cell's last published value,
 * and whether any went down since (then figures are no longer known to only grow).
 */
function historyOf(cells: readonly TableCell[], published: ReadonlyMap<string, number>): History {
	const previous = cells.map((c) => published.get(cellKey(c)) ?? null);
	const corrected = cells.some((c, i) => previous[i] !== null && (c.value ?? 0) < previous[i]!);
	return { previous, corrected };
}
