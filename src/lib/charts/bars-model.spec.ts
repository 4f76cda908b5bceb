import { describe, expect, it } from 'vitest';
import { buildBarsModel } from './bars-model';

describe('buildBarsModel', () => {
	const model = buildBarsModel(
		[
			{ key: 'female', label: 'Female', value: 30, hidden: false },
			{ key: 'male', label: 'Male', value: 15, hidden: false },
			{ key: 'other', label: 'Other', value: null, hidden: true }
		],
		{ width: 364, labelWidth: 100, barHeight: 20, gap: 10 }
	);

	it('gives each part a row and a length in proportion, the largest filling the room', () => {
		expect(model.bars.map((b) => [b.y, b.length])).toEqual([
			[10, 200],
			[40, 100],
			[70, 0]
		]);
		expect(model.height).toBe(100);
	});

	it('keeps the withheld flag for the renderer to mark', () => {
		expect(model.bars[2]).toMatchObject({ hidden: true, value: null });
	});
});
