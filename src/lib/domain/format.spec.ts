import { describe, expect, it } from 'vitest';
import { formatQuarter, formatShare, formatValue, pick } from './format';

describe('format', () => {
	it('writes counts with separators, in Khmer digits for Khmer', () => {
		expect(formatValue(181342, 'count', 'en')).toBe('181,342');
		expect(formatValue(1125, 'count', 'km')).toBe('១,១២៥');
		expect(formatValue(23.94, 'percent', 'km')).toBe('២៣.៩%');
	});

	it('writes percentages with one decimal', () => {
		expect(formatValue(23.94, 'percent', 'en')).toBe('23.9%');
		expect(formatValue(null, 'percent', 'en')).toBe('–');
	});

	it('writes shares as whole percentages', () => {
		expect(formatShare(0.975, 'en')).toBe('98%');
		expect(formatShare(null, 'en')).toBe('–');
		expect(formatShare(Infinity, 'en')).toBe('–');
	});

	it('writes quarters', () => {
		expect(formatQuarter({ year: 2004, quarter: 4 }, 'en')).toBe('2004 Q4');
		expect(formatQuarter({ year: 2004, quarter: 4 }, 'km')).toBe('ត្រីមាសទី៤ ឆ្នាំ២០០៤');
	});

	it('falls back to English where Khmer is missing', () => {
		expect(pick('km', 'Kandal', '')).toBe('Kandal');
		expect(pick('km', 'Kandal', 'កណ្ដាល')).toBe('កណ្ដាល');
	});
});
