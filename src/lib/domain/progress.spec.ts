import { describe, expect, it } from 'vitest';
import {
	accumulate,
	assess,
	assessYear,
	milestoneFor,
	possibleDoubleCounts,
	summariseArea,
	yearlyActuals,
	type Observation,
	type Target
} from './progress';

const obs = (series: string, period: string, value: number): Observation => ({
	series,
	period,
	value
});

const plan = { firstYear: 2000, lastYear: 2004 };

describe('accumulate', () => {
	const rows = [obs('A', '2001Q1', 10), obs('A', '2001Q2', 20), obs('B', '2001Q1', 5)];

	it('adds every quarter for sum', () => {
		expect(accumulate({ accumulation: 'sum', unit: 'count' }, rows)).toBe(35);
	});

	it("adds each series' last value for latest counts", () => {
		// A's last is 20 (2001Q2), B's last is 5 (2001Q1): a series missing the last quarter still counts.
		expect(accumulate({ accumulation: 'latest', unit: 'count' }, rows)).toBe(25);
	});

	it("averages each series' last value for latest percentages", () => {
		expect(accumulate({ accumulation: 'latest', unit: 'percent' }, rows)).toBe(12.5);
	});

	it('averages the quarters for mean, series combined per quarter', () => {
		// counts: 2001Q1 = 15, 2001Q2 = 20 → 17.5; percent: 7.5 and 20 → 13.75
		expect(accumulate({ accumulation: 'mean', unit: 'count' }, rows)).toBe(17.5);
		expect(accumulate({ accumulation: 'mean', unit: 'percent' }, rows)).toBe(13.75);
	});

	it('gives null without observations', () => {
		expect(accumulate({ accumulation: 'sum', unit: 'count' }, [])).toBeNull();
	});

	it('splits by year', () => {
		const years = yearlyActuals({ accumulation: 'sum', unit: 'count' }, [
			...rows,
			obs('A', '2002Q4', 7)
		]);
		expect([...years]).toEqual([
			[2001, 35],
			[2002, 7]
		]);
	});
});

describe('milestoneFor', () => {
	const target: Target = { ...plan, baseline: 100, milestones: { 2001: 85 }, endTarget: 50 };

	it('uses the stated milestone, the end target for the last year, and a straight line between', () => {
		expect(milestoneFor(target, 2001)).toBe(85);
		expect(milestoneFor(target, 2004)).toBe(50);
		expect(milestoneFor(target, 2000)).toBe(90);
		expect(milestoneFor(target, 2003)).toBe(60);
		expect(milestoneFor(target, 1999)).toBe(100);
	});
});

describe('assess: sum (victims rescued)', () => {
	const target: Target = {
		...plan,
		baseline: 200,
		milestones: { 2000: 260, 2001: 320, 2002: 380, 2003: 440 },
		endTarget: 500
	};
	const rule = { accumulation: 'sum', unit: 'count' } as const;

	it('compares two years of actuals with two years of milestones, over the baseline', () => {
		// due = 260 + 320 = 580; baseline for two years = 400; actual 540 → 140 / 180 = 0.78
		const a = assess({
			rule,
			direction: 'increase',
			target,
			observations: [obs('A', '2000Q2', 250), obs('B', '2001Q3', 290)],
			asOf: { year: 2001, quarter: 4 }
		});
		expect(a.actual).toBe(540);
		expect(a.due).toBe(580);
		expect(a.target).toBe(1900);
		expect(a.ratio).toBeCloseTo(140 / 180, 10);
		expect(a.status).toBe('at_risk');
		// toward the end: 140 of the 1900 − 1000 = 900 the plan asks for
		expect(a.progress).toBeCloseTo(140 / 900, 10);
		// and 180 of those 900 were due by now
		expect(a.dueProgress).toBeCloseTo(0.2, 10);
	});

	it('pro-rates the current year by quarters', () => {
		const a = assess({
			rule,
			direction: 'increase',
			target,
			observations: [obs('A', '2001Q1', 430)],
			asOf: { year: 2001, quarter: 2 }
		});
		// due = 260 + 320/2 = 420; base = 200 + 100 = 300; (430 − 300) / 120 ≥ 1
		expect(a.due).toBe(420);
		expect(a.status).toBe('on_track');
	});

	it('ignores figures after the as-of quarter', () => {
		const a = assess({
			rule,
			direction: 'increase',
			target,
			observations: [obs('A', '2000Q1', 100), obs('A', '2002Q1', 900)],
			asOf: { year: 2000, quarter: 4 }
		});
		expect(a.actual).toBe(100);
		// (100 − 200) / (260 − 200) is below zero: off track
		expect(a.status).toBe('off_track');
	});

	it('has no data without figures', () => {
		const a = assess({
			rule,
			direction: 'increase',
			target,
			observations: [],
			asOf: { year: 2004, quarter: 4 }
		});
		expect(a).toMatchObject({ actual: null, progress: null, ratio: null, status: 'no_data' });
	});
});

describe('assess: latest (villages with a network)', () => {
	const target: Target = {
		...plan,
		baseline: 50,
		milestones: { 2000: 120, 2001: 250, 2002: 400, 2003: 550 },
		endTarget: 700
	};
	const rule = { accumulation: 'latest', unit: 'count' } as const;

	it('expects the level to climb evenly within the year', () => {
		// due at 2001Q2 = 120 + (250 − 120) × 2/4 = 185; actual = 80 (A, 2001Q1) + 90 (B) = 170
		const a = assess({
			rule,
			direction: 'increase',
			target,
			observations: [obs('A', '2000Q4', 60), obs('A', '2001Q1', 80), obs('B', '2001Q2', 90)],
			asOf: { year: 2001, quarter: 2 }
		});
		expect(a.due).toBe(185);
		expect(a.actual).toBe(170);
		expect(a.ratio).toBeCloseTo(120 / 135, 10);
		expect(a.status).toBe('at_risk');
		expect(a.target).toBe(700);
		expect(a.progress).toBeCloseTo(120 / 650, 10);
	});
});

describe('assess: mean (percentage followed up)', () => {
	const target: Target = {
		...plan,
		baseline: 30,
		milestones: { 2000: 40, 2001: 50, 2002: 60, 2003: 70 },
		endTarget: 80
	};
	const rule = { accumulation: 'mean', unit: 'percent' } as const;

	it('averages the quarters and the year milestones alike', () => {
		const a = assess({
			rule,
			direction: 'increase',
			target,
			observations: [
				obs('A', '2000Q1', 38),
				obs('A', '2000Q2', 40),
				obs('A', '2000Q3', 42),
				obs('A', '2000Q4', 44)
			],
			asOf: { year: 2000, quarter: 4 }
		});
		expect(a.actual).toBe(41);
		expect(a.due).toBe(40);
		expect(a.ratio).toBeCloseTo(1.1, 10);
		expect(a.status).toBe('on_track');
		// the plan-to-date target of a mean is the mean of the five years: 60
		expect(a.target).toBe(60);
	});
});

describe('assess: direction', () => {
	const target: Target = { ...plan, baseline: 100, milestones: {}, endTarget: 50 };
	const rule = { accumulation: 'latest', unit: 'count' } as const;
	const at = (value: number) =>
		assess({
			rule,
			direction: 'decrease',
			target,
			observations: [obs('A', '2000Q4', value)],
			asOf: { year: 2000, quarter: 4 }
		});

	it('counts a fall as progress when decrease is good', () => {
		// due at 2000Q4 = 90; 95 is half the fall due, 88 more than all of it
		expect(at(95).ratio).toBeCloseTo(0.5, 10);
		expect(at(95).status).toBe('off_track');
		expect(at(88).status).toBe('on_track');
		expect(at(110).status).toBe('off_track');
	});

	it('where no change is due, holding the line is on track', () => {
		const flat: Target = { ...plan, baseline: 10, milestones: {}, endTarget: 10 };
		const hold = (value: number) =>
			assess({
				rule,
				direction: 'increase',
				target: flat,
				observations: [obs('A', '2002Q4', value)],
				asOf: { year: 2002, quarter: 4 }
			}).status;
		expect(hold(10)).toBe('on_track');
		expect(hold(11)).toBe('on_track');
		expect(hold(9)).toBe('off_track');
	});
});

describe('assessYear', () => {
	it("compares a year's actual with its milestone", () => {
		const target: Target = { ...plan, baseline: 200, milestones: { 2001: 320 }, endTarget: 500 };
		const y = assessYear({
			rule: { accumulation: 'sum', unit: 'count' },
			direction: 'increase',
			target,
			observations: [obs('A', '2001Q1', 150), obs('A', '2001Q4', 161), obs('A', '2002Q1', 99)],
			year: 2001
		});
		// 311 rescued in the year against 320: (311 − 200) / (320 − 200) = 0.925
		expect(y.actual).toBe(311);
		expect(y.milestone).toBe(320);
		expect(y.progress).toBeCloseTo(0.925, 10);
		expect(y.status).toBe('on_track');
	});
});

describe('summariseArea', () => {
	it('takes the median indicator and counts each status', () => {
		const s = summariseArea([1.2, 0.7, 0.3, null]);
		expect(s.status).toBe('at_risk');
		expect(s.counts).toEqual({ on_track: 1, at_risk: 1, off_track: 1, no_data: 1, withheld: 0 });
		// Withheld indicators are counted as such, and take no part in the median.
		expect(summariseArea([1.2, 0.7], 2).counts.withheld).toBe(2);
	});

	it('has no data when no indicator has any', () => {
		expect(summariseArea([null, null]).status).toBe('no_data');
	});

	it('averages the middle two of an even count', () => {
		expect(summariseArea([0.5, 0.95, 1, 0.2]).status).toBe('at_risk');
	});
});

describe('possibleDoubleCounts', () => {
	it('lists keys reported by more than one reporter', () => {
		const d = possibleDoubleCounts([
			{ province: 'KH-12', period: '2001Q1', reporter: 'CWCC' },
			{ province: 'KH-12', period: '2001Q1', reporter: 'AFESIP' },
			{ province: 'KH-12', period: '2001Q2', reporter: 'CWCC' },
			{ province: 'KH-1', period: '2001Q1', reporter: 'CWCC' }
		]);
		expect(d).toEqual([{ province: 'KH-12', period: '2001Q1', reporters: ['AFESIP', 'CWCC'] }]);
	});
});
