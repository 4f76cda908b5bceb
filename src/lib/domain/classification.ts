/**
 * The marking of what staff print and download: an output that holds figures
 * the public tier withholds is **internal**, and says so — "Internal — includes figures withheld
 * from the public", with the release it goes beyond and that release's date — on every printed
 * page and in every file. A public output carries no marking and is left exactly as it was: each
 * function here gives a public output back unchanged, byte for byte.
 *
 * Pure (no request, no messages): `src/lib/server/classification.ts` decides which a request gets
 * and words it from the messages; the print header is `ClassificationMark.svelte`.
 *
 * - CSV: a last column, `classification`, on every row. Not a first line of text: spreadsheets,
 *   pandas and R read the first line as the header, so a note there breaks every reader; a column
 *   keeps the file a plain table, and the marking stays with each row that is filtered, sorted or
 *   pasted elsewhere.
 * - JSON: a `classification` object first in the document.
 * - SVG (and the PNG drawn from it): a banner across the top of the image.
 * - File names: `-internal` before the extension.
 */
import { csvCell } from './csv';
import type { Locale } from './format';

/** An output anyone may have: no marking. */
export interface PublicClassification {
	level: 'public';
}

/** An output with figures withheld from the public: marked. */
export interface InternalClassification {
	level: 'internal';
	/** The latest release (what the public has), by number and UTC date; 0 and '' before the first. */
	release: { id: number; date: string };
	/** The marking in each language: what it is, and the release it goes beyond. */
	text: Record<Locale, { marking: string; release: string }>;
}

export type Classification = PublicClassification | InternalClassification;

export const PUBLIC: PublicClassification = { level: 'public' };

/** The marking as one line in one language ("Internal — … · Release 12 of 2026-12-02"), or null. */
export function markingLine(c: Classification, locale: Locale): string | null {
	if (c.level === 'public') return null;
	const { marking, release } = c.text[locale];
	return `${marking} · ${release}`;
}

/** A file's name (without its extension) as the classification has it: `PROT-02-internal`. */
export function classifiedName(name: string, c: Classification): string {
	return c.level === 'internal' ? `${name}-internal` : name;
}

/** The CSV column that carries the marking. */
export const CLASSIFICATION_COLUMN = 'classification';

/**
 * A CSV document (as `toCsv` writes it: CRLF after every record, line breaks inside quotes kept)
 * with the `classification` column last on every row: the marking in English and Khmer.
 */
export function classifyCsv(csv: string, c: Classification): string {
	if (c.level === 'public') return csv;
	const cell = `,${csvCell(`${markingLine(c, 'en')} / ${markingLine(c, 'km')}`)}`;
	let out = '';
	let from = 0;
	let quoted = false;
	let header = true;
	for (let i = 0; i < csv.length; i++) {
		const ch = csv[i];
		if (ch === '"') quoted = !quoted;
		else if (ch === '\r' && !quoted && csv[i + 1] === '\n') {
			out += csv.slice(from, i) + (header ? `,${CLASSIFICATION_COLUMN}` : cell) + '\r\n';
			header = false;
			from = i + 2;
			i++;
		}
	}
	return out + csv.slice(from);
}

/** A JSON document with the `classification` object first; a public one as it was. */
export function classifyJson<T extends object>(
	doc: T,
	c: Classification
): T | ({ classification: InternalClassification } & T) {
	return c.level === 'public' ? doc : { classification: c, ...doc };
}

/** The banner's height in SVG units: two lines of text. */
export const BANNER_HEIGHT = 36;

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A chart's SVG with the marking as a banner across its top, in the chart's language: the root
 * `viewBox` grows upwards by the banner's height (the drawing keeps its coordinates), and the
 * banner is drawn last, over everything. A public chart comes back unchanged.
 */
export function classifySvg(svg: string, c: Classification, locale: Locale): string {
	if (c.level === 'public') return svg;
	const root = /<svg\b[^>]*?\sviewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
	if (!root) throw new Error('classifySvg: the SVG has no viewBox');
	const [x, y, width, height] = root.slice(1).map(Number);
	const top = y - BANNER_HEIGHT;
	const viewBox = `viewBox="${x} ${top} ${width} ${height + BANNER_HEIGHT}"`;
	const { marking, release } = c.text[locale];
	const banner =
		`<g class="classification" font-size="12">` +
		`<rect x="${x}" y="${top}" width="${width}" height="${BANNER_HEIGHT}" fill="#fdecea"/>` +
		`<rect x="${x}" y="${y - 2}" width="${width}" height="2" fill="#8b1a1a"/>` +
		`<text x="${x + 8}" y="${top + 15}" fill="#8b1a1a" font-weight="700">${escapeXml(marking)}</text>` +
		`<text x="${x + 8}" y="${top + 30}" fill="#8b1a1a">${escapeXml(release)}</text></g>`;
	const at = root.index + root[0].length;
	const start = svg.slice(0, root.index) + root[0].replace(/viewBox="[^"]*"/, viewBox);
	const end = svg.lastIndexOf('</svg>');
	return start + svg.slice(at, end) + banner + svg.slice(end);
}
