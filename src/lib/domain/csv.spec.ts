import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('csvCell', () => {
	it('quotes commas, quotes and line breaks', () => {
		expect(csvCell('two convictions, Phnom Penh court')).toBe(
			'"two convictions, Phnom Penh court"'
		);
		expect(csvCell('say "no"')).toBe('"say ""no"""');
		expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
	});

	it.each(['=1+1', '+1', '-2', '@SUM(A1)', '\tx'])('defuses a formula: %s', (text) => {
		expect(csvCell(text).replace(/^"/, '')).toMatch(/^'/);
	});

	it('writes numbers as numbers, negative ones too', () => {
		expect(csvCell(-3)).toBe('-3');
		expect(csvCell(12.5)).toBe('12.5');
		expect(csvCell(NaN)).toBe('');
		expect(csvCell(null)).toBe('');
	});

	it('keeps Khmer text as it is', () => {
		expect(csvCell('កណ្ដាល')).toBe('កណ្ដាល');
	});
});

describe('toCsv', () => {
	it('round-trips through a CSV parser', () => {
		const rows = [
			['reporter', 'note'],
			['LICADHO', 'a, b "c"\nd']
		];
		const text = toCsv(rows);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(Papa.parse(text.trim(), { newline: '\r\n' }).data).toEqual(rows);
	});
});
