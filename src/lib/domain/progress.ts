/**
 * Progress against the plan, as pure functions. The method is written out in
 * PROGRESS.md beside this file; in short:
 *
 * - An indicator's figures are observations: one value per series (province × reporter) and
 *   quarter. They are accumulated by the indicator's rule: `sum` adds every quarter; `latest` takes
 *   each series' last value and adds the series; `mean` combines the series of each quarter and
 *   averages the quarters. Series are combined by adding counts and averaging percentages.
 * - Targets are in yearly terms: a baseline (the year before the plan), a milestone for each year,
 *   and the end-of-plan target (the last year's milestone). From them comes the plan's expected
 *   path, one value a quarter, which is accumulated by the same rule as the actual: so an actual and
 *   what was due are always in the same terms, for a year or for the plan to date.
 * - Progress = (actual − baseline) / (target − baseline); the ratio to what was due by now gives the
 *   status: on track ≥ 90 %, at risk ≥ 60 %, off track below, no data without figures. The formula
 *   is direction-aware by itself: for a `decrease` indicator both differences are negative.
 */
import { formatPeriod, quartersOf, type Period } from './periods';

export type Accumulation = 'sum' | 'latest' | 'mean';
export type Direction = 'increase' | 'decrease';
export type Unit = 'count' | 'percent';
/** `withheld`: the figure is withheld for privacy, so no status may be computed from it. */
export type Status = 'on_track' | 'at_risk' | 'off_track' | 'no_data' | 'withheld';

export const STATUSES: readonly Status[] = [
	'on_track',
	'at_risk',
	'off_track',
	'no_data',
	'withheld'
];
export const ON_TRACK = 0.9;
export const AT_RISK = 0.6;

/** One figure: a series (e.g. `KH-12|MOI`) in a quarter (`2001Q3`). */
export interface Observation {
	period: string;
	series: string;
	value: number;
}

export interface Rule {
	accumulation: Accumulation;
	unit: Unit;
}

/** Combines the series of one quarter, or the latest values of several series. */
function combine(unit: Unit, values: number[]): number {
	const total = values.reduce((a, b) => a + b, 0);
	return unit === 'percent' ? total / values.length : total;
}

/** Accumulates observations by the indicator's rule; null when there are none. */
export function accumulate(rule: Rule, observations: readonly Observation[]): number | null {
	if (observations.length === 0) return null;
	if (rule.accumulation === 'sum') return observations.reduce((a, o) => a + o.value, 0);
	if (rule.accumulation === 'latest') {
		const last = new Map<string, Observation>();
		for (const o of observations) {
			const seen = last.get(o.series);
			if (!seen || o.period > seen.period) last.set(o.series, o);
		}
		return combine(
			rule.unit,
			[...last.values()].map((o) => o.value)
		);
	}
	const byPeriod = new Map<string, number[]>();
	for (const o of observations) {
		const values = byPeriod.get(o.period) ?? [];
		values.push(o.value);
		byPeriod.set(o.period, values);
	}
	const quarterly = [...byPeriod.values()].map((v) => combine(rule.unit, v));
	return quarterly.reduce((a, b) => a + b, 0) / quarterly.length;
}

/** The actual of each year that has observations. */
export function yearlyActuals(
	rule: Rule,
	observations: readonly Observation[]
): Map<number, number> {
	const byYear = new Map<number, Observation[]>();
	for (const o of observations) {
		const year = Number(o.period.slice(0, 4));
		const list = byYear.get(year) ?? [];
		list.push(o);
		byYear.set(year, list);
	}
	const out = new Map<number, number>();
	for (const [year, list] of [...byYear].sort((a, b) => a[0] - b[0]))
		out.set(year, accumulate(rule, list) as number);
	return out;
}

export interface Target {
	firstYear: number;
	lastYear: number;
	/** The year before the plan, in yearly terms. */
	baseline: number;
	/** Milestones by year; a missing year lies on the straight line from baseline to end target. */
	milestones: Readonly<Record<number, number>>;
	/** The value expected in the last year. */
	endTarget: number;
}

/** The value a year is expected to reach, in yearly terms. */
export function milestoneFor(target: Target, year: number): number {
	if (year >= target.lastYear) return target.endTarget;
	if (year < target.firstYear) return target.baseline;
	const m = target.milestones[year];
	if (m !== undefined) return m;
	const span = target.lastYear - target.firstYear + 1;
	const step = year - target.firstYear + 1;
	return target.baseline + ((target.endTarget - target.baseline) * step) / span;
}

/**
 * The plan's expected path, one value per quarter from the plan's start through `through`:
 * for `sum` a quarter of the year's milestone; for `latest` the level climbing evenly from the
 * last year's milestone to this year's; for `mean` the year's milestone. `baselineOnly` gives the
 * path had nothing changed since the baseline year.
 */
export function expectedPath(
	rule: Rule,
	target: Target,
	through: Period,
	baselineOnly = false
): Observation[] {
	const last = formatPeriod(through);
	return quartersOf(target.firstYear, target.lastYear)
		.filter((p) => p <= last)
		.map((p) => {
			const year = Number(p.slice(0, 4));
			const q = Number(p.slice(5));
			const now = baselineOnly ? target.baseline : milestoneFor(target, year);
			const before = baselineOnly ? target.baseline : milestoneFor(target, year - 1);
			const value =
				rule.accumulation === 'sum'
					? now / 4
					: rule.accumulation === 'latest'
						? before + ((now - before) * q) / 4
						: now;
			return { period: p, series: 'plan', value };
		});
}

export interface Assessment {
	/** Plan-to-date actual through `asOf`; null without figures. */
	actual: number | null;
	/** What the plan expected by `asOf`, in the same terms as `actual`. */
	due: number;
	/** What the plan expects by its end, in the same terms. */
	target: number;
	/** Share of the planned change achieved, toward the end target (1 = reached). */
	progress: number | null;
	/** Share of the change due by now achieved (1 = exactly on schedule). */
	ratio: number | null;
	/** Share of the planned change that was due by now, on the same scale as `progress`. */
	dueProgress: number;
	status: Status;
}

/** Maps a share of the change due to a status. */
export function statusOf(ratio: number | null): Status {
	if (ratio === null || Number.isNaN(ratio)) return 'no_data';
	if (ratio >= ON_TRACK) return 'on_track';
	if (ratio >= AT_RISK) return 'at_risk';
	return 'off_track';
}

/** The change achieved over the change planned; where none was planned, whether it held. */
function shareOfChange(achieved: number, planned: number, direction: Direction): number {
	if (planned === 0) return (direction === 'increase' ? achieved >= 0 : achieved <= 0) ? 1 : 0;
	return achieved / planned;
}

/** Plan-to-date assessment of one indicator as of the end of quarter `asOf`. */
export function assess(options: {
	rule: Rule;
	direction: Direction;
	target: Target;
	observations: readonly Observation[];
	asOf: Period;
}): Assessment {
	const { rule, direction, target, asOf } = options;
	const last = formatPeriod(asOf);
	const observations = options.observations.filter((o) => o.period <= last);
	const end: Period = { year: target.lastYear, quarter: 4 };
	const due = accumulate(rule, expectedPath(rule, target, asOf)) ?? target.baseline;
	const base = accumulate(rule, expectedPath(rule, target, asOf, true)) ?? target.baseline;
	const full = accumulate(rule, expectedPath(rule, target, end)) as number;
	const fullBase = accumulate(rule, expectedPath(rule, target, end, true)) as number;
	const actual = accumulate(rule, observations);
	const dueProgress = shareOfChange(due - base, full - fullBase, direction);
	if (actual === null)
		return {
			actual,
			due,
			target: full,
			progress: null,
			ratio: null,
			dueProgress,
			status: 'no_data'
		};
	const ratio = shareOfChange(actual - base, due - base, direction);
	// Toward the end: the change achieved so far over the whole change the plan asks for.
	const progress = shareOfChange(actual - base, full - fullBase, direction);
	return { actual, due, target: full, progress, ratio, dueProgress, status: statusOf(ratio) };
}

/** Progress of one year against that year's milestone. */
export function assessYear(options: {
	rule: Rule;
	direction: Direction;
	target: Target;
	observations: readonly Observation[];
	year: number;
}): { actual: number | null; milestone: number; progress: number | null; status: Status } {
	const { rule, direction, target, year } = options;
	const inYear = options.observations.filter((o) => o.period.startsWith(`${year}Q`));
	const through: Period = { year, quarter: 4 };
	const yearOnly = (path: Observation[]) => path.filter((o) => o.period.startsWith(`${year}Q`));
	const milestone = accumulate(rule, yearOnly(expectedPath(rule, target, through))) as number;
	const base = accumulate(rule, yearOnly(expectedPath(rule, target, through, true))) as number;
	const actual = accumulate(rule, inYear);
	if (actual === null) return { actual, milestone, progress: null, status: 'no_data' };
	const progress = shareOfChange(actual - base, milestone - base, direction);
	return { actual, milestone, progress, status: statusOf(progress) };
}

export interface AreaSummary {
	status: Status;
	counts: Record<Status, number>;
}

/**
 * An area's status is the status of its median indicator (by ratio, among those with data);
 * the counts of each status are shown beside it.
 */
export function summariseArea(ratios: readonly (number | null)[], withheld = 0): AreaSummary {
	const counts: Record<Status, number> = {
		on_track: 0,
		at_risk: 0,
		off_track: 0,
		no_data: 0,
		withheld
	};
	for (const r of ratios) counts[statusOf(r)]++;
	const known = ratios.filter((r): r is number => r !== null).sort((a, b) => a - b);
	if (known.length === 0) return { status: 'no_data', counts };
	const mid = known.length / 2;
	const median = known.length % 2 ? known[Math.floor(mid)] : (known[mid - 1] + known[mid]) / 2;
	return { status: statusOf(median), counts };
}

/**
 * Keys (indicator, province, quarter) reported by more than one reporter: shown as a possible
 * double count when national figures add them up.
 */
export function possibleDoubleCounts(
	rows: readonly { province: string; period: string; reporter: string }[]
): { province: string; period: string; reporters: string[] }[] {
	const byKey = new Map<string, Set<string>>();
	for (const r of rows) {
		const key = `${r.province}|${r.period}`;
		const set = byKey.get(key) ?? new Set<string>();
		set.add(r.reporter);
		byKey.set(key, set);
	}
	return [...byKey]
		.filter(([, reporters]) => reporters.size > 1)
		.map(([key, reporters]) => {
			const [province, period] = key.split('|');
			return { province, period, reporters: [...reporters].sort() };
		})
		.sort((a, b) => a.period.localeCompare(b.period) || a.province.localeCompare(b.province));
}
