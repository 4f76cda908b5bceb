import { describe, expect, it } from 'vitest';
import { buildHeatmapModel } from './heatmap-model';

describe('buildHeatmapModel', () => {
	const model = buildHeatmapModel(
		['CWCC', 'MOI'],
		['2001Q3', '2001Q4', '2002Q1'],
		[
			{ row: 'CWCC', column: '2001Q3', state: 'on_time', label: 'on time' },
			{ row: 'MOI', column: '2002Q1', state: 'missing', label: 'missing' },
			{ row: 'NOBODY', column: '2002Q1', state: 'late', label: 'late' }
		],
		{ size: 10, gap: 2, left: 50, top: 20 }
	);

	it('places each cell on its row and column, and drops cells of rows it does not show', () => {
		expect(model.cells.map((c) => [c.row, c.column, c.x, c.y])).toEqual([
			['CWCC', '2001Q3', 50, 20],
			['MOI', '2002Q1', 74, 32]
		]);
		expect(model.width).toBe(50 + 3 * 12);
		expect(model.height).toBe(20 + 2 * 12);
	});

	it('labels rows at their middle and each year once, above its first quarter', () => {
		expect(model.rows).toEqual([
			{ text: 'CWCC', y: 25 },
			{ text: 'MOI', y: 37 }
		]);
		expect(model.columns).toEqual([
			{ text: '2001', x: 50 },
			{ text: '2002', x: 74 }
		]);
	});
});
