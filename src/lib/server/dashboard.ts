/**
 * The figures of the dashboard's pages, computed from the approved record (`data_value`): each
 * indicator's page (progress, years, quarters with the plan's expected path, provinces to date
 * and by year, breakdowns by sex and age) and the plan's progress by area.
 *
 * This is the computation; nothing public calls it per request. The public tier (public-tier.ts)
 * stores its result, suppressed, whenever figures are approved or reopened, and every public page
 * reads that. Reviewers read the same computation unsuppressed, and may ask for it live with the
 * values of submissions still in review (`include`): the preview of what approval would publish.
 *
 * With `suppress`, each sensitive indicator's cells are protected together (primary and
 * complementary suppression across every table it publishes, `$lib/domain/privacy`): a withheld
 * cell has no value here at all, only its flag.
 */
import { asc, eq, ne } from 'drizzle-orm';
import { createHmac } from 'node:crypto';
import { formatPeriod, parsePeriod, quartersOf, type Period } from '../domain/periods';
import { PUBLIC_K, suppressTable, thresholdOf, type History, type Reason } from '../domain/privacy';
import {
	assess,
	assessYear,
	expectedPath,
	possibleDoubleCounts,
	summariseArea,
	type Assessment,
	type Observation,
	type Status,
	type Target
} from '../domain/progress';
import {
	cellKey,
	indicatorTables,
	NO_PROVINCE,
	NOT_RECORDED,
	UNDER18_NOT_RECORDED,
	toDatePeriod,
	type FigureRow,
	type TableCell
} from '../domain/public-tables';
import { onTimeRates } from '../domain/completeness';
import { loadCompleteness } from './completeness';
import type { Db } from './db';
import * as t from './db/schema';
import { solveLp } from './lp';
import { getPlan, loadTargets, type Plan } from './plan';

export type { Plan };
export type Indicator = typeof t.indicator.$inferSelect;
export type Area = typeof t.area.$inferSelect;

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
	/** Province × quarter keys that more than one reporter reported (§6: counted, flagged). */
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

export interface DashboardOptions {
	suppress: boolean;
	/** The threshold k (default 10, never below 5). */
	k?: number;
	/** Submissions in review whose values count as if approved (a reviewer's preview). */
	include?: readonly number[];
}

/** Placeholders for the `include` list, and its values, for raw SQL. */
function listOf(ids: readonly number[]): string {
	return ids.map(() => '?').join(',') || 'NULL';
}

/**
 * The figures of an indicator: approved values, with the included submissions' values taking
 * the place of approved ones of the same key. Read with a raw statement: at a million values
 * the builder's objects cost more than the arithmetic.
 */
function figureRows(db: Db, code: string, include: readonly number[]): FigureRow[] {
	const columns = `province_code AS province, period, sex, age_group AS ageGroup, value`;
	if (!include.length)
		return db.$client
			.prepare(
				`SELECT ${columns}, reporter_code AS reporter FROM data_value WHERE indicator_code = ?`
			)
			.all(code) as FigureRow[];
	const ids = listOf(include);
	return db.$client
		.prepare(
			`SELECT ${columns}, reporter_code AS reporter FROM data_value d
			 WHERE indicator_code = ? AND NOT EXISTS (
				SELECT 1 FROM submission_value s JOIN submission b ON b.id = s.submission_id
				WHERE b.id IN (${ids}) AND b.reporter_code = d.reporter_code
				  AND s.indicator_code = d.indicator_code AND s.province_code = d.province_code
				  AND s.period = d.period AND s.sex = d.sex AND s.age_group = d.age_group)
			 UNION ALL
			 SELECT s.province_code, s.period, s.sex, s.age_group, s.value, b.reporter_code
			 FROM submission_value s JOIN submission b ON b.id = s.submission_id
			 WHERE b.id IN (${ids}) AND s.indicator_code = ?`
		)
		.all(code, ...include, ...include, code) as FigureRow[];
}

/** The last quarter with figures: progress is measured as of its end. */
function lastPeriod(db: Db, include: readonly number[]): Period | null {
	const row = db.$client
		.prepare(
			`SELECT max(p) AS last FROM (
				SELECT max(period) AS p FROM data_value
				UNION ALL SELECT max(period) FROM submission_value WHERE submission_id IN (${listOf(include)}))`
		)
		.get(...include) as { last: string | null };
	return row.last ? parsePeriod(row.last) : null;
}

/** The pages of every indicator and the plan's progress by area. */
export interface Dashboard {
	plan: PlanView;
	pages: IndicatorPage[];
	/** For each sensitive indicator of a suppressed view (by code): what was protected. */
	protection: Map<string, Protected>;
}

/** The secret that orders the cells withheld to protect others (migration 0007; never public). */
function suppressionKey(db: Db): string {
	const row = db.$client
		.prepare(`SELECT value FROM setting WHERE key = 'suppression_key'`)
		.get() as { value: string } | undefined;
	if (!row) throw new Error('The database has no suppression key: its migrations are not current');
	return row.value;
}

/**
 * The order in which an indicator's published cells are chosen to protect others: a keyed hash of
 * each cell's name, the same in every release, which nobody without the key can reproduce.
 */
function keyedRank(key: string, code: string, cells: readonly TableCell[]): number[] {
	return cells.map((c) =>
		createHmac('sha256', key)
			.update(`${code}|${cellKey(c)}`)
			.digest()
			.readUIntBE(0, 6)
	);
}

/** What the public last saw of an indicator's cells (by `cellKey`): the releases' memory. */
export function publishedCells(db: Db, code: string): Map<string, number> {
	const rows = db.$client
		.prepare('SELECT cell, value FROM published_cell WHERE indicator_code = ?')
		.all(code) as { cell: string; value: number }[];
	return new Map(rows.map((r) => [r.cell, r.value]));
}

/** Every indicator's page and the plan's progress, computed now. */
export function computeDashboard(db: Db, options: DashboardOptions): Dashboard {
	return computeViews(db, options, [options.suppress])[0];
}

/**
 * The dashboard for reviewers (every figure) and for the public (suppressed) from one reading
 * of the approved record: what a release stores.
 */
export function computeBothDashboards(
	db: Db,
	options: Omit<DashboardOptions, 'suppress'>
): { open: Dashboard; safe: Dashboard } {
	const [open, safe] = computeViews(db, options, [false, true]);
	return { open, safe };
}

function computeViews(
	db: Db,
	options: Omit<DashboardOptions, 'suppress'>,
	views: readonly boolean[]
): Dashboard[] {
	const include = options.include ?? [];
	const k = thresholdOf(options.k ?? PUBLIC_K);
	const plan = getPlan(db);
	const asOf = lastPeriod(db, include);
	const through = asOf ? formatPeriod(asOf) : null;
	const areas = db.select().from(t.area).orderBy(asc(t.area.position)).all();
	const indicators = db.select().from(t.indicator).orderBy(asc(t.indicator.position)).all();
	const provinces = db
		.select()
		.from(t.province)
		.where(ne(t.province.level, 'national'))
		.orderBy(asc(t.province.code))
		.all();
	const targets = loadTargets(db, plan);

	const pages = views.map((): IndicatorPage[] => []);
	const protection = views.map(() => new Map<string, Protected>());
	for (const indicator of indicators) {
		// One reading of the figures for every view; one rows array alive at a time.
		const rows = indicator.computed
			? completenessRows(db, through)
			: figureRows(db, indicator.code, include);
		const published = indicator.sensitive ? publishedCells(db, indicator.code) : new Map();
		const key = indicator.sensitive && views.some((v) => v) ? suppressionKey(db) : '';
		views.forEach((suppress, v) => {
			const { page, protected: kept } = indicatorPage(
				indicator,
				areas.find((a) => a.code === indicator.areaCode) as Area,
				targets.get(indicator.code) as Target,
				rows,
				{ plan, asOf, through, provinces, k, suppress, published, key }
			);
			pages[v].push(page);
			if (kept) protection[v].set(indicator.code, kept);
		});
	}
	return pages.map((list, v) => ({
		plan: {
			plan,
			asOf,
			areas: areas.flatMap((area) => {
				const progress = list.filter((p) => p.area.code === area.code).map((p) => p.progress);
				const shown = progress.filter((i) => !i.hidden);
				return [
					{
						area,
						...summariseArea(
							shown.map((i) => i.assessment.ratio),
							progress.length - shown.length
						),
						indicators: progress
					}
				];
			})
		},
		pages: list,
		protection: protection[v]
	}));
}

/** COOR-03 as figures: the share of reports received on time, each quarter through `through`. */
function completenessRows(db: Db, through: string | null): FigureRow[] {
	if (!through) return [];
	const { cells } = loadCompleteness(db, { through });
	return [...onTimeRates(cells)].map(([period, value]) => ({
		province: 'national',
		reporter: 'all',
		period,
		sex: 'total',
		ageGroup: 'all',
		value
	}));
}

function indicatorPage(
	indicator: Indicator,
	area: Area,
	target: Target,
	rows: FigureRow[],
	context: {
		plan: Plan;
		asOf: Period | null;
		through: string | null;
		provinces: (typeof t.province.$inferSelect)[];
		k: number;
		suppress: boolean;
		/** What earlier releases published of the indicator's cells (`publishedCells`). */
		published: ReadonlyMap<string, number>;
		/** The suppression key (`suppressionKey`), when protecting. */
		key: string;
	}
): { page: IndicatorPage; protected: Protected | null } {
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
				solve: solveLp,
				history,
				rank: keyedRank(context.key, indicator.code, cells)
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

	// Progress, as of the last quarter with figures, by the pure rules of §6.
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
		// Nothing computed from a withheld figure is shown: no progress, share or status (§7).
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
		k
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

/** The submissions waiting for review: what the "include submitted values" view adds. */
export function submittedIds(db: Db): number[] {
	return db
		.select({ id: t.submission.id })
		.from(t.submission)
		.where(eq(t.submission.status, 'submitted'))
		.all()
		.map((r) => r.id);
}

/** A submission behind an indicator's approved figures: the drill-down reviewers follow. */
export interface FigureSource {
	submission: number;
	reporter: string;
	first: string;
	last: string;
	values: number;
	total: number;
	approvedAt: string;
}

/**
 * The submissions an indicator's approved figures came from, optionally in one province, newest
 * first: for reviewers, from any figure back to what was sent.
 */
export function loadFigureSources(
	db: Db,
	code: string,
	options: { province?: string | null; limit?: number } = {}
): FigureSource[] {
	return db.$client
		.prepare(
			`SELECT submission_id AS submission, reporter_code AS reporter, min(period) AS first,
				max(period) AS last, count(*) AS "values",
				coalesce(sum(CASE WHEN sex = 'total' AND age_group = 'all' THEN value END), 0) AS total,
				max(approved_at) AS approvedAt
			 FROM data_value WHERE indicator_code = ? AND (? IS NULL OR province_code = ?)
			 GROUP BY submission_id ORDER BY approvedAt DESC, submission_id DESC LIMIT ?`
		)
		.all(
			code,
			options.province ?? null,
			options.province ?? null,
			options.limit ?? 50
		) as FigureSource[];
}
