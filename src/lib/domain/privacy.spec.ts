import { describe, expect, it } from 'vitest';
import { publicFigure } from './privacy';

describe('publicFigure', () => {
	it('hides sensitive figures from 1 to 9', () => {
		for (const v of [1, 5, 9])
			expect(publicFigure(v, { sensitive: true })).toEqual({ value: null, hidden: true });
	});

	it('shows zero, 10 and more, and every figure that is not sensitive', () => {
		expect(publicFigure(0, { sensitive: true })).toEqual({ value: 0, hidden: false });
		expect(publicFigure(10, { sensitive: true })).toEqual({ value: 10, hidden: false });
		expect(publicFigure(3, { sensitive: false })).toEqual({ value: 3, hidden: false });
	});

	it('never uses a threshold below 5', () => {
		expect(publicFigure(4, { sensitive: true, k: 2 }).hidden).toBe(true);
	});
});
