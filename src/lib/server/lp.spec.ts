import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableRange } from '../../../tests/support/intruder-lp';
import {
	hierarchyTable,
	marginTable,
	randomCounts,
	randomHierarchy
} from '../../../tests/support/random-tables';
import { feasibleRange, isSmall, suppress, type Relation } from '../domain/privacy';
import { lpText, solveLp } from './lp';

describe('the LP solver of the privacy check', () => {
	it('solves bounded, unbounded and unconstrained programmes', () => {
		// x + y = 8: x from 0 to 8.
		const rows = [{ terms: [[0, 1] as [number, number], [1, 1] as [number, number]], rhs: 8 }];
		const variables = [
			{ cell: 0, lower: 0 },
			{ cell: 1, lower: 0 }
		];
		expect(solveLp({ variables, rows, objective: 0, sense: 'max' })).toBe(8);
		expect(solveLp({ variables, rows, objective: 0, sense: 'min' })).toBe(0);
		// x − y = 3: x from 3 upwards, without end.
		const open = [{ terms: [[0, 1] as [number, number], [1, -1] as [number, number]], rhs: 3 }];
		expect(solveLp({ variables, rows: open, objective: 0, sense: 'max' })).toBe(Infinity);
		expect(solveLp({ variables, rows: open, objective: 0, sense: 'min' })).toBe(3);
		// A lone variable with only its bound.
		const lone = { variables: [{ cell: 4, lower: 2 }], rows: [], objective: 4 };
		expect(solveLp({ ...lone, sense: 'min' })).toBe(2);
		expect(solveLp({ ...lone, sense: 'max' })).toBe(Infinity);
		expect(lpText({ variables, rows: open, objective: 0, sense: 'max' })).toContain(
			'r0: x0 - x1 = 3'
		);
	});

	it('refuses an infeasible programme', () => {
		const rows = [{ terms: [[0, 1] as [number, number]], rhs: 3 }];
		expect(() =>
			solveLp({ variables: [{ cell: 0, lower: 5 }], rows, objective: 0, sense: 'max' })
		).toThrow(/infeasible/);
	});

	it('widens a small count until it could be none, or k or more', () => {
		// x + y = 15 and y + z = 14, with x = 3 and z = 2 small. Hiding y as well leaves no cell
		// determined, but x − z = 1: x could not be 0, and z not 10.
		const values = [3, 12, 2, 15, 14];
		const relations = [
			{ total: 3, parts: [0, 1] },
			{ total: 4, parts: [1, 2] }
		];
		const exactOnly = new Set(suppress(values, relations, 10).flatMap((r, i) => (r ? [i] : [])));
		expect([...exactOnly].sort()).toEqual([0, 1, 2]);
		expect(feasibleRange(values, relations, exactOnly, [0, 0, 0, 0, 0], 0, solveLp)).toEqual([
			1, 15
		]);

		const reasons = suppress(values, relations, 10, { solve: solveLp });
		const hidden = new Set(reasons.flatMap((r, i) => (r ? [i] : [])));
		for (const cell of [0, 2]) {
			const [min, max] = feasibleRange(values, relations, hidden, [0, 0, 0, 0, 0], cell, solveLp);
			expect(min).toBe(0);
			expect(max).toBeGreaterThanOrEqual(10);
		}
	});
});

/**
 * For every small count, GLPK (every cell a variable: not the release's formulation, not its
 * solver) finds a range that reaches 0 and k.
 */
function protectedByIntervals(values: number[], relations: Relation[], k: number): void {
	const reasons = suppress(values, relations, k, { solve: solveLp });
	const hidden = new Set(reasons.flatMap((r, i) => (r ? [i] : [])));
	values.forEach((v, i) => {
		if (!isSmall(v, k)) return;
		expect(hidden.has(i)).toBe(true);
		const [min, max] = tableRange(values, relations, hidden, i);
		expect(min, `cell ${i} = ${v}`).toBeLessThanOrEqual(1e-6);
		expect(max, `cell ${i} = ${v}`).toBeGreaterThanOrEqual(k - 1e-6);
	});
}

describe('interval protection, checked by an independent linear programme', () => {
	it('holds on random tables with margins', () => {
		fc.assert(
			fc.property(randomCounts, fc.integer({ min: 5, max: 15 }), (table, k) => {
				const { values, relations } = marginTable(table);
				protectedByIntervals(values, relations, k);
			}),
			{ numRuns: 100 }
		);
	});

	it('holds on random hierarchies crossed with years', () => {
		fc.assert(
			fc.property(randomHierarchy, (data) => {
				const { values, relations } = hierarchyTable(data);
				protectedByIntervals(values, relations, 10);
			}),
			{ numRuns: 60 }
		);
	});
});
