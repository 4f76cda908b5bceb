import { describe, expect, it } from 'vitest';
import {
	formatPeriod,
	parsePeriod,
	periodOf,
	quarterEnd,
	quartersOf,
	reportDeadline,
	toAsciiDigits
} from './periods';

describe('parsePeriod', () => {
	it.each([
		['2001Q3', 2001, 3],
		['2001q3', 2001, 3],
		['2001-Q3', 2001, 3],
		['2001 Q3', 2001, 3],
		['Q3 2001', 2001, 3],
		['Q3/2001', 2001, 3],
		['q3-2001', 2001, 3],
		[' 2002Q1 ', 2002, 1],
		['២០០២Q២', 2002, 2]
	])('reads %s', (text, year, quarter) => {
		expect(parsePeriod(text)).toEqual({ year, quarter });
	});

	it.each(['2001Q5', '2001Q0', '2001', 'Q3', '01Q3', '2001-07-01', 'third quarter 2001', ''])(
		'refuses %s',
		(text) => {
			expect(parsePeriod(text)).toBeNull();
		}
	);
});

describe('quarters', () => {
	it('formats canonically', () => {
		expect(formatPeriod({ year: 2001, quarter: 3 })).toBe('2001Q3');
	});

	it('lists the plan quarters in order', () => {
		const q = quartersOf(2000, 2004);
		expect(q).toHaveLength(20);
		expect(q[0]).toBe('2000Q1');
		expect(q.at(-1)).toBe('2004Q4');
		expect([...q].sort()).toEqual(q);
	});

	it('knows the end of each quarter', () => {
		expect(quarterEnd({ year: 2001, quarter: 1 }).toISOString()).toBe('2001-03-31T00:00:00.000Z');
		expect(quarterEnd({ year: 2000, quarter: 4 }).toISOString()).toBe('2000-12-31T00:00:00.000Z');
	});

	it('puts the deadline at the end of the 30th day after the quarter', () => {
		const d = reportDeadline({ year: 2001, quarter: 2 }, 30);
		expect(d.toISOString()).toBe('2001-07-30T23:59:59.999Z');
	});

	it('finds the quarter of a date', () => {
		expect(periodOf(new Date('2003-08-15T00:00:00Z'))).toEqual({ year: 2003, quarter: 3 });
	});

	it('converts Khmer digits', () => {
		expect(toAsciiDigits('១២៣០')).toBe('1230');
	});
});
