import { describe, expect, it } from 'vitest';
import { StagedFigures } from './staged';
import type { ValidRow } from './validate';

const figure = (row: number, over: Partial<ValidRow> = {}): ValidRow => ({
	row,
	reporter: 'CLA',
	indicator: 'PROT-02',
	province: 'KH-12',
	period: '2002Q1',
	sex: 'total',
	ageGroup: 'all',
	value: 10,
	note: null,
	...over
});

/** The rows a staging would write, each as its nine values. */
function written(staged: StagedFigures, submissionOf = (r: string) => (r === 'CLA' ? 1 : 2)) {
	return [...staged.batches(3, submissionOf)].flatMap((batch) =>
		Array.from({ length: batch.length / 9 }, (_, i) => batch.slice(i * 9, i * 9 + 9))
	);
}

describe('StagedFigures', () => {
	it('writes in key order, whatever the order of the file', () => {
		const staged = new StagedFigures();
		staged.add(figure(2, { province: 'KH-20', period: '2002Q2' }), '10');
		staged.add(figure(3, { reporter: 'ECPAT', indicator: 'PREV-04' }), '10');
		staged.add(figure(4, { indicator: 'PREV-04', sex: 'male', value: 4 }), '4');
		staged.add(figure(5, { period: '2001Q4', note: 'estimate' }), '10');
		staged.add(figure(6, { indicator: 'PREV-04', sex: 'female', value: 5 }), '5');
		expect(staged.sort()).toEqual({ repeats: [], groups: [] });
		expect(written(staged).map((r) => [r[0], r[1], r[2], r[3], r[4], r[8]])).toEqual([
			[1, 'PREV-04', 'KH-12', '2002Q1', 'female', 6],
			[1, 'PREV-04', 'KH-12', '2002Q1', 'male', 4],
			[1, 'PROT-02', 'KH-12', '2001Q4', 'total', 5],
			[1, 'PROT-02', 'KH-20', '2002Q2', 'total', 2],
			[2, 'PREV-04', 'KH-12', '2002Q1', 'total', 3]
		]);
		expect(written(staged)[2]).toEqual([
			1,
			'PROT-02',
			'KH-12',
			'2001Q4',
			'total',
			'all',
			10,
			'estimate',
			5
		]);
		expect(staged.reporters()).toEqual(['CLA', 'ECPAT']);
	});

	it('keeps the first of a figure given twice and names the others, with the value as written', () => {
		const staged = new StagedFigures();
		staged.add(figure(2, { value: 1234 }), '1,234');
		staged.add(figure(3, { province: 'KH-20' }), '10');
		staged.add(figure(4, { value: 1234 }), '1,234');
		staged.add(figure(5, { value: 7 }), '7');
		expect(staged.sort().repeats).toEqual([
			{ row: 4, text: '1,234', first: 2 },
			{ row: 5, text: '7', first: 2 }
		]);
		expect(written(staged).map((r) => r[8])).toEqual([2, 3]);
	});

	it('checks a group’s breakdowns together even when the file scatters them, and leaves out the parts that exceed', () => {
		const staged = new StagedFigures();
		staged.add(figure(2, { sex: 'female', value: 6 }), '6');
		staged.add(figure(3, { province: 'KH-20', sex: 'female', value: 60 }), '60');
		staged.add(figure(4, { sex: 'male', value: 5 }), '5');
		staged.add(figure(5, { province: 'KH-20', value: 100 }), '100');
		staged.add(figure(6, { value: 10 }), '10');
		const { groups } = staged.sort();
		expect(groups.map((g) => g.problems)).toEqual([
			[{ what: 'sexes', rows: [2, 4], parts: 11, total: 10, totalRow: 6 }]
		]);
		expect(written(staged).map((r) => r[8])).toEqual([6, 3, 5]);
	});

	it('counts a repeated part once, the first, in its breakdown', () => {
		const staged = new StagedFigures();
		staged.add(figure(2, { value: 10 }), '10');
		staged.add(figure(3, { sex: 'female', value: 6 }), '6');
		staged.add(figure(4, { sex: 'female', value: 60 }), '60');
		expect(staged.sort()).toMatchObject({ repeats: [{ row: 4, first: 3 }], groups: [] });
	});

	it('holds more figures than one block, in order', () => {
		const staged = new StagedFigures();
		const quarters = ['2001Q1', '2001Q2', '2001Q3', '2001Q4'];
		const n = 70_000;
		// Rows in the reverse of key order: the last row of the file is written first.
		for (let i = 0; i < n; i++)
			staged.add(
				figure(n + 1 - i, {
					province: `P${String(Math.floor((n - 1 - i) / 4)).padStart(5, '0')}`,
					period: quarters[(n - 1 - i) % 4],
					value: n - 1 - i
				}),
				String(n - 1 - i)
			);
		expect(staged.sort()).toEqual({ repeats: [], groups: [] });
		const values = written(staged).map((r) => r[6]);
		expect(values).toHaveLength(n);
		expect(values.every((v, i) => v === i)).toBe(true);
	});

	it('asks to be sorted before it writes', () => {
		const staged = new StagedFigures();
		staged.add(figure(2), '10');
		expect(() => written(staged)).toThrow(/Sort/);
	});
});
