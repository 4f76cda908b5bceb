/**
 * A chart as a file that stands on its own once it leaves the page: above the drawing its title
 * and unit, below it the source and release date, the note on withheld figures when the chart
 * has any, and the demonstration-data label when the figures are demonstration data. Pure: takes
 * the chart's standalone SVG (a root with a `viewBox`) and the words, in the chart's language,
 * and grows the `viewBox` up and down around the drawing, which keeps its coordinates.
 */

/** What a chart file says besides its drawing. */
export interface FileWords {
	title: string;
	unit?: string;
	/** "Plan Monitor, 2005-01-15". */
	source: string;
	/** Said when the chart has a withheld figure. */
	withheld?: string;
	/** Said when the figures are demonstration data. */
	demo?: string;
}

const LINE = 18;
const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Text broken at spaces into lines of at most `chars` characters (a word longer than a line
 * keeps a line of its own): resvg, which draws the PNG, does not wrap text.
 */
export function wrapText(text: string, chars: number): string[] {
	const lines: string[] = [];
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const last = lines.at(-1);
		if (last !== undefined && last.length + 1 + word.length <= chars)
			lines[lines.length - 1] = `${last} ${word}`;
		else lines.push(word);
	}
	return lines;
}

/** The chart's SVG framed by its words (see the module's header). */
export function frameChartFile(svg: string, words: FileWords): string {
	const root = /<svg\b[^>]*?\sviewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
	if (!root) throw new Error('frameChartFile: the SVG has no viewBox');
	const [x, y, width, height] = root.slice(1).map(Number);
	// About 7 units a character at 13 px (Khmer clusters are wider but fewer).
	const chars = Math.max(30, Math.floor((width - 16) / 7));
	const head = [
		...wrapText(words.title, Math.floor(chars * 0.85)).map((t) => ({ t, bold: true })),
		...(words.unit ? [{ t: words.unit, bold: false }] : [])
	];
	const foot = [
		words.source,
		...(words.withheld ? wrapText(words.withheld, chars) : []),
		...(words.demo ? wrapText(words.demo, chars) : [])
	];
	const top = y - head.length * LINE - 10;
	const bottom = y + height + foot.length * LINE + 8;
	const lines = (items: { t: string; bold: boolean; fill: string }[], from: number) =>
		items
			.map(
				(l, i) =>
					`<text x="${x + 8}" y="${from + i * LINE}" fill="${l.fill}"${l.bold ? ' font-weight="700"' : ''}>${escapeXml(l.t)}</text>`
			)
			.join('');
	const frame =
		`<g class="file-frame" font-size="13">` +
		`<rect x="${x}" y="${top}" width="${width}" height="${y - top}" fill="#fff"/>` +
		`<rect x="${x}" y="${y + height}" width="${width}" height="${bottom - y - height}" fill="#fff"/>` +
		lines(
			head.map((l) => ({ ...l, fill: '#1f2937' })),
			top + LINE
		) +
		lines(
			foot.map((t) => ({ t, bold: false, fill: '#4b5563' })),
			y + height + LINE
		) +
		`</g>`;
	const viewBox = `viewBox="${x} ${top} ${width} ${bottom - top}"`;
	const at = root.index + root[0].length;
	const start = svg.slice(0, root.index) + root[0].replace(/viewBox="[^"]*"/, viewBox);
	const end = svg.lastIndexOf('</svg>');
	return start + svg.slice(at, end) + frame + svg.slice(end);
}
