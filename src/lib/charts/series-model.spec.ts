import { describe, expect, it } from 'vitest';
import { buildSeriesModel, type SeriesPoint } from './series-model';

const point = (
	period: string,
	value: number | null,
	expected = 10,
	hidden = false
): SeriesPoint => ({
	period,
	value,
	expected,
	hidden
});
const margin = { top: 0, right: 0, bottom: 0, left: 0 };

describe('buildSeriesModel', () => {
	const points = [
		point('2000Q1', 20),
		point('2000Q2', 40),
		point('2000Q3', null, 10, true),
		point('2000Q4', 0, 30),
		point('2001Q1', null, 30)
	];
	const model = buildSeriesModel(points, { width: 500, height: 200, margin });

	it('places quarters at the middle of equal steps and years at their first quarter', () => {
		expect(model.dots.map((d) => d.x)).toEqual([50, 150, 350]);
		expect(model.xTicks).toEqual([
			{ year: 2000, x: 0 },
			{ year: 2001, x: 400 }
		]);
	});

	it('scales values from zero to a round top that holds the figures and the targets', () => {
		expect(model.yTicks.map((t) => t.value)).toEqual([0, 10, 20, 30, 40]);
		expect(model.dots.map((d) => d.y)).toEqual([100, 0, 200]);
	});

	it('keeps a sparkline to two ticks', () => {
		const spark = buildSeriesModel(points, { width: 500, height: 80, margin });
		expect(spark.yTicks.map((t) => t.value)).toEqual([0, 20, 40]);
	});

	it('breaks the line where a figure is missing or withheld, and marks the withheld one with a band, not a point', () => {
		// A lone figure is a segment of one point (its dot shows it).
		expect(model.line).toBe('M50,100L150,0M350,200Z');
		expect(model.hidden).toEqual([{ period: '2000Q3', x: 250, left: 200, width: 100 }]);
		expect(model.dots.map((d) => d.period)).not.toContain('2000Q3');
	});

	it('draws the expected value as a step a quarter wide', () => {
		expect(model.expected).toBe('M0,150L300,150L300,50L500,50L500,50');
	});

	it('copes with no figures at all', () => {
		const empty = buildSeriesModel([point('2000Q1', null, 0)], { width: 100, height: 100, margin });
		expect(empty.line).toBe('');
		expect(empty.yTicks.at(-1)?.value).toBe(1);
	});
});
