/**
 * Reading a file, the importer's whole job: bytes in, a report and the staged figures (or a
 * refusal of the whole file) out. It writes nothing; the submissions module (../submissions/)
 * turns what it read into submissions.
 *
 *   bytes → refuse, or decode a piece at a time (decode.ts) → find the delimiter and parse record
 *   by record (records.ts, papaparse: never the whole text, never a list of rows) → recognise the
 *   format and the columns → refuse case records → check every row (validate.ts) → hold the
 *   valid figures compactly and sort them into key order, which brings out figures given twice
 *   and breakdowns that exceed their totals (staged.ts).
 *
 * What a file holds is bounded while it is read (records.ts) and in the report kept (report.ts).
 * The format is described for people in IMPORT_FORMAT.md beside this file.
 */
import type { Db } from '../db';
import { EMPTY, openText, type Refusal } from './decode';
import { loadDictionary, loadRemembered } from './dictionary';
import { eachRecord } from './records';
import { limitRefusal, refusal as messageRefusal } from './messages';
import { clip, clipError, mappable, MAX_STORED_ERRORS, MAX_UNKNOWN, SHOWN_CHARS } from './report';
import { StagedFigures, type GroupProblems } from './staged';
import { UNKNOWN_NAME, validateRow, type RawRow, type RowError } from './validate';
import {
	DHIS2_COLUMNS,
	fieldOfHeader,
	isNameColumn,
	normaliseName,
	personalHeaders,
	type Field
} from './vocabulary';

/** What a remembered header mapping says of a column to leave out. */
export const IGNORE = '-';

/** What reading a file found, as its report shows it. */
export interface ImportReport {
	file: string;
	format: 'canonical' | 'dhis2' | null;
	encoding: string;
	delimiter: string;
	/** Records read (blank lines aside). */
	rows: number;
	rejected: number;
	/** Rows with neither a value nor a note: a template's rows left as they came. */
	notFilledIn: number;
	/** Row errors, the first MAX_STORED_ERRORS of them, texts cut to size (report.ts). */
	errors: RowError[];
	/** Row errors found, listed or not (`rejected` counts the rows). */
	errorCount: number;
	/** Headers and names the importer does not know, to be mapped by hand. */
	unknown: { headers: string[]; indicators: string[]; provinces: string[] };
	/** How each header of the file was read. */
	columns: { header: string; field: Field | null }[];
	/** Milliseconds spent in each stage, for benchmarks. */
	timings: Record<string, number>;
}

/** A file read: its report, and its valid figures in key order. */
export interface FileReading {
	report: ImportReport;
	staged: StagedFigures;
	/** Some columns are not recognised, and the reporter may map them (an interactive draft). */
	needsMapping: boolean;
}

export interface ReadOptions {
	file: { name: string; content: Uint8Array };
	/** Every row belongs to this reporter (the uploader's organisation, or `--reporter`). */
	reporter?: string;
	/** Unknown columns wait for the reporter to map them instead of refusing the file. */
	mayMap: boolean;
	/** Refuse files larger than this (bytes). */
	maxBytes: number;
}

/**
 * Reads a file against the plan and the reporter's remembered mappings. Returns what it read, or
 * a refusal of the whole file (not CSV, unreadable, empty, too large, case records, columns not
 * recognised when they may not be mapped).
 */
export function readImport(db: Db, options: ReadOptions): FileReading | Refusal {
	const text = openText(options.file.content, { maxBytes: options.maxBytes });
	if ('refused' in text) return text;
	const remembered = loadRemembered(db, options.reporter);
	const dict = loadDictionary(db, remembered);
	const report: ImportReport = {
		file: options.file.name,
		format: null,
		encoding: text.encoding,
		delimiter: ',',
		rows: 0,
		rejected: 0,
		notFilledIn: 0,
		errors: [],
		errorCount: 0,
		unknown: { headers: [], indicators: [], provinces: [] },
		columns: [],
		timings: {}
	};
	let clock = performance.now();
	const lap = (stage: string) => {
		const now = performance.now();
		report.timings[stage] = Math.round(now - clock);
		clock = now;
	};
	// Rows rejected while reading come in order, each once (a set of a million rows would cost
	// tens of megabytes); those rejected after (repeats, breakdowns) were valid until then.
	let rejectedWhileReading = 0;
	let lastRejected = 0;
	const rejectedAfter = new Set<number>();
	let reading = true;
	const addError = (e: RowError) => {
		report.errorCount++;
		if (report.errors.length < MAX_STORED_ERRORS) report.errors.push(clipError(e));
		if (!reading) rejectedAfter.add(e.row);
		else if (e.row !== lastRejected) {
			rejectedWhileReading++;
			lastRejected = e.row;
		}
	};
	const unknownIndicators = new Set<string>();
	const unknownProvinces = new Set<string>();

	let refusal: Refusal | undefined;
	let needsMapping = false;
	let columns: (Field | 'combo' | null)[] = [];
	let names: Partial<Record<Field | 'combo', string>> = {};
	let record = 0;
	const memo: Record<string, Map<string, unknown>> = {};

	const onHeader = (cells: string[]) => {
		const headers = cells.map((c) => c.trim());
		const personal = personalHeaders(headers);
		if (personal.length) {
			refusal = messageRefusal('import_case_records', {
				columns: clip(quoted(personal.map((h) => clip(h))), 1000)
			});
			return;
		}
		if (normaliseName(headers[0] ?? '') === 'dataelement') {
			report.format = 'dhis2';
			const fields: Record<string, Field | 'combo' | null> = {
				dataelement: 'indicator',
				period: 'period',
				orgunit: 'province',
				categoryoptioncombo: 'combo',
				attributeoptioncombo: 'reporter',
				value: 'value',
				comment: 'note'
			};
			columns = DHIS2_COLUMNS.map((c) => fields[c] ?? null);
			names = Object.fromEntries(
				DHIS2_COLUMNS.flatMap((c, i) => (fields[c] ? [[fields[c], headers[i] ?? c]] : []))
			);
			report.columns = headers.map((h, i) => ({
				header: clip(h),
				field: (columns[i] === 'combo' ? null : columns[i]) as Field | null
			}));
			return;
		}
		report.format = 'canonical';
		const seen = new Set<Field>();
		columns = headers.map((h) => {
			const field = remembered.header.get(normaliseName(h)) ?? fieldOfHeader(h);
			if ((field as string) === IGNORE || (!field && isNameColumn(h))) return null;
			if (!field || seen.has(field)) {
				if (h) report.unknown.headers.push(h);
				return null;
			}
			seen.add(field);
			names[field] = h;
			return field;
		});
		report.columns = headers.map((h, i) => ({
			header: clip(h),
			field: columns[i] as Field | null
		}));
		const missing = (['indicator', 'period', 'value'] as const).filter((f) => !seen.has(f));
		if (!seen.has('reporter') && !options.reporter) missing.unshift('reporter' as never);
		// An unknown column is never dropped silently: it may be the province, or the figure.
		if (missing.length || report.unknown.headers.length) {
			if (options.mayMap && options.reporter) {
				needsMapping = true;
				return;
			}
			refusal = missing.length
				? messageRefusal('import_columns_missing', {
						columns: quoted(missing),
						headers: clip(quoted(headers.map((h) => clip(h))), 1000)
					})
				: messageRefusal('import_columns_unknown', {
						columns: clip(quoted(report.unknown.headers.map((h) => clip(h))), 1000)
					});
		}
	};

	// The valid figures, held until the file is read (staged.ts).
	const staged = new StagedFigures();
	const onRecord = (cells: string[], rowNumber: number) => {
		if (!cells.some((c) => c !== '' && c.trim() !== '')) return;
		report.rows++;
		const raw: RawRow = {};
		for (let i = 0; i < columns.length; i++) {
			const field = columns[i];
			if (field === 'combo') raw.combo = cells[i] ?? '';
			else if (field) raw[field] = cells[i] ?? '';
		}
		if (report.format === 'dhis2' && raw.combo === undefined) raw.combo = '';
		const checked = validateRow(raw, rowNumber, dict, {
			reporter: options.reporter,
			columns: names,
			memo
		});
		if ('blank' in checked) {
			report.notFilledIn++;
			return;
		}
		if ('errors' in checked) {
			for (const e of checked.errors) {
				addError(e);
				if (!UNKNOWN_NAME.has(e.key) || e.value.length > SHOWN_CHARS) continue;
				if (e.column === (names.indicator ?? 'indicator') && unknownIndicators.size < MAX_UNKNOWN)
					unknownIndicators.add(e.value);
				if (e.column === (names.province ?? 'province') && unknownProvinces.size < MAX_UNKNOWN)
					unknownProvinces.add(e.value);
			}
			return;
		}
		staged.add(checked.row, raw.value?.trim() ?? '');
	};

	const { delimiter, exceeded } = eachRecord(text.pieces(), ({ cells, row, unclosedQuote }) => {
		record = row;
		if (unclosedQuote && row > 1)
			addError({
				row,
				column: '',
				value: '',
				key: 'row_unclosed_quote',
				params: {}
			});
		if (row > 1) return onRecord(cells, row);
		onHeader(cells);
		return !refusal && !needsMapping;
	});
	report.delimiter = delimiter ?? ',';
	reading = false;
	lap('read and check rows');
	if (text.refusal) return text.refusal;
	if (text.blank) return EMPTY;
	if (exceeded) return limitRefusal(exceeded);
	if (refusal) return refusal;
	if (!needsMapping && (record <= 1 || report.rows === 0))
		return messageRefusal('import_no_figures');

	// In key order, figures given twice and breakdowns that exceed their totals come to light.
	const { repeats, groups } = staged.sort();
	for (const { row, text, first } of repeats)
		addError({
			row,
			column: names.value ?? 'value',
			value: text,
			key: 'row_repeated',
			params: { first }
		});
	rejectBreakdowns(groups, names.value ?? 'value', addError);
	lap('sort, check repeats and breakdowns');

	report.rejected = rejectedWhileReading + rejectedAfter.size;
	report.unknown.headers = mappable(report.unknown.headers);
	report.unknown.indicators = mappable(unknownIndicators);
	report.unknown.provinces = mappable(unknownProvinces);
	report.errors.sort((a, b) => a.row - b.row);
	return { report, staged, needsMapping };
}

const BREAKDOWN_KEYS = {
	sexes: 'row_breakdown_sexes',
	children: 'row_breakdown_children',
	ages: 'row_breakdown_ages'
} as const;

/** Column names as a refusal lists them: `"name", "age"`. */
const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/** Names the rows of breakdown parts that exceed their totals (they are not staged). */
function rejectBreakdowns(
	groups: GroupProblems[],
	column: string,
	addError: (e: RowError) => void
): void {
	for (const { figures, problems } of groups)
		for (const p of problems)
			for (const row of p.rows)
				addError({
					row,
					column,
					value: String(figures.find((f) => f.row === row)?.value),
					key: BREAKDOWN_KEYS[p.what],
					params: { rows: p.rows, parts: p.parts, total: p.total, totalRow: p.totalRow }
				});
}
