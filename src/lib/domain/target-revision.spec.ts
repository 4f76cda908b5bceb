import { describe, expect, it } from 'vitest';
import { targetProblem, type TargetChange } from './target-revision';

const plan = { unit: 'count' as const, firstYear: 2000, lastYear: 2004 };
const change = (over: Partial<TargetChange>): TargetChange => ({
	field: 'milestone',
	year: 2003,
	value: 40,
	reason: 'Mid-term review',
	...over
});

describe('a revision of a target', () => {
	it('passes with a value, a year of the plan and a reason', () => {
		expect(targetProblem(change({}), plan)).toBeNull();
		expect(targetProblem(change({ field: 'end', year: null }), plan)).toBeNull();
		expect(targetProblem(change({ field: 'baseline', year: null, value: 0 }), plan)).toBeNull();
	});

	it.each([
		['a year before the plan', { year: 1999 }, 'refused_target_year'],
		['a year after it', { year: 2005 }, 'refused_target_year'],
		['a milestone without a year', { year: null }, 'refused_target_year'],
		['a negative value', { value: -1 }, 'refused_target_value'],
		['not a number', { value: Number.NaN }, 'refused_target_value'],
		['no reason', { reason: '   ' }, 'refused_reason_required'],
		['a reason too long', { reason: 'x'.repeat(5000) }, 'refused_too_long'],
		['another field', { field: 'other' as never }, 'refused_target_field']
	] as const)('refuses %s', (_, over, problem) => {
		expect(targetProblem(change(over), plan)).toBe(problem);
	});

	it('keeps a percentage within 0 and 100', () => {
		const percent = { ...plan, unit: 'percent' as const };
		expect(targetProblem(change({ value: 100 }), percent)).toBeNull();
		expect(targetProblem(change({ value: 101 }), percent)).toBe('refused_target_percent');
	});
});
