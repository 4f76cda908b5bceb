import { describe, expect, it } from 'vitest';
import { MAX_PAGE, pageOffset, parsePageNumber } from './paging';

describe('parsePageNumber', () => {
	it('reads plain page numbers', () => {
		expect(parsePageNumber('1')).toBe(1);
		expect(parsePageNumber('7')).toBe(7);
		expect(parsePageNumber('007')).toBe(7);
		expect(parsePageNumber(String(MAX_PAGE))).toBe(MAX_PAGE);
	});

	it('gives the first page for anything else, never a fraction or infinity', () => {
		for (const value of [
			null,
			undefined,
			'',
			'0',
			'-3',
			'1.01',
			'1e400',
			'1e3',
			'0x10',
			' 2',
			'2 ',
			'Infinity',
			'NaN',
			'٢',
			'២',
			'9999999',
			String(MAX_PAGE + 1)
		]) {
			const page = parsePageNumber(value);
			expect(page, JSON.stringify(value)).toBe(1);
		}
	});

	it('gives whole offsets', () => {
		expect(pageOffset(1, 50)).toBe(0);
		expect(pageOffset(3, 50)).toBe(100);
		expect(Number.isSafeInteger(pageOffset(MAX_PAGE, 200))).toBe(true);
	});
});
