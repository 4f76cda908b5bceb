import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
	BANNER_HEIGHT,
	classifiedName,
	classifyCsv,
	classifyJson,
	classifySvg,
	markingLine,
	PUBLIC,
	type InternalClassification
} from './classification';
import { toCsv } from './csv';

const internal: InternalClassification = {
	level: 'internal',
	release: { id: 12, date: '2026-12-02' },
	text: {
		en: {
			marking: 'Internal — includes figures withheld from the public',
			release: 'Release 12 of 2026-12-02'
		},
		km: { marking: 'ផ្ទៃក្នុង', release: 'ការផ្សព្វផ្សាយលេខ ១២' }
	}
};

const csv = toCsv([
	['indicator', 'note', 'value'],
	['PROT-02', 'a "quoted"\r\nline break, and a comma', 4],
	['PROT-07', '-1', null]
]);

describe('public outputs', () => {
	it('are given back exactly as they were', () => {
		expect(classifyCsv(csv, PUBLIC)).toBe(csv);
		const doc = { records: [1, 2] };
		expect(classifyJson(doc, PUBLIC)).toBe(doc);
		const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>';
		expect(classifySvg(svg, PUBLIC, 'en')).toBe(svg);
		expect(classifiedName('PROT-02', PUBLIC)).toBe('PROT-02');
		expect(markingLine(PUBLIC, 'en')).toBeNull();
	});
});

describe('internal outputs', () => {
	it('say what they are, the release and its date, in the language asked for', () => {
		expect(markingLine(internal, 'en')).toBe(
			'Internal — includes figures withheld from the public · Release 12 of 2026-12-02'
		);
		expect(markingLine(internal, 'km')).toBe('ផ្ទៃក្នុង · ការផ្សព្វផ្សាយលេខ ១២');
		expect(classifiedName('PROT-02-series', internal)).toBe('PROT-02-series-internal');
	});

	it('CSV: every row ends in the classification column, in both languages; the rest is untouched', () => {
		const marked = classifyCsv(csv, internal);
		const rows = Papa.parse<string[]>(marked, { skipEmptyLines: true }).data;
		const before = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
		expect(rows).toHaveLength(3);
		expect(rows[0]).toEqual([...before[0], 'classification']);
		const line = `${markingLine(internal, 'en')} / ${markingLine(internal, 'km')}`;
		for (let i = 1; i < rows.length; i++) expect(rows[i]).toEqual([...before[i], line]);
		// The quoted line break is still inside its cell, the formula guard kept.
		expect(rows[1][1]).toBe('a "quoted"\r\nline break, and a comma');
		expect(rows[2][1]).toBe("'-1");
		expect(marked.endsWith('\r\n')).toBe(true);
	});

	it('JSON: the classification object comes first', () => {
		const marked = classifyJson({ records: [1] }, internal);
		expect(Object.keys(marked)).toEqual(['classification', 'records']);
		expect(marked).toEqual({ classification: internal, records: [1] });
	});

	it('SVG: a banner above the drawing, which keeps its coordinates', () => {
		const svg =
			'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 74" role="img"><rect width="100%" height="100%" fill="#fff"/><text x="1" y="2">a</text></svg>';
		const marked = classifySvg(svg, internal, 'en');
		expect(marked).toContain(`viewBox="0 -${BANNER_HEIGHT} 480 ${74 + BANNER_HEIGHT}"`);
		expect(marked.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
		expect(marked).toContain('<text x="1" y="2">a</text>');
		expect(marked).toContain('>Internal — includes figures withheld from the public</text>');
		expect(marked).toContain('>Release 12 of 2026-12-02</text>');
		expect(marked.endsWith('</g></svg>')).toBe(true);
		expect(classifySvg(svg, internal, 'km')).toContain('>ផ្ទៃក្នុង</text>');
	});

	it('SVG: text is escaped as XML', () => {
		const odd = {
			...internal,
			text: { ...internal.text, en: { marking: 'A & <B>', release: '"1"' } }
		};
		const marked = classifySvg('<svg viewBox="0 0 1 1"></svg>', odd, 'en');
		expect(marked).toContain('>A &amp; &lt;B&gt;</text>');
		expect(marked).toContain('>&quot;1&quot;</text>');
	});
});
