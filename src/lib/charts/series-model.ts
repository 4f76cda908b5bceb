/**
 * The geometry of a quarterly series chart: an indicator's figure for each quarter of the plan
 * (a line with a dot per figure, a gap where there is none), the plan's expected value for each
 * quarter (a step line), and where a figure is withheld a gap in the line with a band across its
 * quarter: never a point, so nothing reads it as zero or as any other value. Pure: scales from d3-scale, paths
 * from d3-shape; the renderer (SeriesChart.svelte) only writes the SVG.
 */
import { max } from 'd3-array';
import { scaleLinear, scalePoint } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { CHART, type Margin } from './defaults';

export interface SeriesPoint {
	period: string;
	value: number | null;
	/** Withheld for privacy: a gap marked by a band, never drawn as a value. */
	hidden: boolean;
	/** The plan's expected value for the quarter. */
	expected: number;
}

export interface SeriesModel {
	width: number;
	height: number;
	line: string;
	expected: string;
	dots: { period: string; x: number; y: number; value: number }[];
	/** A band the height of the plot across each withheld quarter. */
	hidden: { period: string; x: number; left: number; width: number }[];
	yTicks: { value: number; y: number }[];
	xTicks: { year: number; x: number }[];
	/** Label every n-th year: a narrow chart has room for fewer. */
	yearLabelEvery: number;
	plot: { left: number; right: number; top: number; bottom: number };
}

export function buildSeriesModel(
	points: readonly SeriesPoint[],
	options: { width?: number; height?: number; margin?: Margin; maxTicks?: number } = {}
): SeriesModel {
	const width = options.width ?? CHART.width;
	const height = options.height ?? CHART.height;
	const margin = options.margin ?? CHART.margin;
	const plot = {
		left: margin.left,
		right: width - margin.right,
		top: margin.top,
		bottom: height - margin.bottom
	};
	const x = scalePoint(
		points.map((p) => p.period),
		[plot.left, plot.right]
	).padding(0.5);
	const top = max(points, (p) => Math.max(p.value ?? 0, p.expected)) || 1;
	// About one tick every 40 units of height: five on a full chart, two on a sparkline.
	const ticks = Math.max(
		2,
		Math.min(options.maxTicks ?? 5, Math.floor((plot.bottom - plot.top) / 40))
	);
	const y = scaleLinear([0, top], [plot.bottom, plot.top]).nice(ticks);
	const xOf = (p: SeriesPoint) => x(p.period) as number;
	const actual = line<SeriesPoint>()
		.defined((p) => p.value !== null)
		.x(xOf)
		.y((p) => y(p.value as number));
	// The expected value holds for the whole quarter: a step at each change, from the first
	// quarter's start to the last quarter's end.
	const step = x.step();
	const steps: [number, number][] = [];
	points.forEach((p, i) => {
		if (i === 0 || p.expected !== points[i - 1].expected)
			steps.push([xOf(p) - step / 2, y(p.expected)]);
	});
	if (points.length)
		steps.push([xOf(points[points.length - 1]) + step / 2, steps[steps.length - 1][1]]);
	const expected = line().curve(curveStepAfter);
	return {
		width,
		height,
		plot,
		line: actual(points as SeriesPoint[]) ?? '',
		expected: expected(steps) ?? '',
		dots: points
			.filter((p) => p.value !== null)
			.map((p) => ({
				period: p.period,
				x: xOf(p),
				y: y(p.value as number),
				value: p.value as number
			})),
		hidden: points
			.filter((p) => p.hidden)
			.map((p) => ({ period: p.period, x: xOf(p), left: xOf(p) - step / 2, width: step })),
		// A year's label needs about 44 units (four digits at 13 px and some room).
		yearLabelEvery: Math.max(1, Math.ceil(44 / (step * 4 || 44))),
		yTicks: y.ticks(ticks).map((value) => ({ value, y: y(value) })),
		xTicks: points
			.filter((p) => p.period.endsWith('Q1'))
			.map((p) => ({ year: Number(p.period.slice(0, 4)), x: xOf(p) - step / 2 }))
	};
}
