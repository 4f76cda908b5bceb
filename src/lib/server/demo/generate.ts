/**
 * Demonstration data, generated from a seed: the same inputs always give the same figures.
 *
 * Pure: takes the plan's indicators and reporters and the profile (`data/demo/profile.json`) and
 * returns one submission per reporter and quarter, with dates. Figures follow each indicator's
 * milestones scaled by its `performance` (the share of the planned change achieved), split over
 * the reporters and provinces that report it; breakdowns by sex and age always add up to their
 * totals. Reporters are late, miss quarters, start late or have nothing to report as the profile
 * says, so that progress and completeness have something to show.
 */
import { milestoneFor, type Target } from '../../domain/progress';
import { period, quarterEnd, quartersOf } from '../../domain/periods';
import type { AgeGroup, Figure as SubmissionRow, Sex } from '../../domain/words';

export interface DemoIndicator {
	code: string;
	unit: 'count' | 'percent';
	accumulation: 'sum' | 'latest' | 'mean';
	sexes: string[];
	ageGroups: string[];
	computed: boolean;
	target: Target;
}

export interface DemoReporter {
	code: string;
	provinces: string[];
}

export interface DemoProfile {
	seed: number;
	indicators: Record<
		string,
		{
			performance: number;
			reporters: string[];
			national?: boolean;
			female?: number;
			under18?: number;
			childrenOnly?: boolean;
		}
	>;
	reporters: Record<
		string,
		{
			lateness?: number;
			missing?: string[];
			/** Quarters still waiting for review. */
			pending?: string[];
			/** Quarters uploaded but not yet submitted. */
			draft?: string[];
			startsIn?: string;
			nothingToReport?: string[];
		}
	>;
}

export interface DemoSubmission {
	reporter: string;
	period: string;
	status: 'draft' | 'submitted' | 'approved';
	/** When it was submitted (for a draft: when it was uploaded). */
	submittedAt: string;
	approvedAt: string | null;
	nothingToReport: boolean;
	rows: SubmissionRow[];
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let x = a;
		x = Math.imul(x ^ (x >>> 15), x | 1);
		x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
		return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
	};
}

const DAY = 86_400_000;

/** Generates the demonstration submissions for every quarter of the plan. */
export function generateDemo(options: {
	firstYear: number;
	lastYear: number;
	indicators: DemoIndicator[];
	reporters: DemoReporter[];
	profile: DemoProfile;
}): DemoSubmission[] {
	const { firstYear, lastYear, profile } = options;
	const random = seededRandom(profile.seed);
	const between = (lo: number, hi: number) => lo + (hi - lo) * random();
	const provincesOf = new Map(options.reporters.map((r) => [r.code, r.provinces]));
	const quarters = quartersOf(firstYear, lastYear);
	const rowsBy = new Map<string, SubmissionRow[]>(); // `${reporter}|${period}`

	const add = (reporter: string, row: SubmissionRow) => {
		const key = `${reporter}|${row.period}`;
		const list = rowsBy.get(key) ?? [];
		list.push(row);
		rowsBy.set(key, list);
	};

	for (const ind of options.indicators) {
		const shape = profile.indicators[ind.code];
		if (ind.computed || !shape) continue;
		const round = (v: number) =>
			ind.unit === 'percent'
				? Math.round(Math.min(100, Math.max(0, v)) * 10) / 10
				: Math.max(0, Math.round(v));

		// The series that report this indicator, each with a fixed share of the national figure.
		const series = shape.reporters.flatMap((reporter) =>
			(shape.national ? ['national'] : (provincesOf.get(reporter) ?? [])).map((province) => ({
				reporter,
				province,
				weight: between(0.3, 1.7) * (province === 'KH-12' ? 2 : 1)
			}))
		);
		const totalWeight = series.reduce((a, s) => a + s.weight, 0);

		// The national yearly level the indicator actually reaches.
		const t = ind.target;
		const reached = (year: number) =>
			year < firstYear
				? t.baseline
				: t.baseline +
					(milestoneFor(t, year) - t.baseline) * shape.performance * between(0.95, 1.05);
		const levels = new Map<number, number>();
		for (let y = firstYear - 1; y <= lastYear; y++) levels.set(y, reached(y));

		for (const s of series) {
			const share = ind.unit === 'percent' ? 1 : s.weight / totalWeight;
			const quarterWeights = [
				between(0.8, 1.2),
				between(0.8, 1.2),
				between(0.8, 1.2),
				between(0.8, 1.2)
			];
			const quarterSum = quarterWeights.reduce((a, b) => a + b, 0);
			for (const p of quarters) {
				const { year, quarter } = period(p);
				const level = levels.get(year) as number;
				const before = levels.get(year - 1) as number;
				const national =
					ind.accumulation === 'sum'
						? (level * quarterWeights[quarter - 1]) / quarterSum
						: ind.accumulation === 'latest'
							? before + ((level - before) * quarter) / 4
							: level * between(0.97, 1.03);
				const total = round(national * share);
				const row = (sex: Sex, ageGroup: AgeGroup, value: number): SubmissionRow => ({
					indicator: ind.code,
					province: s.province,
					period: p,
					sex,
					ageGroup,
					value
				});
				add(s.reporter, row('total', 'all', total));
				if (ind.sexes.length && shape.female !== undefined) {
					const female = Math.min(
						total,
						Math.round(total * between(shape.female - 0.05, shape.female + 0.05))
					);
					add(s.reporter, row('female', 'all', female));
					add(s.reporter, row('male', 'all', total - female));
				}
				if (ind.ageGroups.length) {
					const split = (whole: number, lo: number, hi: number) => {
						const part = Math.min(whole, Math.round(whole * between(lo, hi)));
						return [part, whole - part];
					};
					if (shape.childrenOnly) {
						const [under15, older] = split(total, 0.35, 0.5);
						add(s.reporter, row('total', 'under15', under15));
						add(s.reporter, row('total', '15to17', older));
					} else {
						const u = shape.under18 ?? 0.5;
						const [under18, adult] = split(total, u - 0.05, u + 0.05);
						add(s.reporter, row('total', 'under18', under18));
						add(s.reporter, row('total', 'adult', adult));
						if (ind.ageGroups.includes('under15')) {
							const [under15, older] = split(under18, 0.35, 0.5);
							add(s.reporter, row('total', 'under15', under15));
							add(s.reporter, row('total', '15to17', older));
						}
					}
				}
			}
		}
	}

	// One submission per reporter and quarter, shaped by the reporter's habits.
	const out: DemoSubmission[] = [];
	for (const r of options.reporters) {
		const habits = profile.reporters[r.code] ?? {};
		for (const p of quarters) {
			if (habits.startsIn && p < habits.startsIn) continue;
			const late = random() < (habits.lateness ?? 0);
			const delay = late ? between(31, 75) : between(4, 29);
			const submitted = new Date(
				quarterEnd(period(p)).getTime() + Math.round(delay) * DAY + 9 * 3600_000
			);
			const approved = new Date(submitted.getTime() + Math.round(between(5, 25)) * DAY);
			if (habits.missing?.includes(p)) continue;
			const nothing = habits.nothingToReport?.includes(p) ?? false;
			const rows = nothing ? [] : (rowsBy.get(`${r.code}|${p}`) ?? []);
			if (!nothing && rows.length === 0) continue;
			const status = habits.draft?.includes(p)
				? 'draft'
				: habits.pending?.includes(p)
					? 'submitted'
					: 'approved';
			out.push({
				reporter: r.code,
				period: p,
				status,
				submittedAt: submitted.toISOString(),
				approvedAt: status === 'approved' ? approved.toISOString() : null,
				nothingToReport: nothing,
				rows
			});
		}
	}
	return out.sort(
		(a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.reporter.localeCompare(b.reporter)
	);
}
