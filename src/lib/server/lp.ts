/**
 * The linear-programming solver of the privacy check (`$lib/domain/privacy`): HiGHS, compiled to
 * WebAssembly (the `highs` package). Loaded once when this module is first imported, so that a
 * release — one synchronous transaction — can solve its programmes without waiting.
 *
 * A programme is written in CPLEX LP format: one variable `x<cell>` per hidden cell with its lower
 * bound, one equality per relation. Optima are rounded to a millionth (HiGHS works in floating
 * point; every programme here has integer data).
 */
import highsLoader from 'highs';
import type { LinearProgram, SolveLp } from '../domain/privacy';

const highs = await highsLoader();

/** The LP text of a programme. */
export function lpText(program: LinearProgram): string {
	const name = (cell: number) => `x${cell}`;
	const term = ([cell, coefficient]: [number, number], first: boolean) => {
		const size = Math.abs(coefficient);
		const sign = coefficient < 0 ? '- ' : first ? '' : '+ ';
		return `${sign}${size === 1 ? '' : `${size} `}${name(cell)}`;
	};
	const rows = program.rows
		.filter((r) => r.terms.length)
		.map((r, i) => ` r${i}: ${r.terms.map((t, j) => term(t, j === 0)).join(' ')} = ${r.rhs}`);
	return [
		program.sense === 'max' ? 'Maximize' : 'Minimize',
		` obj: ${name(program.objective)}`,
		'Subject To',
		...(rows.length ? rows : [` r0: ${name(program.objective)} >= ${-1e30}`]),
		'Bounds',
		...program.variables.map((v) => ` ${name(v.cell)} >= ${v.lower}`),
		'End'
	].join('\n');
}

/** Solves a programme with HiGHS: its optimum, ±Infinity when unbounded. */
export const solveLp: SolveLp = (program) => {
	const result = highs.solve(lpText(program));
	if (result.Status === 'Optimal') return Math.round(result.ObjectiveValue * 1e6) / 1e6;
	if (result.Status === 'Unbounded') return program.sense === 'max' ? Infinity : -Infinity;
	throw new Error(`The privacy check's linear programme is ${result.Status.toLowerCase()}`);
};
