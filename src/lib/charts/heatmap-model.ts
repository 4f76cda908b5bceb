/**
 * The geometry of a heat-map: one square per row × column (reporter × quarter for completeness),
 * rows labelled on the left, columns by their year above the first quarter of each year. Pure.
 */
export interface HeatInput {
	row: string;
	column: string;
	/** A state the renderer colours and marks with a symbol (never colour alone). */
	state: string;
	/** What the cell says in words, for its tooltip. */
	label: string;
}

export interface HeatCell extends HeatInput {
	x: number;
	y: number;
}

export interface HeatmapModel {
	width: number;
	height: number;
	size: number;
	cells: HeatCell[];
	rows: { text: string; y: number }[];
	/** Year labels: above the first column of each year (`2002Q1` → `2002`). */
	columns: { text: string; x: number }[];
}

export function buildHeatmapModel(
	rows: readonly string[],
	columns: readonly string[],
	cells: readonly HeatInput[],
	options: { size?: number; left?: number; top?: number; gap?: number } = {}
): HeatmapModel {
	const size = options.size ?? 16;
	const gap = options.gap ?? 2;
	const left = options.left ?? 80;
	const top = options.top ?? 18;
	const rowIndex = new Map(rows.map((r, i) => [r, i]));
	const columnIndex = new Map(columns.map((c, i) => [c, i]));
	const step = size + gap;
	return {
		width: left + columns.length * step,
		height: top + rows.length * step,
		size,
		cells: cells.flatMap((c) => {
			const r = rowIndex.get(c.row);
			const k = columnIndex.get(c.column);
			return r === undefined || k === undefined
				? []
				: [{ ...c, x: left + k * step, y: top + r * step }];
		}),
		rows: rows.map((text, i) => ({ text, y: top + i * step + size / 2 })),
		columns: columns.flatMap((c, i) =>
			i === 0 || c.slice(0, 4) !== columns[i - 1].slice(0, 4)
				? [{ text: c.slice(0, 4), x: left + i * step }]
				: []
		)
	};
}
