/**
 * Progress of the plan from the approved record: what the overview and indicator pages show.
 * Small counts of children are withheld here, on the server, before any page sees them (§7).
 *
 * Reads only `data_value` (approved values) and, for COOR-03, the submissions' dates. Totals are
 * the `total` × `all` rows; breakdowns are for the pages that show them. The arithmetic is the
 * pure code of `$lib/domain/progress`; this module only gathers its inputs.
 */
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { onTimeRates } from '../domain/completeness';
import { formatPeriod, parsePeriod, type Period } from '../domain/periods';
import { protectParts, publicFigure } from '../domain/privacy';
import {
	assess,
	assessYear,
	possibleDoubleCounts,
	summariseArea,
	type Assessment,
	type Observation,
	type Status,
	type Target
} from '../domain/progress';
import { loadCompleteness } from './completeness';
import type { Db } from './db';
import * as t from './db/schema';

export type Plan = typeof t.plan.$inferSelect;
export type Indicator = typeof t.indicator.$inferSelect;
export type Area = typeof t.area.$inferSelect;

export interface IndicatorProgress {
	indicator: Indicator;
	target: Target;
	assessment: Assessment;
	/** The actual is a small count of children: it and the shares computed from it are withheld. */
	hidden: boolean;
	/** Province × quarter keys that more than one reporter reported. */
	doubleCounts: number;
}

export interface AreaProgress {
	area: Area;
	status: Status;
	counts: Record<Status, number>;
	indicators: IndicatorProgress[];
}

/** The plan, or an error if none is loaded (a database is always given one on first use). */
export function getPlan(db: Db): Plan {
	const plan = db.select().from(t.plan).get();
	if (!plan) throw new Error('No plan is loaded');
	return plan;
}

/** The last quarter with approved figures: progress is measured as of its end. */
export function lastPublishedPeriod(db: Db): Period | null {
	const row = db
		.select({ last: max(t.dataValue.period) })
		.from(t.dataValue)
		.get();
	return row?.last ? parsePeriod(row.last) : null;
}

/** National targets of the plan's indicators, keyed by indicator code. */
function loadTargets(db: Db, plan: Plan, codes?: string[]): Map<string, Target> {
	const rows = db
		.select({ target: t.target, milestone: t.milestone })
		.from(t.target)
		.leftJoin(t.milestone, eq(t.milestone.targetId, t.target.id))
		.where(
			and(
				eq(t.target.provinceCode, 'national'),
				codes ? inArray(t.target.indicatorCode, codes) : undefined
			)
		)
		.all();
	const out = new Map<string, Target>();
	for (const { target, milestone } of rows) {
		const entry = out.get(target.indicatorCode) ?? {
			firstYear: plan.firstYear,
			lastYear: plan.lastYear,
			baseline: target.baseline,
			endTarget: target.endTarget,
			milestones: {}
		};
		if (milestone) (entry.milestones as Record<number, number>)[milestone.year] = milestone.value;
		out.set(target.indicatorCode, entry);
	}
	return out;
}

interface TotalRow {
	indicator: string;
	province: string;
	reporter: string;
	period: string;
	value: number;
}

/** Approved totals (`total` × `all`), optionally for one indicator. */
function loadTotals(db: Db, indicatorCode?: string): TotalRow[] {
	return db
		.select({
			indicator: t.dataValue.indicatorCode,
			province: t.dataValue.provinceCode,
			reporter: t.dataValue.reporterCode,
			period: t.dataValue.period,
			value: t.dataValue.value
		})
		.from(t.dataValue)
		.where(
			and(
				indicatorCode ? eq(t.dataValue.indicatorCode, indicatorCode) : undefined,
				eq(t.dataValue.sex, 'total'),
				eq(t.dataValue.ageGroup, 'all')
			)
		)
		.all();
}

/** COOR-03 as observations: the share of reports received on time, each quarter through `asOf`. */
function completenessObservations(db: Db, plan: Plan, asOf: Period | null): Observation[] {
	if (!asOf) return [];
	const { cells } = loadCompleteness(db, { through: formatPeriod(asOf) });
	return [...onTimeRates(cells)].map(([p, value]) => ({ period: p, series: 'all', value }));
}

function observationsFor(rows: TotalRow[]): Observation[] {
	return rows.map((r) => ({
		period: r.period,
		series: `${r.province}|${r.reporter}`,
		value: r.value
	}));
}

function progressOf(
	indicator: Indicator,
	target: Target,
	rows: TotalRow[],
	observations: Observation[],
	asOf: Period | null,
	protect: { sensitive: boolean }
): IndicatorProgress {
	const assessment = assess({
		rule: indicator,
		direction: indicator.direction,
		target,
		observations: asOf ? observations : [],
		asOf: asOf ?? { year: target.firstYear, quarter: 1 }
	});
	const hidden = assessment.actual !== null && publicFigure(assessment.actual, protect).hidden;
	return {
		indicator,
		target,
		assessment: hidden ? { ...assessment, actual: null, progress: null, ratio: null } : assessment,
		hidden,
		doubleCounts: possibleDoubleCounts(rows).length
	};
}

/** The whole plan: every area with its indicators' progress, as of the last published quarter. */
export function loadPlanProgress(
	db: Db,
	options: { suppress: boolean } = { suppress: true }
): {
	plan: Plan;
	asOf: Period | null;
	areas: AreaProgress[];
} {
	const plan = getPlan(db);
	const asOf = lastPublishedPeriod(db);
	const areas = db.select().from(t.area).orderBy(asc(t.area.position)).all();
	const indicators = db.select().from(t.indicator).orderBy(asc(t.indicator.position)).all();
	const targets = loadTargets(db, plan);
	const byIndicator = new Map<string, TotalRow[]>();
	for (const r of loadTotals(db)) {
		const list = byIndicator.get(r.indicator) ?? [];
		list.push(r);
		byIndicator.set(r.indicator, list);
	}
	const completeness = completenessObservations(db, plan, asOf);

	return {
		plan,
		asOf,
		areas: areas.map((area) => {
			const list = indicators
				.filter((i) => i.areaCode === area.code)
				.map((indicator) => {
					const rows = byIndicator.get(indicator.code) ?? [];
					const observations = indicator.computed ? completeness : observationsFor(rows);
					return progressOf(
						indicator,
						targets.get(indicator.code) as Target,
						rows,
						observations,
						asOf,
						{ sensitive: indicator.sensitive && options.suppress }
					);
				});
			const summary = summariseArea(list.map((i) => i.assessment.ratio));
			return { area, ...summary, indicators: list };
		})
	};
}

export interface YearRow {
	year: number;
	milestone: number;
	actual: number | null;
	progress: number | null;
	status: Status;
	/** A small count of children, withheld (see `IndicatorProgress.hidden`). */
	hidden: boolean;
}

/** One indicator: its definition, area, targets, yearly actuals and plan-to-date progress. */
export function loadIndicatorProgress(
	db: Db,
	code: string,
	options: { suppress: boolean } = { suppress: true }
): {
	plan: Plan;
	area: Area;
	asOf: Period | null;
	progress: IndicatorProgress;
	years: YearRow[];
} | null {
	const indicator = db.select().from(t.indicator).where(eq(t.indicator.code, code)).get();
	if (!indicator) return null;
	const plan = getPlan(db);
	const area = db.select().from(t.area).where(eq(t.area.code, indicator.areaCode)).get() as Area;
	const asOf = lastPublishedPeriod(db);
	const target = loadTargets(db, plan, [code]).get(code) as Target;
	const rows = indicator.computed ? [] : loadTotals(db, code);
	const observations = indicator.computed
		? completenessObservations(db, plan, asOf)
		: observationsFor(rows);
	const years: YearRow[] = [];
	const assessed = [];
	for (let year = plan.firstYear; year <= plan.lastYear; year++)
		assessed.push({
			year,
			...assessYear({ rule: indicator, direction: indicator.direction, target, observations, year })
		});
	// Years of a summed indicator add up to the plan-to-date figure: they are protected together.
	const protect = { sensitive: indicator.sensitive && options.suppress };
	const hiddenYears =
		indicator.accumulation === 'sum'
			? protectParts(
					assessed.map((y) => y.actual),
					protect
				)
			: assessed.map((y) => y.actual !== null && publicFigure(y.actual, protect).hidden);
	assessed.forEach((y, i) =>
		years.push({
			...y,
			...(hiddenYears[i] ? { actual: null, progress: null } : {}),
			hidden: hiddenYears[i]
		})
	);
	return {
		plan,
		area,
		asOf,
		progress: progressOf(indicator, target, rows, observations, asOf, protect),
		years
	};
}
