import { describe, expect, it } from 'vitest';
import { byReporter, completenessMatrix, onTimeRates } from './completeness';

describe('completenessMatrix', () => {
	const cells = completenessMatrix({
		reporters: ['CWCC', 'LAC', 'CRF'],
		periods: ['2001Q1', '2001Q2'],
		deadlineDays: 30,
		reports: [
			{
				reporter: 'CWCC',
				period: '2001Q1',
				submittedAt: '2001-04-30T23:00:00.000Z',
				nothingToReport: false
			},
			{
				reporter: 'CWCC',
				period: '2001Q2',
				submittedAt: '2001-07-31T09:00:00.000Z',
				nothingToReport: false
			},
			// a resubmission does not make a late report on time, nor an on-time one late
			{
				reporter: 'LAC',
				period: '2001Q1',
				submittedAt: '2001-04-02T09:00:00.000Z',
				nothingToReport: false
			},
			{
				reporter: 'LAC',
				period: '2001Q1',
				submittedAt: '2001-06-02T09:00:00.000Z',
				nothingToReport: false
			},
			{
				reporter: 'CRF',
				period: '2001Q1',
				submittedAt: '2001-04-10T09:00:00.000Z',
				nothingToReport: true
			}
		]
	});
	const state = (reporter: string, p: string) =>
		cells.find((c) => c.reporter === reporter && c.period === p);

	it('is on time up to the end of the 30th day after the quarter', () => {
		expect(state('CWCC', '2001Q1')?.state).toBe('on_time');
		expect(state('CWCC', '2001Q2')?.state).toBe('late');
	});

	it('takes the first report of a cell', () => {
		expect(state('LAC', '2001Q1')?.state).toBe('on_time');
	});

	it('tells a true zero from a missing report', () => {
		expect(state('CRF', '2001Q1')).toMatchObject({ state: 'on_time', nothingToReport: true });
		expect(state('CRF', '2001Q2')).toMatchObject({ state: 'missing', nothingToReport: false });
	});

	it('counts each reporter’s quarters by state', () => {
		expect(
			byReporter(['LAC', 'CWCC'], cells).map(({ reporter, onTime, late, missing }) => [
				reporter,
				onTime,
				late,
				missing
			])
		).toEqual([
			['LAC', 1, 0, 1],
			['CWCC', 1, 1, 0]
		]);
	});

	it('rates each quarter by reports received on time', () => {
		const rates = onTimeRates(cells);
		expect(rates.get('2001Q1')).toBe(100);
		expect(rates.get('2001Q2')).toBe(0);
	});
});
