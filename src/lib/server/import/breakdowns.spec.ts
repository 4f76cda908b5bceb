import { describe, expect, it } from 'vitest';
import { breakdownProblems, type Figure } from './breakdowns';

const f = (sex: string, ageGroup: string, value: number, row: number): Figure => ({
	sex,
	ageGroup,
	value,
	row
});

describe('breakdownProblems', () => {
	it('accepts parts that add up to the total, or less (a part may be unknown)', () => {
		expect(
			breakdownProblems([
				f('total', 'all', 50, 2),
				f('female', 'all', 30, 3),
				f('male', 'all', 20, 4)
			])
		).toEqual([]);
		expect(breakdownProblems([f('total', 'all', 50, 2), f('female', 'all', 30, 3)])).toEqual([]);
	});

	it('names the parts that exceed the total by sex', () => {
		expect(
			breakdownProblems([
				f('female', 'all', 30, 7),
				f('male', 'all', 25, 8),
				f('total', 'all', 50, 9)
			])
		).toEqual([{ what: 'sexes', rows: [7, 8], parts: 55, total: 50, totalRow: 9 }]);
	});

	it('checks under 15 and 15–17 against under 18, and the age groups against all ages', () => {
		const problems = breakdownProblems([
			f('total', 'all', 20, 2),
			f('total', 'under18', 10, 3),
			f('total', 'under15', 6, 4),
			f('total', '15to17', 6, 5),
			f('total', 'adult', 9, 6)
		]);
		expect(problems).toEqual([
			{ what: 'children', rows: [4, 5], parts: 12, total: 10, totalRow: 3 },
			// adults 9 + children max(10, 12) = 21 > 20; under18 and its parts are not added twice
			{ what: 'ages', rows: [3, 4, 5, 6], parts: 21, total: 20, totalRow: 2 }
		]);
	});

	it('compares within one sex and one age group only', () => {
		expect(
			breakdownProblems([
				f('total', 'under18', 10, 2),
				f('female', 'all', 12, 3),
				f('female', 'under15', 9, 4)
			])
		).toEqual([]);
	});
});
