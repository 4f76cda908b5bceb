/**
 * An import's report as it is kept with a submission and shown on its page, bounded whatever the
 * file held: every text from the file (values, headers, names) cut to `SHOWN_CHARS`, at most
 * `MAX_STORED_ERRORS` problems listed (all of them counted), at most `MAX_UNKNOWN` unknown names
 * offered for mapping, and only names short enough to be mapped. A report stored before these
 * bounds is bounded the same way when it is read (`boundReport`).
 */
import type { RowError } from './validate';
import type { Field } from './vocabulary';

/** Texts from a file are kept and shown up to this many characters. */
export const SHOWN_CHARS = 200;
/** At most this many problems are kept with a submission (all are counted). */
export const MAX_STORED_ERRORS = 1000;
/** At most this many unknown headers, indicators and provinces (each) are offered for mapping. */
export const MAX_UNKNOWN = 100;

/** `text`, cut to `max` characters (the cut marked with an ellipsis). */
export function clip(text: string, max = SHOWN_CHARS): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A problem as kept: its value and column cut to size. */
export function clipError(e: RowError): RowError {
	return { row: e.row, column: clip(e.column), value: clip(e.value), key: e.key, params: e.params };
}

/**
 * A problem as a report kept before reasons were messages held it: its English sentence, shown
 * as it was written.
 */
type KeptError = RowError | { row: number; column: string; value: string; message: string };

const asMessage = (e: KeptError): RowError =>
	'key' in e ? e : { ...e, key: 'row_as_written', params: { text: clip(String(e.message), 1000) } };

/** Names the mapping step can offer: short enough to be a header or a name, at most MAX_UNKNOWN. */
export function mappable(names: Iterable<string>): string[] {
	const found: string[] = [];
	for (const name of names) {
		if (!name || name.length > SHOWN_CHARS) continue;
		found.push(name);
		if (found.length === MAX_UNKNOWN) break;
	}
	return found;
}

/** The parts of a report that can grow with the file. */
export interface BoundedParts {
	errors: KeptError[];
	/** Problems found, listed or not. */
	errorCount?: number;
	unknown: { headers: string[]; indicators: string[]; provinces: string[] };
	columns: { header: string; field: Field | null }[];
}

/** The same report within the bounds (a report kept before them may hold anything). */
export function boundReport<T extends BoundedParts>(
	report: T
): T & { errorCount: number; errors: RowError[]; notFilledIn: number } {
	return {
		...report,
		errorCount: report.errorCount ?? report.errors.length,
		notFilledIn: (report as { notFilledIn?: number }).notFilledIn ?? 0,
		errors: report.errors.slice(0, MAX_STORED_ERRORS).map((e) => clipError(asMessage(e))),
		unknown: {
			headers: mappable(report.unknown.headers),
			indicators: mappable(report.unknown.indicators),
			provinces: mappable(report.unknown.provinces)
		},
		columns: report.columns
			.slice(0, MAX_UNKNOWN)
			.map((c) => ({ header: clip(c.header), field: c.field }))
	};
}
