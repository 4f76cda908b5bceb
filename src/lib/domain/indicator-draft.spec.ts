import { describe, expect, it } from 'vitest';
import {
	indicatorProblem,
	isIndicatorCode,
	textChangeProblem,
	type IndicatorDraft
} from './indicator-draft';

const plan = { areas: ['PREV', 'PROT'], codes: ['PROT-01'], firstYear: 2000, lastYear: 2004 };
const draft = (change: Partial<IndicatorDraft> = {}): IndicatorDraft => ({
	code: 'PROT-90',
	area: 'PROT',
	nameEn: 'Child victims given shelter',
	nameKm: 'កុមាររងគ្រោះដែលទទួលបានទីជំរក',
	definitionEn: 'Children admitted in the quarter.',
	definitionKm: 'កុមារដែលបានទទួលក្នុងត្រីមាស។',
	unit: 'count',
	accumulation: 'sum',
	direction: 'increase',
	sexes: ['female', 'male'],
	ageGroups: ['under15'],
	sensitive: true,
	target: { baseline: 0, end: 100, milestones: { 2002: 40 } },
	...change
});

describe('a new indicator', () => {
	it('passes when the plan can hold it', () => {
		expect(indicatorProblem(draft(), plan)).toBeNull();
	});

	it('takes a code made of its area, a dash and two or three digits', () => {
		expect(isIndicatorCode('PROT-90', 'PROT')).toBe(true);
		expect(isIndicatorCode('PROT-100', 'PROT')).toBe(true);
		expect(isIndicatorCode('PREV-90', 'PROT')).toBe(false);
		expect(isIndicatorCode('PROT-9', 'PROT')).toBe(false);
		expect(isIndicatorCode('prot-90', 'PROT')).toBe(false);
	});

	it.each([
		['an unknown area', { area: 'NOPE' }, 'refused_area_unknown'],
		['a code of another area', { code: 'PREV-90' }, 'refused_indicator_code'],
		['a code taken', { code: 'PROT-01' }, 'refused_indicator_exists'],
		['no Khmer name', { nameKm: ' ' }, 'refused_indicator_names'],
		['no English definition', { definitionEn: '' }, 'refused_indicator_definitions'],
		['a name too long', { nameEn: 'x'.repeat(201) }, 'refused_too_long'],
		['an unknown unit', { unit: 'ratio' }, 'refused_indicator_kind'],
		['an unknown accumulation', { accumulation: 'max' }, 'refused_indicator_kind'],
		['an unknown direction', { direction: 'up' }, 'refused_indicator_kind'],
		['the total as a breakdown', { sexes: ['total'] }, 'refused_indicator_breakdown'],
		['an unknown age group', { ageGroups: ['elderly'] }, 'refused_indicator_breakdown'],
		[
			'a target that is not a number',
			{ target: { baseline: Number.NaN, end: 1, milestones: {} } },
			'refused_target_value'
		],
		[
			'a percentage over 100',
			{ unit: 'percent', target: { baseline: 10, end: 120, milestones: {} } },
			'refused_target_percent'
		],
		[
			'a milestone outside the plan',
			{ target: { baseline: 0, end: 1, milestones: { 2005: 1 } } },
			'refused_target_year'
		]
	] as const)('is refused for %s', (_, change, key) => {
		expect(indicatorProblem(draft(change as Partial<IndicatorDraft>), plan)?.key).toBe(key);
	});
});

describe('a change of names and definitions', () => {
	const texts = draft();
	it('needs both languages and a reason', () => {
		expect(textChangeProblem(texts, 'Clearer wording')).toBeNull();
		expect(textChangeProblem(texts, '  ')?.key).toBe('refused_reason_required');
		expect(textChangeProblem({ ...texts, definitionKm: '' }, 'x')?.key).toBe(
			'refused_indicator_definitions'
		);
		expect(textChangeProblem(texts, 'x'.repeat(4001))?.key).toBe('refused_too_long');
	});
});
