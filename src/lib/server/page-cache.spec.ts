import { describe, expect, it } from 'vitest';
import { canonicalAddress } from './page-cache';

const address = (routeId: string, params: Record<string, string>, query = '') =>
	canonicalAddress(routeId, params, new URLSearchParams(query));

describe('canonicalAddress', () => {
	it('keeps only the query parameters the page reads, in one order', () => {
		expect(address('/(public)', {}, 'x=1')).toBe('/');
		expect(address('/(public)', {}, 'year=2003&fbclid=abc&map=PROT-02')).toBe(
			'/?map=PROT-02&year=2003'
		);
		expect(address('/(public)', {}, 'map=PROT-02&map=PREV-01')).toBe('/?map=PROT-02');
		expect(address('/(public)', {}, 'map=PROT-02&year=')).toBe('/?map=PROT-02&year=');
		expect(address('/(public)/data', {}, 'page=2')).toBe('/data');
	});

	it('drops a value too long to be one the page knows', () => {
		expect(address('/(public)', {}, `map=${'x'.repeat(41)}`)).toBe('/');
	});

	it('writes codes in capitals and parameters encoded one way', () => {
		expect(
			address('/(public)/indicators/[code]/[chart].png', { code: 'prot-02', chart: 'map' }, 'x=1')
		).toBe('/indicators/PROT-02/map.png');
		expect(address('/(public)/areas/[code]', { code: 'pr ot' })).toBe('/areas/PR%20OT');
		expect(address('/(public)/areas/[code=code]', { code: 'prot' })).toBe('/areas/PROT');
		expect(address('/(public)/indicators/[code]', { code: 'indicators' })).toBe(
			'/indicators/INDICATORS'
		);
	});
});
