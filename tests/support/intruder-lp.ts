/**
 * The intruder of src/lib/domain/PRIVACY.md, written independently of the release's own check: it
 * reads public downloads only, writes every relation it can (`outsiderSystem`), and asks GLPK
 * (not the HiGHS the release uses) for the least and greatest value of a withheld cell, with
 * every cell a variable — published ones fixed — rather than the published ones substituted.
 * Over two releases it also knows that figures only grow (unless a release says a correction
 * happened) and puts a variable on every province × quarter change, a cell no table publishes.
 */
import GLPK from 'glpk.js/node';
import type { Relation } from '../../src/lib/domain/privacy';
import { key, outsiderSystem, type AuditRecord } from './disclosure-audit';

const glpk = await GLPK();

type Row = {
	name: string;
	vars: { name: string; coef: number }[];
	bnds: { type: number; lb: number; ub: number };
};

interface Model {
	bounds: { name: string; type: number; lb: number; ub: number }[];
	rows: Row[];
}

function solve(model: Model, objective: string, max: boolean): number {
	const result = glpk.solve(
		{
			name: 'intruder',
			objective: {
				direction: max ? glpk.GLP_MAX : glpk.GLP_MIN,
				name: 'obj',
				vars: [{ name: objective, coef: 1 }]
			},
			subjectTo: model.rows,
			bounds: model.bounds
		},
		{ msglev: glpk.GLP_MSG_OFF, presol: true }
	);
	if (result.result.status === glpk.GLP_OPT) return result.result.z;
	// A linear programme with no optimum is infeasible or unbounded (GLPK may say only that its
	// solution is undefined): it is unbounded when it has any feasible point at all.
	if (result.result.status === glpk.GLP_UNBND) return max ? Infinity : -Infinity;
	if (solveOnce(model, objective, max, 0) !== null) return max ? Infinity : -Infinity;
	throw new Error(`The intruder's linear programme is infeasible (GLPK ${result.result.status})`);
}

function solveOnce(model: Model, objective: string, max: boolean, coef = 1): number | null {
	const result = glpk.solve(
		{
			name: 'intruder',
			objective: {
				direction: max ? glpk.GLP_MAX : glpk.GLP_MIN,
				name: 'obj',
				vars: [{ name: objective, coef }]
			},
			subjectTo: model.rows,
			bounds: model.bounds
		},
		{ msglev: glpk.GLP_MSG_OFF, presol: true }
	);
	return result.result.status === glpk.GLP_OPT ? result.result.z : null;
}

/** Adds one release's cells (prefixed) and relations to a model; returns the cells by key. */
function addRelease(model: Model, records: readonly AuditRecord[], prefix: string) {
	const { cells, relations } = outsiderSystem(records);
	const name = (i: number) => `${prefix}${i}`;
	cells.forEach((c, i) =>
		model.bounds.push(
			c.suppressed
				? { name: name(i), type: glpk.GLP_LO, lb: 0, ub: 0 }
				: { name: name(i), type: glpk.GLP_FX, lb: c.value ?? 0, ub: c.value ?? 0 }
		)
	);
	relations.forEach((r, j) => {
		const coef = new Map<string, number>();
		coef.set(name(r.total), 1);
		for (const p of r.parts) coef.set(name(p), (coef.get(name(p)) ?? 0) - 1);
		model.rows.push({
			name: `${prefix}r${j}`,
			vars: [...coef].filter(([, v]) => v !== 0).map(([n, v]) => ({ name: n, coef: v })),
			bnds: { type: glpk.GLP_FX, lb: 0, ub: 0 }
		});
	});
	return new Map(cells.map((c, i) => [key(c), name(i)]));
}

/**
 * The least and greatest value of cell `target` of a table (cells and relations), every cell a
 * variable: published ones fixed at their value, withheld ones at least 0.
 */
export function tableRange(
	values: readonly (number | null)[],
	relations: readonly Relation[],
	hidden: ReadonlySet<number>,
	target: number
): [number, number] {
	const name = (i: number) => `c${i}`;
	const model: Model = {
		bounds: values.map((v, i) =>
			hidden.has(i)
				? { name: name(i), type: glpk.GLP_LO, lb: 0, ub: 0 }
				: { name: name(i), type: glpk.GLP_FX, lb: v ?? 0, ub: v ?? 0 }
		),
		rows: relations.map((r, j) => {
			const coef = new Map<string, number>([[name(r.total), 1]]);
			for (const p of r.parts) coef.set(name(p), (coef.get(name(p)) ?? 0) - 1);
			return {
				name: `r${j}`,
				vars: [...coef].filter(([, v]) => v !== 0).map(([n, v]) => ({ name: n, coef: v })),
				bnds: { type: glpk.GLP_FX, lb: 0, ub: 0 }
			};
		})
	};
	return [solve(model, name(target), false), solve(model, name(target), true)];
}

/** The least and greatest value of each withheld cell of one release's download. */
export function ranges(records: readonly AuditRecord[]): Map<string, [number, number]> {
	const model: Model = { bounds: [], rows: [] };
	const names = addRelease(model, records, 'x');
	const out = new Map<string, [number, number]>();
	for (const r of records.filter((r) => r.suppressed)) {
		const v = names.get(key(r)) as string;
		out.set(key(r), [solve(model, v, false), solve(model, v, true)]);
	}
	return out;
}

/**
 * Two releases of one indicator's download, and what the intruder can tell of each province ×
 * quarter change between them: its least and greatest value, for the changes asked about
 * (`province|quarter`). Without a correction every change is at least 0.
 */
export function changeRanges(
	before: readonly AuditRecord[],
	after: readonly AuditRecord[],
	options: { provinces: string[]; quarters: string[]; corrected: boolean; ask: string[] }
): Map<string, [number, number]> {
	const model: Model = { bounds: [], rows: [] };
	const a = addRelease(model, before, 'a');
	const b = addRelease(model, after, 'b');
	const change = (p: string, q: string) => `d_${p}_${q}`.replace(/[^A-Za-z0-9_]/g, '_');
	for (const p of options.provinces)
		for (const q of options.quarters)
			model.bounds.push(
				options.corrected
					? { name: change(p, q), type: glpk.GLP_FR, lb: 0, ub: 0 }
					: { name: change(p, q), type: glpk.GLP_LO, lb: 0, ub: 0 }
			);
	const cell = (
		names: Map<string, string>,
		table: string,
		period: string,
		province = 'national'
	) => {
		const k = [table, period, province, 'total', 'all'].join('|');
		return names.get(k);
	};
	const link = (name: string, cells: [string | undefined, string | undefined], parts: string[]) => {
		const vars = [
			...(cells[1] ? [{ name: cells[1], coef: 1 }] : []),
			...(cells[0] ? [{ name: cells[0], coef: -1 }] : []),
			...parts.map((n) => ({ name: n, coef: -1 }))
		];
		model.rows.push({ name, vars, bnds: { type: glpk.GLP_FX, lb: 0, ub: 0 } });
	};
	// Each quarter's change is the sum of its provinces' changes; each province-year's, of its quarters'.
	for (const q of options.quarters)
		link(
			`q_${q}`,
			[cell(a, 'quarter', q), cell(b, 'quarter', q)],
			options.provinces.map((p) => change(p, q))
		);
	const years = [...new Set(options.quarters.map((q) => q.slice(0, 4)))];
	for (const p of options.provinces)
		for (const y of years)
			link(
				`py_${p}_${y}`.replace(/[^A-Za-z0-9_]/g, '_'),
				[cell(a, 'province-year', y, p), cell(b, 'province-year', y, p)],
				options.quarters.filter((q) => q.startsWith(y)).map((q) => change(p, q))
			);
	const out = new Map<string, [number, number]>();
	for (const ask of options.ask) {
		const [p, q] = ask.split('|');
		out.set(ask, [solve(model, change(p, q), false), solve(model, change(p, q), true)]);
	}
	return out;
}
