/**
 * The geometry of a horizontal bar chart of a breakdown (by sex, by age group): a bar per part,
 * labelled with its value, or a hatched stub marked "withheld" for a withheld figure. Pure.
 */
import { max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { CHART } from './defaults';

export interface Bar {
	key: string;
	label: string;
	value: number | null;
	hidden: boolean;
}

export interface BarsModel {
	width: number;
	height: number;
	labelWidth: number;
	bars: (Bar & { y: number; length: number })[];
	barHeight: number;
}

export function buildBarsModel(
	bars: readonly Bar[],
	options: { width?: number; labelWidth?: number; barHeight?: number; gap?: number } = {}
): BarsModel {
	const width = options.width ?? CHART.width;
	const labelWidth = options.labelWidth ?? 140;
	const barHeight = options.barHeight ?? 22;
	const gap = options.gap ?? 10;
	const top = max(bars, (b) => b.value ?? 0) || 1;
	// Room on the right for the value written after the bar.
	const x = scaleLinear([0, top], [0, width - labelWidth - 64]);
	return {
		width,
		height: bars.length * (barHeight + gap) + gap,
		labelWidth,
		barHeight,
		bars: bars.map((b, i) => ({
			...b,
			y: gap + i * (barHeight + gap),
			length: b.value === null ? 0 : x(b.value)
		}))
	};
}
