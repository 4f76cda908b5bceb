/**
 * Quarters, the plan's unit of time: written `2001Q3`, sortable as text.
 *
 * Pure functions; `parsePeriod` accepts the spellings real files use (`2001Q3`, `2001-Q3`,
 * `Q3 2001`, `Q3/2001`, any case, Khmer digits) and returns the canonical form or null.
 */

export type Quarter = 1 | 2 | 3 | 4;
export interface Period {
	year: number;
	quarter: Quarter;
}

const KHMER_ZERO = 0x17e0;

/** Replaces Khmer digits (០–៩) with ASCII digits. */
export function toAsciiDigits(text: string): string {
	return text.replace(/[\u17e0-\u17e9]/g, (d) => String(d.charCodeAt(0) - KHMER_ZERO));
}

/** Reads a period in any accepted spelling; null when it is not a quarter. */
export function parsePeriod(text: string): Period | null {
	const s = toAsciiDigits(text).trim().toUpperCase().replace(/\s+/g, ' ');
	const m = /^(\d{4})\s?[-/ ]?\s?Q([1-4])$/.exec(s) ?? /^Q([1-4])\s?[-/ ]?\s?(\d{4})$/.exec(s);
	if (!m) return null;
	const [year, quarter] = s.startsWith('Q') ? [m[2], m[1]] : [m[1], m[2]];
	return { year: Number(year), quarter: Number(quarter) as Quarter };
}

/** The canonical spelling, `2001Q3`. */
export function formatPeriod({ year, quarter }: Period): string {
	return `${year}Q${quarter}`;
}

/** Parses a canonical or loose period, throwing on anything else (for trusted input). */
export function period(text: string): Period {
	const p = parsePeriod(text);
	if (!p) throw new Error(`Not a quarter: ${text}`);
	return p;
}

/** Every quarter from the first quarter of `firstYear` to the last of `lastYear`, in order. */
export function quartersOf(firstYear: number, lastYear: number): string[] {
	const out: string[] = [];
	for (let y = firstYear; y <= lastYear; y++) for (let q = 1; q <= 4; q++) out.push(`${y}Q${q}`);
	return out;
}

/** The last day of a quarter, as a UTC date. */
export function quarterEnd({ year, quarter }: Period): Date {
	return new Date(Date.UTC(year, quarter * 3, 0));
}

/** The date by which a quarter's report is on time: `days` after the quarter ends, end of day. */
export function reportDeadline(p: Period, days: number): Date {
	const end = quarterEnd(p);
	return new Date(end.getTime() + (days + 1) * 86_400_000 - 1);
}

/** The quarter that contains a date (UTC). */
export function periodOf(date: Date): Period {
	return {
		year: date.getUTCFullYear(),
		quarter: (Math.floor(date.getUTCMonth() / 3) + 1) as Quarter
	};
}
