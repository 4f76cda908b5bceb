/**
 * Tables for property tests of suppression, as cells and relations: a two-way table with its row,
 * column and grand totals, and a three-level geography (country > regions > districts) crossed
 * with years, with every margin. Shared by the exact check's and the interval check's tests.
 */
import fc from 'fast-check';
import type { Relation } from '../../src/lib/domain/privacy';

/** A rows × columns table of counts with its row, column and grand totals. */
export function marginTable(counts: number[][]): { values: number[]; relations: Relation[] } {
	const rows = counts.length;
	const cols = counts[0].length;
	const values: number[] = counts.flat();
	const cell = (r: number, c: number) => r * cols + c;
	const rowTotal = (r: number) => rows * cols + r;
	const colTotal = (c: number) => rows * cols + rows + c;
	const grand = rows * cols + rows + cols;
	for (let r = 0; r < rows; r++) values.push(counts[r].reduce((a, b) => a + b, 0));
	for (let c = 0; c < cols; c++) values.push(counts.reduce((a, row) => a + row[c], 0));
	values.push(counts.flat().reduce((a, b) => a + b, 0));
	const relations: Relation[] = [
		...counts.map((_, r) => ({ total: rowTotal(r), parts: counts[r].map((__, c) => cell(r, c)) })),
		...counts[0].map((_, c) => ({ total: colTotal(c), parts: counts.map((__, r) => cell(r, c)) })),
		{ total: grand, parts: counts.map((_, r) => rowTotal(r)) },
		{ total: grand, parts: counts[0].map((_, c) => colTotal(c)) }
	];
	return { values, relations };
}

/** data[region][district][year]: the districts' figures; regions, the country and years add up. */
export function hierarchyTable(data: number[][][]): { values: number[]; relations: Relation[] } {
	const values: number[] = [];
	const relations: Relation[] = [];
	const add = (v: number) => values.push(v) - 1;
	const years = data[0][0].length;
	// A line: its all-years total, then each year.
	const lineOf = (byYear: number[]) => {
		const parts = byYear.map(add);
		const total = add(byYear.reduce((a, b) => a + b, 0));
		relations.push({ total, parts });
		return [total, ...parts];
	};
	const sumLines = (lines: number[][]) =>
		lines[0].map((_, j) => lines.reduce((a, l) => a + values[l[j]], 0));
	const regionLines = data.map((districts) => {
		const lines = districts.map(lineOf);
		const line = lineOf(sumLines(lines).slice(1));
		for (let j = 0; j <= years; j++)
			relations.push({ total: line[j], parts: lines.map((l) => l[j]) });
		return line;
	});
	const country = lineOf(sumLines(regionLines).slice(1));
	for (let j = 0; j <= years; j++)
		relations.push({ total: country[j], parts: regionLines.map((l) => l[j]) });
	return { values, relations };
}

/** Random rows × columns counts (1–5 × 1–6, 0–40) for `marginTable`. */
export const randomCounts = fc
	.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }))
	.chain(([r, c]) =>
		fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: c, maxLength: c }), {
			minLength: r,
			maxLength: r
		})
	);

/** Random data[region][district][year] (1–3 of each, 0–30) for `hierarchyTable`. */
export const randomHierarchy = fc
	.tuple(
		fc.integer({ min: 1, max: 3 }),
		fc.integer({ min: 1, max: 3 }),
		fc.integer({ min: 1, max: 3 })
	)
	.chain(([regions, districts, years]) =>
		fc.array(
			fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: years, maxLength: years }), {
				minLength: districts,
				maxLength: districts
			}),
			{ minLength: regions, maxLength: regions }
		)
	);
