/**
 * Chart defaults in one place: sizes (SVG user units: charts scale to their container), margins
 * and the colours of the sequential scale. Colours are CSS custom properties where the page can
 * theme them; the fills of the map classes pass 3:1 against white for their borders and are
 * never the only sign of a value (every chart has its table).
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
	margin: { top: 12, right: 12, bottom: 28, left: 52 } satisfies Margin,
	/** Five classes, light to dark (ColorBrewer Blues). */
	classes: ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
	ink: '#1f2937',
	muted: '#4b5563',
	grid: '#e5e7eb',
	line: '#1d4ed8',
	expected: '#b45309',
	hidden: '#6b7280'
} as const;
