import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	hierarchyTable,
	marginTable,
	randomCounts,
	randomHierarchy
} from '../../../tests/support/random-tables';
import { determined, isSmall, suppress, thresholdOf, type Relation } from './privacy';

/**
 * An independent exact check, by ranks: a hidden cell is determined by the published cells
 * exactly when removing its column from the system in the hidden cells lowers the rank.
 * Fraction-free (Bareiss) elimination over BigInt: no rounding.
 */
function rank(matrix: bigint[][]): number {
	const m = matrix.map((r) => [...r]);
	const width = m[0]?.length ?? 0;
	let rank = 0;
	let previous = 1n;
	for (let c = 0; c < width && rank < m.length; c++) {
		const p = m.findIndex((r, i) => i >= rank && r[c] !== 0n);
		if (p < 0) continue;
		[m[rank], m[p]] = [m[p], m[rank]];
		for (let i = rank + 1; i < m.length; i++) {
			for (let j = c + 1; j < width; j++)
				m[i][j] = (m[rank][c] * m[i][j] - m[i][c] * m[rank][j]) / previous;
			m[i][c] = 0n;
		}
		previous = m[rank][c];
		rank++;
	}
	return rank;
}

function recoverable(relations: readonly Relation[], hidden: readonly number[]): number[] {
	const system = (cells: readonly number[]) =>
		relations.map((r) =>
			cells.map((c) => (r.total === c ? 1n : 0n) - BigInt(r.parts.filter((p) => p === c).length))
		);
	const full = rank(system(hidden));
	return hidden.filter((c) => rank(system(hidden.filter((h) => h !== c))) < full);
}

const table = marginTable;

const hiddenOf = (reasons: readonly (string | null)[]) => reasons.flatMap((r, i) => (r ? [i] : []));

describe('thresholds', () => {
	it('hides counts from 1 to k − 1, never with k below 5', () => {
		expect([0, 1, 9, 10].map((v) => isSmall(v))).toEqual([false, true, true, false]);
		expect(isSmall(4, 2)).toBe(true);
		expect(thresholdOf(3)).toBe(5);
		expect(thresholdOf(undefined)).toBe(10);
		expect(isSmall(12, 15)).toBe(true);
	});
});

describe('determined', () => {
	it('finds a hidden part that its total and the other parts give away', () => {
		const relations = [{ total: 0, parts: [1, 2, 3] }];
		expect(determined(relations, new Set([1]))).toEqual([1]);
		expect(determined(relations, new Set([1, 2]))).toEqual([]);
		// With the total hidden too, the two parts still cannot be told apart.
		expect(determined(relations, new Set([0, 1, 2]))).toEqual([]);
	});

	it('follows a chain of relations', () => {
		// 0 = 1 + 2, 2 = 3 + 4: with 1 and 3 hidden, 1 is 0 − 2 and 3 is 2 − 4.
		const relations = [
			{ total: 0, parts: [1, 2] },
			{ total: 2, parts: [3, 4] }
		];
		expect(determined(relations, new Set([1, 3]))).toEqual([1, 3]);
		expect(determined(relations, new Set([1, 2, 3]))).toEqual([]);
	});

	it('finds the corner of a 2 × 2 table hidden as a rectangle only with its margins', () => {
		const { relations } = table([
			[3, 20],
			[30, 40]
		]);
		expect(determined(relations, new Set([0, 1, 2, 3]))).toEqual([]);
		expect(determined(relations, new Set([0, 1, 2]))).toEqual([0, 1, 2]);
	});
});

describe('suppress', () => {
	it('hides the small cell and the smallest other part of its total', () => {
		const reasons = suppress([100, 4, 50, 46, 12], [{ total: 0, parts: [1, 2, 3, 4] }]);
		expect(reasons).toEqual([null, 'primary', null, null, 'complementary']);
	});

	it('hides a zero beside a small count: it would tell that the count is the rest of the total', () => {
		const reasons = suppress([25, 3, 0, 22], [{ total: 0, parts: [1, 2, 3] }]);
		expect(reasons).toEqual([null, 'primary', 'complementary', null]);
	});

	it('never hides a cell with no figure', () => {
		const reasons = suppress([25, 3, null, 22], [{ total: 0, parts: [1, 2, 3] }]);
		expect(reasons).toEqual([null, 'primary', null, 'complementary']);
	});

	it('shows everything when nothing is small', () => {
		expect(suppress([30, 10, 20], [{ total: 0, parts: [1, 2] }])).toEqual([null, null, null]);
	});

	it('protects a small cell of a table across its rows and columns', () => {
		const { values, relations } = table([
			[3, 20, 15],
			[30, 40, 12],
			[11, 50, 60]
		]);
		const hidden = hiddenOf(suppress(values, relations));
		expect(hidden).toContain(0);
		expect(recoverable(relations, hidden)).toEqual([]);
		// A rectangle at the least: the small cell, one beside it, one below it, one across.
		expect(hidden.length).toBeGreaterThanOrEqual(4);
	});

	it('leaves no hidden cell recoverable in random tables with margins (checked by ranks)', () => {
		fc.assert(
			fc.property(randomCounts, fc.integer({ min: 5, max: 15 }), (grid, k) => {
				const { values, relations } = table(grid);
				const reasons = suppress(values, relations, k);
				const hidden = hiddenOf(reasons);
				// Every small count is hidden, and nothing hidden can be computed back.
				values.forEach((v, i) => isSmall(v, k) && expect(reasons[i]).toBe('primary'));
				expect(recoverable(relations, hidden)).toEqual([]);
			}),
			{ numRuns: 300 }
		);
	});

	it('leaves no hidden cell recoverable in random hierarchies crossed with a second breakdown', () => {
		// Three-level geography (country > regions > districts) × years, with every margin.
		fc.assert(
			fc.property(randomHierarchy, (data) => {
				const { values, relations } = hierarchyTable(data);
				const hidden = hiddenOf(suppress(values, relations));
				expect(recoverable(relations, hidden)).toEqual([]);
			}),
			{ numRuns: 200 }
		);
	});
});
