import { describe, expect, it } from 'vitest';
import { solveLp } from '../server/lp';
import { indicatorPage, type PageContext } from './indicator-page';
import type { Area, Indicator, Plan, Province } from './plan-records';
import type { FigureRow } from './public-tables';

const plan: Plan = {
	id: 1,
	code: 'test',
	titleEn: 'Test plan',
	titleKm: 'Test plan',
	firstYear: 2000,
	lastYear: 2001,
	deadlineDays: 30,
	createdAt: '2000-01-01T00:00:00.000Z'
};
const area: Area = {
	code: 'PROT',
	planId: 1,
	position: 1,
	nameEn: 'Protection',
	nameKm: 'Protection',
	descriptionEn: '',
	descriptionKm: ''
};
const indicator = (sensitive: boolean): Indicator => ({
	code: 'PROT-07',
	areaCode: 'PROT',
	position: 1,
	nameEn: 'Children',
	nameKm: 'Children',
	definitionEn: '',
	definitionKm: '',
	unit: 'count',
	accumulation: 'sum',
	direction: 'increase',
	sexes: 'female,male',
	ageGroups: '',
	sensitive,
	computed: false,
	retiredAt: null
});
const province = (code: string): Province => ({
	code,
	nameEn: code,
	nameKm: code,
	level: 'province',
	validFromYear: null,
	parentCode: null,
	position: 1
});
const target = { firstYear: 2000, lastYear: 2001, baseline: 0, milestones: {}, endTarget: 100 };
const row = (province: string, period: string, value: number, sex = 'total'): FigureRow => ({
	province,
	reporter: 'CWCC',
	period,
	sex,
	ageGroup: 'all',
	value
});
const rows = [
	row('KH-1', '2000Q1', 40),
	row('KH-2', '2000Q1', 3),
	row('KH-1', '2000Q2', 20),
	row('KH-1', '2000Q1', 38, 'female'),
	row('KH-1', '2000Q1', 2, 'male')
];
const context = (suppress: boolean): PageContext => ({
	plan,
	asOf: { year: 2000, quarter: 2 },
	through: '2000Q2',
	provinces: [province('KH-1'), province('KH-2')],
	k: 10,
	suppress,
	published: new Map(),
	rank: (cells) => cells.map((_, i) => i),
	solve: solveLp
});

describe('an indicator page', () => {
	it('gives every figure unsuppressed: to date, by quarter, province and breakdown', () => {
		const { page, protected: kept } = indicatorPage(
			{ indicator: indicator(true), area, target, rows },
			context(false)
		);
		expect(kept).toBeNull();
		expect(page.national).toEqual({ value: 63, hidden: false });
		expect(page.quarters.slice(0, 3).map((q) => q.value)).toEqual([43, 20, null]);
		expect(page.quarters).toHaveLength(8);
		expect(page.provinces.map((p) => [p.code, p.value])).toEqual([
			['KH-1', 60],
			['KH-2', 3]
		]);
		// What was reported without a sex (63 − 40) is listed as not recorded.
		expect(page.sexes.map((c) => [c.sex, c.value])).toEqual([
			['female', 38],
			['male', 2],
			['not-recorded', 23]
		]);
		expect(page.provinceYears.map((y) => y.year)).toEqual([2000]);
		expect(page).toMatchObject({ suppressed: false, k: 10, asOf: { year: 2000, quarter: 2 } });
	});

	it("withholds a sensitive indicator's small counts, with no value, and logs why", () => {
		const { page, protected: kept } = indicatorPage(
			{ indicator: indicator(true), area, target, rows },
			context(true)
		);
		expect(page.provinces.find((p) => p.code === 'KH-2')).toMatchObject({
			value: null,
			hidden: true
		});
		expect(page.sexes.find((c) => c.sex === 'male')).toEqual({
			sex: 'male',
			ageGroup: 'all',
			value: null,
			hidden: true
		});
		expect(kept?.withheld.filter((w) => w.reason === 'primary').length).toBeGreaterThanOrEqual(2);
		expect(kept?.published.every(([, value]) => value === 0 || value >= 10)).toBe(true);
	});

	it('shows small counts of an indicator that counts no children, even when suppressing', () => {
		const { page, protected: kept } = indicatorPage(
			{ indicator: indicator(false), area, target, rows },
			context(true)
		);
		expect(kept).toBeNull();
		expect(page.provinces.find((p) => p.code === 'KH-2')).toMatchObject({ value: 3 });
		expect(page.suppressed).toBe(true);
	});
});
