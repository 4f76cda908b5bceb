import { describe, expect, it } from 'vitest';
import { protectGroup, protectParts, publicFigure } from './privacy';

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

describe('protectParts', () => {
	it('withholds the small parts, and one more where a single one would be given away by the total', () => {
		expect(protectParts([120, 4, 80, 0, 95], { sensitive: true })).toEqual([
			false,
			true,
			true,
			false,
			false
		]);
		expect(protectParts([120, 4, 80, 7, 95], { sensitive: true })).toEqual([
			false,
			true,
			false,
			true,
			false
		]);
		expect(protectParts([120, 40, 80, null, 95], { sensitive: true })).toEqual([
			false,
			false,
			false,
			false,
			false
		]);
	});

	it('withholds nothing of an indicator that does not count children', () => {
		expect(protectParts([120, 4], { sensitive: false })).toEqual([false, false]);
	});
});

describe('protectGroup', () => {
	const sensitive = { sensitive: true };
	it('withholds every part with a figure when the total is withheld', () => {
		expect(protectGroup({ value: null, hidden: true }, [12, 0, null, 3], sensitive)).toEqual([
			true,
			false,
			false,
			true
		]);
	});

	it('otherwise withholds as protectParts does: never a single small part alone', () => {
		expect(protectGroup({ value: 60, hidden: false }, [40, 15, 5], sensitive)).toEqual([
			false,
			true,
			true
		]);
		expect(protectGroup({ value: 60, hidden: false }, [40, 20], sensitive)).toEqual([false, false]);
	});

	it('withholds nothing of an indicator that is not sensitive', () => {
		expect(protectGroup({ value: 3, hidden: false }, [1, 2], { sensitive: false })).toEqual([
			false,
			false
		]);
	});
});
