/**
 * The valid figures of a file, held compactly until they are written: each figure's key as six
 * small numbers (reporter, indicator, province, quarter, sex, age group, each an index into the
 * codes seen so far), its value, its spreadsheet row, its note and its value as written (indices
 * into the texts seen, each kept once) in typed arrays: 32 bytes a figure, and 10 more while
 * sorting.
 *
 * Once the file is read, `sort()` puts the figures in the key order of `submission_value` (a
 * stable radix sort, a pass per part of the key). Then a figure given twice sits beside its
 * first, a group's breakdowns sit together whatever the order of the file, and SQLite appends
 * to its B-tree instead of searching it for every row (a million rows of a province-by-province
 * file go in about a third faster). Pure: no database here.
 */
import { breakdownProblems, type BreakdownProblem, type Figure } from './breakdowns';
import type { ValidRow } from './validate';

/** The parts of a figure's key, in the table's order; the first four make a breakdown group. */
const PARTS = ['reporter', 'indicator', 'province', 'period', 'sex', 'ageGroup'] as const;
const GROUP = 4;

/** Figures are kept in blocks of 2^16: no copying as they grow, little room to spare. */
const BITS = 16;
const BLOCK = 1 << BITS;
const MASK = BLOCK - 1;

class Block {
	keys = new Uint16Array(BLOCK * PARTS.length);
	values = new Float64Array(BLOCK);
	rows = new Uint32Array(BLOCK);
	/** Indices into the notes, and into the values as written when not as the number reads. */
	notes = new Uint32Array(BLOCK);
	texts = new Uint32Array(BLOCK);
}

/**
 * The texts seen, numbered as they come: the codes of a part of the key (at most 65,536), or
 * notes, or values as written (once each, however many rows repeat them; 0 is none).
 */
class Codes {
	list: string[] = [];
	#index = new Map<string, number>();

	constructor(private readonly limit = 0xffff) {}

	of(code: string): number {
		let i = this.#index.get(code);
		if (i === undefined) {
			i = this.list.length;
			if (i > this.limit)
				throw new Error(`More than ${this.limit + 1} different codes in one file`);
			this.list.push(code);
			this.#index.set(code, i);
		}
		return i;
	}

	/** Each code's place in sorted order. */
	ranks(): Uint16Array {
		const ranks = new Uint16Array(this.list.length);
		[...this.list.keys()]
			.sort((a, b) => (this.list[a] < this.list[b] ? -1 : this.list[a] > this.list[b] ? 1 : 0))
			.forEach((code, rank) => (ranks[code] = rank));
		return ranks;
	}
}

/** A figure that repeats the key of an earlier row. */
export interface Repeat {
	row: number;
	/** The value as the file writes it. */
	text: string;
	/** The row that gave the figure first, which is kept. */
	first: number;
}

/** A group (one reporter's indicator, province and quarter) whose breakdowns exceed a total. */
export interface GroupProblems {
	figures: Figure[];
	problems: BreakdownProblem[];
}

export class StagedFigures {
	#blocks: Block[] = [];
	#codes = PARTS.map(() => new Codes());
	#notes = new Codes(2 ** 32 - 1);
	/** Values written otherwise than the number reads (`1,234`), for messages. */
	#texts = new Codes(2 ** 32 - 1);
	#size = 0;
	/** The figures' indices in key order, once sorted; left out: repeats and rejected parts. */
	#order: Uint32Array | null = null;
	#skip: Uint8Array | null = null;

	constructor() {
		this.#notes.of('');
		this.#texts.of('');
	}

	/** Keeps a valid figure; `text` is its value as written. */
	add(figure: ValidRow, text: string): void {
		const i = this.#size++;
		const offset = i & MASK;
		if (offset === 0) this.#blocks.push(new Block());
		const block = this.#blocks[this.#blocks.length - 1];
		const at = offset * PARTS.length;
		for (let p = 0; p < PARTS.length; p++) block.keys[at + p] = this.#codes[p].of(figure[PARTS[p]]);
		block.values[offset] = figure.value;
		block.rows[offset] = figure.row;
		block.notes[offset] = figure.note ? this.#notes.of(figure.note) : 0;
		block.texts[offset] = text !== String(figure.value) ? this.#texts.of(text) : 0;
	}

	/** The reporters with figures, in code order. */
	reporters(): string[] {
		return [...this.#codes[0].list].sort();
	}

	/** Whether figures `a` and `b` agree on the first `parts` parts of their keys. */
	#same(a: number, b: number, parts: number): boolean {
		const x = this.#blocks[a >>> BITS].keys;
		const y = this.#blocks[b >>> BITS].keys;
		const i = (a & MASK) * PARTS.length;
		const j = (b & MASK) * PARTS.length;
		for (let p = 0; p < parts; p++) if (x[i + p] !== y[j + p]) return false;
		return true;
	}

	/**
	 * Puts the figures in key order and finds the figures given twice (the first is kept, the
	 * others are returned) and the groups whose breakdowns exceed their totals (their parts are
	 * left out). Call once, after the last `add`.
	 */
	sort(): { repeats: Repeat[]; groups: GroupProblems[] } {
		const n = this.#size;
		let order = new Uint32Array(n);
		for (let i = 0; i < n; i++) order[i] = i;
		let spare = new Uint32Array(n);
		// Least significant part first; each pass is stable, so equal keys keep the file's order.
		const rank = new Uint16Array(n);
		for (let p = PARTS.length - 1; p >= 0; p--) {
			const ranks = this.#codes[p].ranks();
			if (ranks.length < 2) continue;
			for (let i = 0; i < n; i++)
				rank[i] = ranks[this.#blocks[i >>> BITS].keys[(i & MASK) * PARTS.length + p]];
			const starts = new Uint32Array(ranks.length + 1);
			for (let i = 0; i < n; i++) starts[rank[i] + 1]++;
			for (let r = 1; r <= ranks.length; r++) starts[r] += starts[r - 1];
			for (let k = 0; k < n; k++) spare[starts[rank[order[k]]]++] = order[k];
			[order, spare] = [spare, order];
		}
		this.#order = order;
		const skip = (this.#skip = new Uint8Array(n));

		const repeats: Repeat[] = [];
		const groups: GroupProblems[] = [];
		let start = 0;
		for (let k = 1; k <= n; k++) {
			if (k < n && this.#same(order[k - 1], order[k], GROUP)) continue;
			// order[start .. k) is one group; a repeat follows the figure it repeats.
			const figures: Figure[] = [];
			const indices: number[] = [];
			for (let j = start; j < k; j++) {
				const i = order[j];
				if (j > start && this.#same(order[j - 1], i, PARTS.length)) {
					skip[i] = 1;
					const kept = indices[indices.length - 1];
					repeats.push({ row: this.#row(i), text: this.#text(i), first: this.#row(kept) });
					continue;
				}
				indices.push(i);
				if (k - start > 1) figures.push(this.#figure(i));
			}
			start = k;
			if (figures.length < 2) continue;
			const problems = breakdownProblems(figures);
			if (!problems.length) continue;
			groups.push({ figures, problems });
			const rejected = new Set(problems.flatMap((q) => q.rows));
			indices.forEach((i, j) => rejected.has(figures[j].row) && (skip[i] = 1));
		}
		return { repeats, groups };
	}

	/**
	 * The figures to write, in key order, as flat rows of nine values: submission (the reporter's,
	 * from `submissionOf`), indicator, province, quarter, sex, age group, value, note, spreadsheet
	 * row; `count` rows to an array (the last may be shorter). Call after `sort`.
	 */
	*batches(count: number, submissionOf: (reporter: string) => number): Generator<unknown[]> {
		const order = this.#order;
		const skip = this.#skip;
		if (!order || !skip) throw new Error('Sort the figures before writing them');
		const codes = this.#codes.map((c) => c.list);
		const submissions = codes[0].map(submissionOf);
		let batch: unknown[] = [];
		for (const i of order) {
			if (skip[i]) continue;
			const block = this.#blocks[i >>> BITS];
			const offset = i & MASK;
			const at = offset * PARTS.length;
			batch.push(submissions[block.keys[at]]);
			for (let p = 1; p < PARTS.length; p++) batch.push(codes[p][block.keys[at + p]]);
			const note = block.notes[offset];
			batch.push(block.values[offset], note ? this.#notes.list[note] : null, block.rows[offset]);
			if (batch.length === count * 9) {
				yield batch;
				batch = [];
			}
		}
		if (batch.length) yield batch;
	}

	#row(i: number): number {
		return this.#blocks[i >>> BITS].rows[i & MASK];
	}

	#value(i: number): number {
		return this.#blocks[i >>> BITS].values[i & MASK];
	}

	#text(i: number): string {
		const text = this.#blocks[i >>> BITS].texts[i & MASK];
		return text ? this.#texts.list[text] : String(this.#value(i));
	}

	#figure(i: number): Figure {
		const keys = this.#blocks[i >>> BITS].keys;
		const at = (i & MASK) * PARTS.length;
		return {
			sex: this.#codes[4].list[keys[at + 4]],
			ageGroup: this.#codes[5].list[keys[at + 5]],
			value: this.#value(i),
			row: this.#row(i)
		};
	}
}
