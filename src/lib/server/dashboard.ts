/**
 * The figures of the dashboard's pages, read from the approved record (`data_value`) and shaped
 * by the pure page model (`$lib/domain/indicator-page`): each indicator's page and the plan's
 * progress by area.
 *
 * This is the computation; nothing public calls it per request. A release (`release/`) stores
 * its result, suppressed, and every public page reads that. Reviewers read the same computation
 * unsuppressed, and may ask for it live with the values of submissions still in review
 * (`include`): the preview of what approval would publish. What protects a sensitive
 * indicator's cells and is read here: what earlier releases published, the secret order of the
 * cells withheld to protect others, and the solver.
 */
import { asc, eq, ne } from 'drizzle-orm';
import { createHmac } from 'node:crypto';
import { onTimeRates } from '../domain/completeness';
import {
	indicatorPage,
	type IndicatorPage,
	type PlanView,
	type Protected
} from '../domain/indicator-page';
import { formatPeriod, parsePeriod, type Period } from '../domain/periods';
import type { Area, Indicator, Plan, Province } from '../domain/plan-records';
import { PUBLIC_K, thresholdOf } from '../domain/privacy';
import { summariseArea, type Target } from '../domain/progress';
import { cellKey, type FigureRow, type TableCell } from '../domain/public-tables';
import { loadCompleteness } from './completeness';
import type { Db } from './db';
import * as t from './db/schema';
import { solveLp } from './lp';
import { getPlan, loadTargets } from './plan';
import { allTargetRevisions } from './plan-edit';

export interface DashboardOptions {
	suppress: boolean;
	/** The threshold k (default 10, never below 5). */
	k?: number;
	/** Submissions in review whose values count as if approved (a reviewer's preview). */
	include?: readonly number[];
	/** Compute this indicator's page only (a reviewer's view of one page). */
	only?: string;
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
	const plan: Plan = getPlan(db);
	const asOf = lastPeriod(db, include);
	const through = asOf ? formatPeriod(asOf) : null;
	const areas: Area[] = db.select().from(t.area).orderBy(asc(t.area.position)).all();
	const indicators: Indicator[] = db
		.select()
		.from(t.indicator)
		.where(options.only ? eq(t.indicator.code, options.only) : undefined)
		.orderBy(asc(t.indicator.position))
		.all();
	const provinces: Province[] = db
		.select()
		.from(t.province)
		.where(ne(t.province.level, 'national'))
		.orderBy(asc(t.province.code))
		.all();
	const targets = loadTargets(db, plan);
	const revisions = allTargetRevisions(db);

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
				{
					indicator,
					area: areas.find((a) => a.code === indicator.areaCode) as Area,
					target: targets.get(indicator.code) as Target,
					revisions: revisions.get(indicator.code),
					rows
				},
				{
					plan,
					asOf,
					through,
					provinces,
					k,
					suppress,
					published,
					rank: (cells) => keyedRank(key, indicator.code, cells),
					solve: solveLp
				}
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
