import { describe, expect, it } from 'vitest';
import { khmerFirst, rasterise, svgToPng } from './png';

const svg = (text: string) =>
	`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="28" font-size="20" font-family="'Noto Sans Khmer', sans-serif">${text}</text></svg>`;

describe('svgToPng', () => {
	it('draws a PNG at twice the size of the SVG', () => {
		const png = svgToPng(svg('PROT-02'));
		expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
		// IHDR: width and height, big-endian, right after the signature and the chunk header.
		expect(png.readUInt32BE(16)).toBe(240);
		expect(png.readUInt32BE(20)).toBe(80);
	});

	it('draws Khmer and Latin text with the bundled font (text makes a larger image than none)', () => {
		const blank = svgToPng(svg('')).length;
		expect(svgToPng(svg('ខ្មែរ')).length).toBeGreaterThan(blank + 200);
		expect(svgToPng(svg('Khmer')).length).toBeGreaterThan(blank + 200);
	});

	it('draws a dash inside Khmer text (no missing-glyph box)', () => {
		// A missing glyph draws as a box: more ink than a thin dash. Same text, dash or space.
		const dash = svgToPng(svg('១៥–១៧ ឆ្នាំ')).length;
		const space = svgToPng(svg('១៥ ១៧ ឆ្នាំ')).length;
		expect(dash - space).toBeLessThan(150);
		// The measure sees a box: a sign the font lacks (a snowman) draws one, and costs more.
		expect(svgToPng(svg('១៥☃១៧ ឆ្នាំ')).length - space).toBeGreaterThan(150);
	});
});

describe('Khmer after a code in one text', () => {
	const mixed = svg('PR ផ្លូវ');

	it('begins with an invisible Khmer sign, so that resvg shapes it as Khmer', () => {
		expect(khmerFirst(mixed)).toBe(svg('\u17b4PR ផ្លូវ'));
		expect(khmerFirst(svg('<tspan>PR</tspan> ផ្លូវ'))).toBe(svg('\u17b4<tspan>PR</tspan> ផ្លូវ'));
		// Texts that begin in Khmer, or hold none, are left as they are.
		for (const text of ['ផ្លូវ PR', 'PROT-02', '']) expect(khmerFirst(svg(text))).toBe(svg(text));
	});

	it('draws otherwise than the text left as it is, and the same where Khmer comes first', () => {
		expect(svgToPng(mixed).equals(rasterise(mixed))).toBe(false);
		expect(svgToPng(svg('ផ្លូវ PR')).equals(rasterise(svg('ផ្លូវ PR')))).toBe(true);
	});
});
