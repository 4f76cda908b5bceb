import { describe, expect, it } from 'vitest';
import { nextPublication, publicationDate } from './calendar';

describe('the publication calendar', () => {
	it('publishes a quarter a set number of days after its reporting deadline', () => {
		// 2003Q2 ends on 30 June; the deadline is the end of 30 July; 15 days later.
		const date = publicationDate({ year: 2003, quarter: 2 }, 30, 15);
		expect(date.toISOString()).toBe('2003-08-14T23:59:59.999Z');
	});

	it('finds the next publication after any moment', () => {
		const at = (iso: string) => nextPublication(new Date(iso), 30, 15).toISOString();
		expect(at('2026-12-02T05:00:00Z')).toBe('2027-02-14T23:59:59.999Z');
		expect(at('2026-11-14T23:59:59.999Z')).toBe('2027-02-14T23:59:59.999Z');
		expect(at('2026-11-14T12:00:00Z')).toBe('2026-11-14T23:59:59.999Z');
		// With a long lag a quarter may be published two quarters on.
		expect(nextPublication(new Date('2026-01-01T00:00:00Z'), 30, 120).toISOString()).toBe(
			'2026-02-27T23:59:59.999Z'
		);
	});
});
