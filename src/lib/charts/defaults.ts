/**
 * Chart defaults in one place: sizes (on a page one SVG unit is one CSS pixel: charts are not
 * scaled, so text keeps its size at every width), margins, the text size and colours. Colours are plain values, not CSS variables, so that a downloaded SVG looks as the
 * page does. Contrast against white (WCAG): text 7.6:1 (muted) and 14.7:1 (ink); the series line
 * 6.7:1, the expected line 5.0:1, withheld marks 4.8:1. The map's five blues run from 1.2:1 to
 * 7.9:1 against white: a light class is told apart by its outline and the legend, and no value
 * is told by colour alone (every chart has its table, withheld areas are hatched).
 */
export interface Margin {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

export const CHART = {
	width: 640,
	height: 240,
	/** The narrow layout, for a box narrower than `width` (a phone). */
	narrowWidth: 320,
	/** Room at the top for the value axis's unit. */
	margin: { top: 26, right: 12, bottom: 28, left: 56 } satisfies Margin,
	/** Text size in CSS pixels: never below 12. */
	fontSize: 13,
	/** Five classes, light to dark (ColorBrewer Blues). */
	classes: ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
	ink: '#1f2937',
	muted: '#4b5563',
	grid: '#e5e7eb',
	line: '#1d4ed8',
	expected: '#b45309',
	hidden: '#6b7280'
} as const;
