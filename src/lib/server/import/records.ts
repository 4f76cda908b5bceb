/**
 * The records of a CSV text that comes in pieces (decode.ts), read by papaparse one record at a
 * time: neither the whole text nor a list of its rows is ever in memory. Each piece is parsed up
 * to its last complete record, and what follows waits for the next piece, as papaparse's own
 * streamers do. The records are those papaparse finds in the whole text, wherever the pieces are
 * cut (records.spec.ts), except that a line break at the very end ends the last record instead of
 * starting an empty one.
 *
 * Reading is bounded (`ReadLimits`): a record with too many cells, a cell or a header too long, or
 * a record too long ends the reading with what was exceeded and where, so that one line of a
 * file (or a quotation mark never closed) can never make the text held grow with the file.
 */
import Papa from 'papaparse';

/**
 * The delimiter (comma, semicolon or tab: the one that splits the header line most, quotes
 * respected), and whether the text holds the whole header line (or 10,000 characters of it).
 */
export function readHeader(text: string): { delimiter: string; whole: boolean } {
	const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	let whole = text.length > 10_000;
	for (let i = 0; i < Math.min(text.length, 10_000); i++) {
		const c = text[i];
		if (c === '"') quoted = !quoted;
		else if (!quoted && (c === '\n' || c === '\r')) {
			// A \r at the very end may be the first half of \r\n: the line break is not known yet.
			whole = c === '\n' || i < text.length - 1;
			break;
		} else if (!quoted && c in counts) counts[c]++;
	}
	const [best, most] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
	return { delimiter: most > 0 ? best : ',', whole };
}

/**
 * How lines end: `\r\n` (Windows), `\n`, or `\r` (old Macs), judged on the start of the text
 * outside quotes, as papaparse judges a whole text. When `more` text follows, a `\r` at the end
 * may be half of a `\r\n` and is left out.
 */
export function detectNewline(text: string, more = false): string {
	let sample = text.slice(0, 1 << 20);
	if (more && sample.endsWith('\r')) sample = sample.slice(0, -1);
	sample = sample.replace(/"[^]*?"/g, '');
	const r = sample.split('\r');
	const n = sample.split('\n');
	if (r.length === 1 || (n.length > 1 && n[0].length < r[0].length)) return '\n';
	const withN = r.filter((line) => line[0] === '\n').length;
	return withN >= r.length / 2 ? '\r\n' : '\r';
}

/** How much one record may hold; past any of these the file is refused, not read. */
export interface ReadLimits {
	/** Cells in a record, the header's included. */
	columns: number;
	/** Characters in one cell. */
	cellChars: number;
	/** Characters in one header cell (headers are shown, stored and mapped by name). */
	headerChars: number;
	/** Characters in one record, separators aside. */
	recordChars: number;
}

export const READ_LIMITS: ReadLimits = {
	columns: 100,
	cellChars: 10_000,
	headerChars: 200,
	recordChars: 100_000
};

/** The limit a record went past, and where: its row and (but for `record`) its column, from 1. */
export interface LimitExceeded {
	limit: 'columns' | 'cell' | 'header' | 'record';
	row: number;
	column: number;
	/** How many cells or characters there are (at least: a record may be cut short). */
	size: number;
	/** The limit itself. */
	max: number;
}

/** The first limit the cells of record `row` go past, if any. */
export function checkRecord(
	cells: string[],
	row: number,
	limits: ReadLimits
): LimitExceeded | null {
	if (cells.length > limits.columns)
		return {
			limit: 'columns',
			row,
			column: limits.columns + 1,
			size: cells.length,
			max: limits.columns
		};
	const max = row === 1 ? limits.headerChars : limits.cellChars;
	let total = 0;
	for (let i = 0; i < cells.length; i++) {
		total += cells[i].length;
		if (cells[i].length > max)
			return {
				limit: row === 1 ? 'header' : 'cell',
				row,
				column: i + 1,
				size: cells[i].length,
				max
			};
	}
	if (total > limits.recordChars)
		return { limit: 'record', row, column: 0, size: total, max: limits.recordChars };
	return null;
}

export interface CsvRecord {
	cells: string[];
	/** Spreadsheet row number: the header is row 1. */
	row: number;
	/** A quotation mark opened in this record is never closed. */
	unclosedQuote: boolean;
}

/**
 * Calls `step` with each record of the text, the header included, until it returns `false` or a
 * record goes past a limit (`exceeded`, and that record is not given to `step`). Returns the
 * delimiter found in the first piece (null for no text).
 */
export function eachRecord(
	pieces: Iterable<string>,
	step: (record: CsvRecord) => boolean | void,
	limits: ReadLimits = READ_LIMITS
): { delimiter: string | null; exceeded: LimitExceeded | null } {
	let parser: Papa.Parser | undefined;
	let delimiter: string | null = null;
	let exceeded: LimitExceeded | null = null;
	let row = 0;
	let stopped = false;
	let rest = '';
	const stop = () => {
		stopped = true;
		parser?.abort();
	};
	const config = (text: string, more: boolean): Papa.ParseConfig => ({
		delimiter: (delimiter = readHeader(text).delimiter),
		newline: detectNewline(text, more) as Papa.ParseConfig['newline'],
		step: (results: Papa.ParseStepResult<string[][]>) => {
			if (stopped) return;
			const unclosedQuote = results.errors.some((e) => e.type === 'Quotes');
			const cells = results.data[0];
			exceeded = checkRecord(cells, ++row, limits);
			if (exceeded || step({ cells, row, unclosedQuote }) === false) stop();
		}
	});
	// Parses up to the last complete record; the rest may go on in the next piece, and waits.
	const parseUpToLast = (text: string, more: boolean) => {
		parser ??= new Papa.Parser(config(text, more));
		rest = text.slice(parser.parse(text, 0, true).meta.cursor);
	};
	for (const piece of pieces) {
		const text = rest + piece;
		// The delimiter is judged on the whole header line: until it has come, the text waits.
		if (!parser && !readHeader(text).whole) rest = text;
		else parseUpToLast(text, true);
		if (stopped) return { delimiter, exceeded };
		// A record still open past the limit is refused now, not held until it ends.
		if (rest.length > limits.recordChars) {
			exceeded = openRecordExceeds(rest, row + 1, delimiter ?? ',', limits);
			return { delimiter, exceeded };
		}
	}
	if (!parser && rest !== '') parseUpToLast(rest, false);
	// The last record, unless the text ends with a line break.
	if (!stopped && rest !== '') parser?.parse(rest, 0, false);
	return { delimiter, exceeded };
}

/** What the start of a record that has not ended yet goes past: its cells if they tell, else its length. */
function openRecordExceeds(
	text: string,
	row: number,
	delimiter: string,
	limits: ReadLimits
): LimitExceeded {
	const cells = Papa.parse<string[]>(text, { delimiter, preview: 1 }).data[0] ?? [text];
	return (
		checkRecord(cells, row, limits) ?? {
			limit: 'record',
			row,
			column: 0,
			size: text.length,
			max: limits.recordChars
		}
	);
}
