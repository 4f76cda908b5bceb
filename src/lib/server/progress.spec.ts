import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './db';
import { loadIndicatorProgress, loadPlanProgress } from './progress';
import { approveSubmission, createSubmission } from './submissions';
import { tempDatabase } from './testing/temp-db';

let db: Db;
let dispose: () => void;
beforeEach(() => ({ db, dispose } = tempDatabase()));
afterEach(() => dispose());

function approve(indicator: string, value: number) {
	const id = createSubmission(db, {
		reporter: 'CWCC',
		period: '2002Q1',
		source: 'cli',
		at: '2002-04-10T00:00:00.000Z',
		rows: [{ indicator, province: 'KH-12', period: '2002Q1', sex: 'total', ageGroup: 'all', value }]
	});
	approveSubmission(db, id, { reviewer: 'r', at: '2002-04-20T00:00:00.000Z' });
}

describe('the public progress pages', () => {
	it('withhold a small count of children, and the shares computed from it', () => {
		approve('PROT-07', 4);
		const found = loadIndicatorProgress(db, 'PROT-07');
		expect(found?.progress.hidden).toBe(true);
		expect(found?.progress.assessment).toMatchObject({ actual: null, progress: null, ratio: null });
		expect(found?.years.find((y) => y.year === 2002)).toMatchObject({
			actual: null,
			progress: null,
			hidden: true
		});
		const overview = loadPlanProgress(db).areas.flatMap((a) => a.indicators);
		expect(overview.find((i) => i.indicator.code === 'PROT-07')?.assessment.actual).toBeNull();
	});

	it('withhold a second year where one small year could be recovered from the plan-to-date total', () => {
		const row = (period: string, value: number) => ({
			indicator: 'PROT-07',
			province: 'KH-12',
			period,
			sex: 'total' as const,
			ageGroup: 'all' as const,
			value
		});
		const id = createSubmission(db, {
			reporter: 'CWCC',
			period: null,
			source: 'cli',
			at: '2004-04-10T00:00:00.000Z',
			rows: [row('2001Q1', 40), row('2002Q1', 3), row('2003Q1', 25)]
		});
		approveSubmission(db, id, { reviewer: 'r', at: '2004-04-20T00:00:00.000Z' });
		const found = loadIndicatorProgress(db, 'PROT-07');
		expect(found?.progress.assessment.actual).toBe(68);
		expect(found?.years.map((y) => [y.year, y.actual, y.hidden])).toEqual([
			[2000, null, false],
			[2001, 40, false],
			[2002, null, true],
			[2003, null, true],
			[2004, null, false]
		]);
	});

	it('show small counts of things that are not children, and counts of children from 10', () => {
		approve('PROT-04', 4);
		approve('RECO-01', 12);
		expect(loadIndicatorProgress(db, 'PROT-04')?.progress.assessment.actual).toBe(4);
		expect(loadIndicatorProgress(db, 'RECO-01')?.progress).toMatchObject({
			hidden: false,
			assessment: { actual: 12 }
		});
	});
});
