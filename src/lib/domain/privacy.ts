/**
 * Suppression of small counts (product brief §7), primary and complementary. The method, its
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

export type Reason = 'primary' | 'complementary';

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

/**
 * Which cells of a table to hide, and why. Cells from 1 to k − 1 are hidden (primary). Then,
 * until no hidden cell is determined by the published ones:
 * 1. in every relation with a single hidden cell, the smallest published cell is hidden too (a
 *    lone unknown is its total minus the rest), repeated until no relation has one;
 * 2. the exact test (`determined`) looks for what combinations of relations still give away,
 *    and the nearest, smallest published cell that protects the first such cell is hidden.
 * Zeros are candidates like any cell: a published zero beside a hidden cell would tell that the
 * hidden one is the rest of its total. Cells with no figure are never hidden (their absence is
 * public).
 */
export function suppress(
	values: readonly (number | null)[],
	relations: readonly Relation[],
	k: number = PUBLIC_K
): (Reason | null)[] {
	const reasons: (Reason | null)[] = values.map((v) => (isSmall(v, k) ? 'primary' : null));
	const hidden = new Set<number>();
	reasons.forEach((r, i) => r && hidden.add(i));
	if (hidden.size === 0) return reasons;
	const relationsOf = values.map((): Relation[] => []);
	for (const r of relations) for (const c of [r.total, ...r.parts]) relationsOf[c].push(r);

	const hide = (cell: number) => {
		hidden.add(cell);
		reasons[cell] = 'complementary';
	};
	for (;;) {
		// First, no relation may have a single unknown: that one would be its total minus the rest.
		let changed = true;
		while (changed) {
			changed = false;
			for (const r of relations) {
				const cells = [r.total, ...r.parts];
				if (cells.filter((c) => hidden.has(c)).length !== 1) continue;
				const next = smallestPublished(cells, values, hidden);
				if (next >= 0) {
					hide(next);
					changed = true;
				}
			}
		}
		// Then the exact test, for what combinations of relations still give away.
		const exposed = determined(relations, hidden);
		if (exposed.length === 0) return reasons;
		const next = complementFor(exposed[0], values, relations, relationsOf, hidden);
		if (next < 0) throw new Error(`No cell can protect cell ${exposed[0]}`);
		hide(next);
	}
}

/** The smallest published cell with a figure among `cells` (the earlier among equals), or −1. */
function smallestPublished(
	cells: readonly number[],
	values: readonly (number | null)[],
	hidden: ReadonlySet<number>
): number {
	let best = -1;
	for (const c of cells)
		if (!hidden.has(c) && values[c] !== null && (best < 0 || smaller(values, c, best))) best = c;
	return best;
}

function smaller(values: readonly (number | null)[], a: number, b: number): boolean {
	const va = values[a] as number;
	const vb = values[b] as number;
	return va < vb || (va === vb && a < b);
}

/**
 * The published cell to hide next for an exposed one. Candidates are the published cells of the
 * relations around it, nearest first (its own relations, then those of the hidden cells they
 * reach, and so on); within a ring the smallest first. The first candidate whose hiding leaves
 * the exposed cell undetermined is taken. If none does alone, the one that leaves the fewest
 * hidden cells determined is taken (the nearest and smallest among equals), and the loop goes
 * on from there.
 */
function complementFor(
	exposed: number,
	values: readonly (number | null)[],
	relations: readonly Relation[],
	relationsOf: readonly Relation[][],
	hidden: ReadonlySet<number>
): number {
	const visited = new Set([exposed]);
	let frontier = [exposed];
	let best = { cell: -1, exposed: Infinity };
	while (frontier.length) {
		const candidates: number[] = [];
		const reached: number[] = [];
		for (const cell of frontier)
			for (const r of relationsOf[cell])
				for (const c of [r.total, ...r.parts]) {
					if (visited.has(c)) continue;
					visited.add(c);
					if (hidden.has(c)) reached.push(c);
					else if (values[c] !== null) candidates.push(c);
				}
		candidates.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
		for (const c of candidates) {
			const after = determined(relations, new Set([...hidden, c]));
			if (!after.includes(exposed)) return c;
			if (after.length < best.exposed) best = { cell: c, exposed: after.length };
		}
		// The next ring: the relations of the hidden cells reached, and of this ring's candidates.
		frontier = [...reached, ...candidates];
	}
	return best.cell;
}
