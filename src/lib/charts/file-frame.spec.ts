import { describe, expect, it } from 'vitest';
import { frameChartFile, wrapText } from './file-frame';

const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 240"><rect/></svg>';

describe('frameChartFile', () => {
	it('puts the title and unit above the drawing and the source below, growing the viewBox', () => {
		const framed = frameChartFile(svg, {
			title: 'PROT-02 Victims rescued',
			unit: 'Count',
			source: 'Plan Monitor, 2005-01-15'
		});
		expect(framed).toMatch(/viewBox="0 -46 640 312"/);
		for (const text of ['PROT-02 Victims rescued', 'Count', 'Plan Monitor, 2005-01-15'])
			expect(framed).toContain(`>${text}</text>`);
		expect(framed.endsWith('</g></svg>')).toBe(true);
	});

	it('says what was withheld and that the data are a demonstration only when told to', () => {
		const plain = frameChartFile(svg, { title: 'T', source: 'S' });
		const both = frameChartFile(svg, { title: 'T', source: 'S', withheld: 'W note', demo: 'D' });
		expect(plain).not.toContain('W note');
		expect(both).toContain('>W note</text>');
		expect(both).toContain('>D</text>');
	});

	it('escapes the words and refuses an SVG without a viewBox', () => {
		expect(frameChartFile(svg, { title: 'A < B & "C"', source: 'S' })).toContain(
			'A &lt; B &amp; &quot;C&quot;'
		);
		expect(() => frameChartFile('<svg></svg>', { title: 'T', source: 'S' })).toThrow();
	});
});

describe('wrapText', () => {
	it('breaks at spaces, keeping a long word whole', () => {
		expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
		expect(wrapText('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
	});
});
