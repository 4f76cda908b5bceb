/**
 * Suppression of small counts, primary and complementary. The method, its
 * reasons and its limits are written in PRIVACY.md beside this file.
 *
 * A table is a list of cells (numbers, or null where there is no figure at all) and the linear
 * relations between them: a total equals the sum of its parts. Primary suppression hides every
 * count from 1 to k − 1. Complementary suppression then hides further cells, smallest first,
 * until no hidden cell can be computed exactly from the published ones: `determined` proves it
 * by Gaussian elimination in exact (integer) arithmetic over the relations.
 */

/** The default threshold: counts below it are hidden. */
export const PUBLIC_K = 10;
/** The threshold can be raised, never lowered below this. */
export const MIN_K = 5;

/** The threshold in force for a configured `k`. */
export function thresholdOf(k: number | null | undefined): number {
	return Math.max(MIN_K, Math.round(k ?? PUBLIC_K));
}

/** `total` = the sum of `parts` (indices into the table's cells). */
export interface Relation {
	total: number;
	parts: readonly number[];
}

/**
 * Why a cell is withheld (kept in the admin's release log, never in a public output): a small
 * count, a small change since it was last published, or to protect one of those.
 */
export type Reason = 'primary' | 'change' | 'complementary';

/** Whether a count must be hidden on its own: from 1 to k − 1. */
export function isSmall(value: number | null, k: number = PUBLIC_K): boolean {
	return value !== null && value > 0 && value < thresholdOf(k);
}

/**
 * The hidden cells (indices) whose value can be computed exactly from the published cells
 * through the relations. Cells with no figure (null) count as published zeros: that a province
 * has no figure is public.
 *
 * Each relation is a row `total − Σ parts = 0`; published cells move to the right-hand side,
 * so what remains is a system in the hidden cells alone. A hidden cell is determined exactly
 * when the unit vector of its column lies in the row space of that system, that is when the
 * reduced row echelon form has a row whose only non-zero entry is in its column.
 */
export function determined(relations: readonly Relation[], hidden: ReadonlySet<number>): number[] {
	const columns = [...hidden].sort((a, b) => a - b);
	const column = new Map(columns.map((c, i) => [c, i]));
	const rows: number[][] = [];
	for (const r of relations) {
		const row = new Array<number>(columns.length).fill(0);
		let any = false;
		const add = (cell: number, sign: number) => {
			const c = column.get(cell);
			if (c === undefined) return;
			row[c] += sign;
			any = true;
		};
		add(r.total, 1);
		for (const p of r.parts) add(p, -1);
		if (any) rows.push(row);
	}
	// Small integers stay exact in doubles; should one outgrow 2^53, the work is redone in BigInt.
	const exact =
		reduce(rows, columns.length, 0, gcdNumber) ??
		reduce(
			rows.map((r) => r.map(BigInt)),
			columns.length,
			0n,
			gcdBig
		);
	const [reduced, pivots] = exact as [(number | bigint)[][], [number, number][]];
	const out: number[] = [];
	for (const [r, c] of pivots)
		if (reduced[r].every((v, i) => i === c || v == 0)) out.push(columns[c]);
	return out.sort((a, b) => a - b);
}

/**
 * Reduced row echelon form of a copy, in integers: rows are combined by cross-multiplication and
 * divided by their greatest common divisor, so nothing is ever rounded. Returns the rows and
 * [row, column] of each pivot, or null if a number outgrew the exact range of doubles.
 */
function reduce<T extends number | bigint>(
	source: T[][],
	width: number,
	zero: T,
	gcd: (a: T, b: T) => T
): [T[][], [number, number][]] | null {
	const rows = source.map((r) => [...r]);
	const pivots: [number, number][] = [];
	let top = 0;
	for (let c = 0; c < width && top < rows.length; c++) {
		const p = rows.findIndex((row, i) => i >= top && row[c] !== zero);
		if (p < 0) continue;
		[rows[top], rows[p]] = [rows[p], rows[top]];
		const pivot = rows[top];
		for (let i = 0; i < rows.length; i++) {
			const a = rows[i][c];
			if (i === top || a === zero) continue;
			const b = pivot[c];
			const row = rows[i];
			let g = zero;
			for (let j = 0; j < width; j++) {
				const v = ((row[j] as number) * (b as number) - (pivot[j] as number) * (a as number)) as T;
				if (typeof v === 'number' && !Number.isSafeInteger(v)) return null;
				row[j] = v;
				g = gcd(g, v);
			}
			if (g !== zero)
				for (let j = 0; j < width; j++) row[j] = ((row[j] as number) / (g as number)) as T;
		}
		pivots.push([top, c]);
		top++;
	}
	return [rows, pivots];
}

function gcdNumber(a: number, b: number): number {
	a = Math.abs(a);
	b = Math.abs(b);
	while (b) [a, b] = [b, a % b];
	return a;
}

function gcdBig(a: bigint, b: bigint): bigint {
	if (a < 0n) a = -a;
	if (b < 0n) b = -b;
	while (b) [a, b] = [b, a % b];
	return a;
}

/** Options of `suppress`: an LP solver for the interval check, and the table's history. */
export interface SuppressOptions {
	/** With a solver, every protection's feasible range is checked, and kept wide enough. */
	solve?: SolveLp;
	/** What earlier releases published of this table. */
	history?: History;
	/**
	 * The order in which published cells are chosen to protect others (lower first), one number a
	 * cell. By default the smallest value first: that loses the least, but an intruder who knows
	 * the rule can run it on every table that fits what is published and keep those whose choice
	 * matches — narrowing the withheld cells. A release passes an order drawn from a secret key
	 * instead, which no outsider can run.
	 */
	rank?: readonly number[];
}

/** The default order of `SuppressOptions.rank`: by value, the earlier cell among equals. */
export function valueRank(values: readonly (number | null)[]): number[] {
	const order = values
		.map((v, i) => [v ?? 0, i] as const)
		.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const rank = new Array<number>(values.length);
	order.forEach(([, i], r) => (rank[i] = r));
	return rank;
}

/**
 * Which cells of a table to hide, and why. Small counts (1 to k − 1) and small changes since a
 * cell was last published are hidden. Then, until nothing hidden can be worked out:
 * 1. in every relation with a single hidden cell, the smallest published cell is hidden too (a
 *    lone unknown is its total minus the rest), repeated until no relation has one;
 * 2. the exact test (`determined`) looks for what combinations of relations still give away,
 *    and the nearest, smallest published cell that protects the first such cell is hidden;
 * 3. with a solver, the interval test: each protected cell's feasible range (`feasibleRange`,
 *    with the lower bounds earlier releases give) must reach its protection's low and high; the
 *    nearest, smallest published cell that widens a short range enough is hidden.
 * Zeros are candidates like any cell: a published zero beside a hidden cell would tell that the
 * hidden one is the rest of its total. Cells with no figure are never hidden (their absence is
 * public).
 */
export function suppress(
	values: readonly (number | null)[],
	relations: readonly Relation[],
	k: number = PUBLIC_K,
	options: SuppressOptions = {}
): (Reason | null)[] {
	return suppressTable(values, relations, k, options).reasons;
}

/** What `suppressTable` decided: each cell's reason (or null), and what it protected. */
export interface Suppression {
	reasons: (Reason | null)[];
	protections: Protection[];
	/**
	 * With a solver: the narrowest feasible range (max − min) the intruder is left for any
	 * protected cell, at least k by the rule; null when nothing needed protection.
	 */
	narrowest: number | null;
}

/** `suppress`, with the protections it met and the narrowest range it left. */
export function suppressTable(
	values: readonly (number | null)[],
	relations: readonly Relation[],
	k: number = PUBLIC_K,
	options: SuppressOptions = {}
): Suppression {
	const { protections, reasons } = protectionsOf(values, k, options.history);
	const done = (): Suppression => {
		const solve = options.solve;
		const widths = solve
			? protections.map((p) => {
					const [min, max] = feasibleRange(values, relations, hidden, lower, p.cell, solve);
					return max - min;
				})
			: [];
		return { reasons, protections, narrowest: widths.length ? Math.min(...widths) : null };
	};
	const lower = lowerBounds(values.length, options.history);
	const rank = options.rank ?? valueRank(values);
	const hidden = new Set<number>();
	reasons.forEach((r, i) => r && hidden.add(i));
	if (hidden.size === 0) return done();
	const relationsOf = values.map((): Relation[] => []);
	for (const r of relations) for (const c of [r.total, ...r.parts]) relationsOf[c].push(r);

	const hide = (cell: number) => {
		hidden.add(cell);
		reasons[cell] = 'complementary';
	};
	// Hiding more cells only widens a range, so a protection once met stays met.
	const pending = [...protections];
	const shortOf = (p: Protection, cells: ReadonlySet<number>, solve: SolveLp) => {
		const [min, max] = feasibleRange(values, relations, cells, lower, p.cell, solve);
		const short = Math.max(0, min - p.low) + Math.max(0, p.high - max);
		// Solvers work in floating point: what is left of a shortfall below a millionth is noise.
		return short < 1e-6 ? 0 : short;
	};
	for (;;) {
		// First, no relation may have a single unknown: that one would be its total minus the rest.
		let changed = true;
		while (changed) {
			changed = false;
			for (const r of relations) {
				const cells = [r.total, ...r.parts];
				if (cells.filter((c) => hidden.has(c)).length !== 1) continue;
				const next = firstPublished(cells, values, rank, hidden);
				if (next >= 0) {
					hide(next);
					changed = true;
				}
			}
		}
		// Then the exact test, for what combinations of relations still give away.
		const exposed = determined(relations, hidden);
		if (exposed.length) {
			const next = complementFor(exposed[0], values, rank, relations, relationsOf, hidden);
			if (next < 0) throw new Error(`No cell can protect cell ${exposed[0]}`);
			hide(next);
			continue;
		}
		// Last, the intervals: the intruder's range of each protected cell must be wide enough.
		const solve = options.solve;
		if (!solve) return done();
		while (pending.length && shortOf(pending[0], hidden, solve) === 0) pending.shift();
		if (!pending.length) return done();
		const failing = pending[0];
		const next = widenerFor(failing.cell, values, rank, relationsOf, hidden, {
			now: shortOf(failing, hidden, solve),
			after: (candidate) => shortOf(failing, new Set([...hidden, candidate]), solve)
		});
		if (next < 0) throw new Error(`No cell can protect cell ${failing.cell}`);
		hide(next);
	}
}

/** The first published cell with a figure among `cells`, in `rank` order, or −1. */
function firstPublished(
	cells: readonly number[],
	values: readonly (number | null)[],
	rank: readonly number[],
	hidden: ReadonlySet<number>
): number {
	let best = -1;
	for (const c of cells)
		if (!hidden.has(c) && values[c] !== null && (best < 0 || rank[c] < rank[best])) best = c;
	return best;
}

/**
 * The published cells around `cell`, ring by ring, nearest first: those of its own relations,
 * then those of the relations of the hidden cells and candidates the previous ring reached, and
 * so on; within a ring in `rank` order. Cells with no figure are never candidates.
 */
function* ringsAround(
	cell: number,
	values: readonly (number | null)[],
	rank: readonly number[],
	relationsOf: readonly Relation[][],
	hidden: ReadonlySet<number>
): Generator<number[]> {
	const visited = new Set([cell]);
	let frontier = [cell];
	while (frontier.length) {
		const candidates: number[] = [];
		const reached: number[] = [];
		for (const from of frontier)
			for (const r of relationsOf[from])
				for (const c of [r.total, ...r.parts]) {
					if (visited.has(c)) continue;
					visited.add(c);
					if (hidden.has(c)) reached.push(c);
					else if (values[c] !== null) candidates.push(c);
				}
		candidates.sort((a, b) => rank[a] - rank[b]);
		yield candidates;
		frontier = [...reached, ...candidates];
	}
}

/**
 * The published cell to hide next for an exposed one: the first candidate around it
 * (`ringsAround`) whose hiding leaves it undetermined. If none does alone, the one that leaves
 * the fewest hidden cells determined (the nearest and smallest among equals), and the loop goes
 * on from there.
 */
function complementFor(
	exposed: number,
	values: readonly (number | null)[],
	rank: readonly number[],
	relations: readonly Relation[],
	relationsOf: readonly Relation[][],
	hidden: ReadonlySet<number>
): number {
	let best = { cell: -1, exposed: Infinity };
	for (const ring of ringsAround(exposed, values, rank, relationsOf, hidden))
		for (const c of ring) {
			const after = determined(relations, new Set([...hidden, c]));
			if (!after.includes(exposed)) return c;
			if (after.length < best.exposed) best = { cell: c, exposed: after.length };
		}
	return best.cell;
}

/**
 * The published cell to hide next for a protected cell whose range is too narrow: the first
 * candidate around it (`ringsAround`) whose hiding leaves no shortfall; else, in the nearest ring
 * where one helps at all, the one that leaves the least.
 */
function widenerFor(
	cell: number,
	values: readonly (number | null)[],
	rank: readonly number[],
	relationsOf: readonly Relation[][],
	hidden: ReadonlySet<number>,
	shortfall: { now: number; after: (candidate: number) => number }
): number {
	let best = { cell: -1, short: Infinity };
	for (const ring of ringsAround(cell, values, rank, relationsOf, hidden)) {
		for (const c of ring) {
			const short = shortfall.after(c);
			if (short === 0) return c;
			if (short < best.short) best = { cell: c, short };
		}
		if (best.short < shortfall.now) return best.cell;
	}
	return best.cell;
}

/**
 * A linear programme over hidden cells: find the least or greatest value of one cell, subject to
 * equalities, each variable at or above its lower bound (and with no upper bound). The release
 * solves these with a real LP solver (`$lib/server/lp`), injected so that this module stays pure.
 */
export interface LinearProgram {
	/** The variables (cell indices) and their lower bounds. */
	variables: { cell: number; lower: number }[];
	/** Each row: Σ coefficient × cell = rhs. */
	rows: { terms: [cell: number, coefficient: number][]; rhs: number }[];
	objective: number;
	sense: 'min' | 'max';
}

/** Solves a programme: its optimum, ±Infinity when unbounded. Throws when it is infeasible. */
export type SolveLp = (program: LinearProgram) => number;

/**
 * What the intruder must be unable to tell about a withheld cell: its feasible range from
 * everything published must reach `low` and `high`. For a small count, 0 and k: it could be none,
 * or k or more. For a cell whose change since it was last published is small, its last published
 * value and that value + k: the change could be none, or k or more.
 */
export interface Protection {
	cell: number;
	low: number;
	high: number;
}

/** What an intruder knows of a table from earlier releases, cell by cell. */
export interface History {
	/** Each cell's value when a release last published it, or null if none ever did. */
	previous: readonly (number | null)[];
	/**
	 * Whether an approved figure was withdrawn or lowered since then (a reopening, a correction).
	 * Without one, figures only ever grow, so a published value is a lower bound of every later
	 * value of its cell — and the intruder knows it.
	 */
	corrected: boolean;
}

/** The intruder's lower bound of each cell: 0, or its last published value while figures only grow. */
export function lowerBounds(size: number, history?: History): number[] {
	return Array.from({ length: size }, (_, i) =>
		history && !history.corrected ? Math.max(0, history.previous[i] ?? 0) : 0
	);
}

/**
 * The least and greatest value of `cell` that the published cells, the relations and the lower
 * bounds allow, by linear programming over the hidden cells connected to it.
 */
export function feasibleRange(
	values: readonly (number | null)[],
	relations: readonly Relation[],
	hidden: ReadonlySet<number>,
	lower: readonly number[],
	cell: number,
	solve: SolveLp
): [number, number] {
	const program = programFor(values, relations, hidden, lower, cell);
	return [solve({ ...program, sense: 'min' }), solve({ ...program, sense: 'max' })];
}

function programFor(
	values: readonly (number | null)[],
	relations: readonly Relation[],
	hidden: ReadonlySet<number>,
	lower: readonly number[],
	cell: number
): Omit<LinearProgram, 'sense'> {
	// Only the relations reachable from the cell through hidden cells bear on it.
	const byCell = new Map<number, Relation[]>();
	for (const r of relations)
		for (const c of [r.total, ...r.parts])
			if (hidden.has(c)) byCell.set(c, [...(byCell.get(c) ?? []), r]);
	const seen = new Set([cell]);
	const used = new Set<Relation>();
	for (const queue = [cell]; queue.length;)
		for (const r of byCell.get(queue.pop() as number) ?? []) {
			if (used.has(r)) continue;
			used.add(r);
			for (const c of [r.total, ...r.parts])
				if (hidden.has(c) && !seen.has(c)) {
					seen.add(c);
					queue.push(c);
				}
		}
	const rows = [...used].map((r) => {
		const terms = new Map<number, number>();
		let rhs = 0;
		const add = (c: number, sign: number) => {
			if (hidden.has(c)) terms.set(c, (terms.get(c) ?? 0) + sign);
			else rhs -= sign * (values[c] ?? 0);
		};
		add(r.total, 1);
		for (const p of r.parts) add(p, -1);
		return { terms: [...terms].filter(([, v]) => v !== 0), rhs };
	});
	return {
		variables: [...seen].sort((a, b) => a - b).map((c) => ({ cell: c, lower: lower[c] })),
		rows,
		objective: cell
	};
}

/**
 * The protections a table needs: every count from 1 to k − 1 (reason `primary`), and every cell
 * whose value moved by 1 to k − 1, up or down, since a release last published it (`change`).
 */
export function protectionsOf(
	values: readonly (number | null)[],
	k: number,
	history?: History
): { protections: Protection[]; reasons: (Reason | null)[] } {
	const threshold = thresholdOf(k);
	const lower = lowerBounds(values.length, history);
	const protections: Protection[] = [];
	const reasons = values.map((v, i): Reason | null => {
		if (v === null) return null;
		const before = history?.previous[i] ?? null;
		const change = before === null ? 0 : v - before;
		const moved = change !== 0 && Math.abs(change) < threshold;
		const small = isSmall(v, k);
		if (!small && !moved) return null;
		const ranges: [number, number][] = [];
		if (small) ranges.push([lower[i], lower[i] + threshold]);
		if (moved && before !== null)
			ranges.push(
				change > 0 ? [before, before + threshold] : [Math.max(0, before - threshold), before]
			);
		protections.push({
			cell: i,
			low: Math.min(...ranges.map((r) => r[0])),
			high: Math.max(...ranges.map((r) => r[1]))
		});
		return small ? 'primary' : 'change';
	});
	return { protections, reasons };
}
