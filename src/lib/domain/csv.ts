/**
 * Writing CSV that opens safely in a spreadsheet: fields with commas, quotes or line breaks are
 * quoted, and a text cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage return) is
 * prefixed with `'` so that it is never run as a formula. Numbers are written
 * as numbers: a negative number is data, not a formula.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field. */
export function csvCell(value: string | number | boolean | null | undefined): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	let text = String(value);
	if (FORMULA_START.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document, CRLF line ends as spreadsheets write them. */
export function toCsv(
	rows: readonly (readonly (string | number | boolean | null | undefined)[])[]
): string {
	return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
