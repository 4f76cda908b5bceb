/**
 * One row of a reporter's file, read and checked against the plan: pure, given a dictionary of
 * the plan (`Dictionary`). Every problem is a `RowError` naming the spreadsheet row, the column as
 * the file names it, the value as written and the reason, a message in English and Khmer
 * (messages.ts); a row with no problem becomes a `ValidRow` in our codes, and a row with no value
 * and no note is one not filled in (a template's untouched row).
 */
import { formatPeriod, parsePeriod, toAsciiDigits } from '../../domain/periods';
import type { Figure } from '../../domain/words';

/** One valid figure of a submission. */
export type SubmissionRow = Figure;
import type { MessageParams, RowErrorKey } from './messages';
import { normaliseName, readAgeGroup, readSex, type Field } from './vocabulary';

export interface RowError {
	/** Spreadsheet row number: header = 1, first record = 2. */
	row: number;
	column: string;
	value: string;
	/** The reason: a message of messages/*.json and its parameters. */
	key: RowErrorKey;
	params: MessageParams;
}

/** The reasons that are a name the importer does not know (the mapping step may answer them). */
export const UNKNOWN_NAME: ReadonlySet<RowErrorKey> = new Set([
	'row_indicator_unknown',
	'row_province_unknown'
]);

/** A figure that passed every check: a submission row, with its reporter and spreadsheet row. */
export interface ValidRow extends SubmissionRow {
	row: number;
	reporter: string;
	note: string | null;
}

export interface IndicatorInfo {
	code: string;
	unit: 'count' | 'percent';
	sexes: ReadonlySet<string>;
	ageGroups: ReadonlySet<string>;
	computed: boolean;
	/** When it was retired from the plan (it takes no new figures); null while in force. */
	retiredAt: string | null;
}

/** The plan as the importer needs it: codes, and names in both languages, to look things up. */
export interface Dictionary {
	firstYear: number;
	lastYear: number;
	indicators: ReadonlyMap<string, IndicatorInfo>;
	/** Normalised code or name (English, Khmer, remembered) → indicator code. */
	indicatorByName: ReadonlyMap<string, string>;
	/** Province code → the first year it takes figures (null: always). */
	provinceFrom: ReadonlyMap<string, number | null>;
	/** Normalised code or name → province code (`national` included). */
	provinceByName: ReadonlyMap<string, string>;
	/** Province code → its English and Khmer names. */
	provinceNames: ReadonlyMap<string, { en: string; km: string }>;
	/** Normalised code or name → reporter code. */
	reporterByName: ReadonlyMap<string, string>;
}

/** A row as read from the file: the text of each field (absent fields are undefined). */
export type RawRow = Partial<Record<Field, string>> & { combo?: string };

export interface RowContext {
	/** Every row belongs to this reporter (`--reporter`, or the uploader's organisation). */
	reporter?: string;
	/** How the file names each field's column, for messages. */
	columns: Partial<Record<Field | 'combo', string>>;
	/**
	 * Lookups already made in this file, by kind (files repeat the same few codes and names on
	 * every row): one per import, so that a million rows cost a few thousand lookups.
	 */
	memo?: Record<string, Map<string, unknown>>;
}

const MEMO_LIMIT = 50_000;

/** `compute(text, dict)`, remembered per kind and text in the import's memo. */
function remember<T>(
	ctx: RowContext,
	kind: string,
	text: string,
	dict: Dictionary,
	compute: (text: string, dict: Dictionary) => T
): T {
	const memo = ctx.memo && (ctx.memo[kind] ??= new Map());
	if (!memo) return compute(text, dict);
	const known = memo.get(text);
	if (known !== undefined || memo.has(text)) return known as T;
	const value = compute(text, dict);
	if (memo.size < MEMO_LIMIT) memo.set(text, value);
	return value;
}

const lookupReporter = (text: string, dict: Dictionary) =>
	dict.reporterByName.get(normaliseName(text));
const lookupIndicator = (text: string, dict: Dictionary) =>
	dict.indicatorByName.get(normaliseName(text));
const lookupProvince = (text: string, dict: Dictionary) =>
	text === '' ? 'national' : dict.provinceByName.get(normaliseName(text));
/** A quarter with its canonical spelling, made once per spelling in a file. */
const readQuarter = (text: string) => {
	const period = parsePeriod(text);
	return period && { ...period, code: formatPeriod(period) };
};

/**
 * Reads a number as spreadsheets write it: `1,234`, `1 234`, Khmer digits, a decimal point (or
 * a decimal comma such as `12,5`). Null when it is not a number at all.
 */
export function readNumber(text: string): number | null {
	let s = toAsciiDigits(text)
		.trim()
		.replace(/[\s\u00a0\u202f]/g, '');
	if (s === '') return null;
	if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
	else if (/^[-+]?\d+,\d{1,2}$/.test(s)) s = s.replace(',', '.');
	if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
	return Number(s);
}

/**
 * Checks one row. `row` is its spreadsheet row number. A row with neither a value nor a note is
 * not filled in (`{ blank: true }`): a template's untouched row, counted, not rejected.
 */
export function validateRow(
	raw: RawRow,
	row: number,
	dict: Dictionary,
	ctx: RowContext
): { row: ValidRow } | { errors: RowError[] } | { blank: true } {
	if (!raw.value?.trim() && !raw.note?.trim()) return { blank: true };
	const errors: RowError[] = [];
	const fail = (
		field: Field | 'combo',
		value: string | undefined,
		key: RowErrorKey,
		params: MessageParams = {}
	) => errors.push({ row, column: ctx.columns[field] ?? field, value: value ?? '', key, params });

	// Reporter: the file's column, which must agree with the reporter the file is for.
	let reporter = ctx.reporter ?? '';
	const named = raw.reporter?.trim() ?? '';
	if (named) {
		const code = remember(ctx, 'reporter', named, dict, lookupReporter);
		if (!code) fail('reporter', named, 'row_reporter_unknown');
		else if (ctx.reporter && code !== ctx.reporter)
			fail('reporter', named, 'row_reporter_other', { code, reporter: ctx.reporter });
		else reporter = code;
	} else if (!reporter) fail('reporter', named, 'row_reporter_missing');

	// Indicator
	const indicatorText = raw.indicator?.trim() ?? '';
	const code = remember(ctx, 'indicator', indicatorText, dict, lookupIndicator);
	const indicator = code ? dict.indicators.get(code) : undefined;
	if (!indicatorText) fail('indicator', indicatorText, 'row_indicator_missing');
	else if (!indicator) fail('indicator', indicatorText, 'row_indicator_unknown');
	else if (indicator.computed)
		fail('indicator', indicatorText, 'row_indicator_computed', { code: indicator.code });
	else if (indicator.retiredAt)
		fail('indicator', indicatorText, 'row_indicator_retired', {
			code: indicator.code,
			date: indicator.retiredAt.slice(0, 10)
		});

	// Period
	const periodText = raw.period?.trim() ?? '';
	const period = remember(ctx, 'period', periodText, dict, readQuarter);
	if (!period) fail('period', periodText, 'row_period_unknown');
	else if (period.year < dict.firstYear || period.year > dict.lastYear)
		fail('period', periodText, 'row_period_outside', {
			first: `${dict.firstYear}Q1`,
			last: `${dict.lastYear}Q4`
		});

	// Province (blank or "national": no province)
	const provinceText = raw.province?.trim() ?? '';
	const province = remember(ctx, 'province', provinceText, dict, lookupProvince);
	if (!province) fail('province', provinceText, 'row_province_unknown');
	else if (period) {
		const from = dict.provinceFrom.get(province);
		const names = dict.provinceNames.get(province);
		if (from && period.year < from)
			fail('province', provinceText, 'row_province_later', {
				province: names?.en ?? province,
				province_km: names?.km ?? province,
				from
			});
	}

	// Sex and age group: in the canonical format two columns, in DHIS2 one category option combo.
	let sexText = raw.sex ?? '';
	let ageText = raw.age_group ?? '';
	if (raw.combo !== undefined) {
		const parts =
			raw.combo.trim().toLowerCase() === 'default'
				? []
				: raw.combo
						.trim()
						.split(/[_,\s]+/)
						.filter(Boolean);
		sexText = parts.find((p) => readSex(p) && p !== '') ?? '';
		ageText = parts.find((p) => readAgeGroup(p) && p !== '') ?? '';
		if (parts.length > 2 || parts.some((p) => !readSex(p) && !readAgeGroup(p)))
			fail('combo', raw.combo, 'row_combo_unknown');
	}
	const sex = remember(ctx, 'sex', sexText, dict, readSex);
	const ageGroup = remember(ctx, 'age', ageText, dict, readAgeGroup);
	if (raw.combo === undefined) {
		if (!sex) fail('sex', sexText, 'row_sex_unknown');
		if (!ageGroup) fail('age_group', ageText, 'row_age_unknown');
	}
	if (indicator && sex && sex !== 'total' && !indicator.sexes.has(sex))
		fail(
			raw.combo !== undefined ? 'combo' : 'sex',
			raw.combo ?? sexText,
			'row_sex_not_broken_down',
			{ code: indicator.code }
		);
	if (indicator && ageGroup && ageGroup !== 'all' && !indicator.ageGroups.has(ageGroup))
		fail(
			raw.combo !== undefined ? 'combo' : 'age_group',
			raw.combo ?? ageText,
			indicator.ageGroups.size ? 'row_age_groups_only' : 'row_age_not_broken_down',
			{ code: indicator.code, groups: [...indicator.ageGroups].join(', ') }
		);

	// Value
	const valueText = raw.value?.trim() ?? '';
	const value = remember(ctx, 'value', valueText, dict, readNumber);
	if (valueText === '') fail('value', valueText, 'row_value_missing');
	else if (value === null) fail('value', valueText, 'row_value_not_number');
	else if (value < 0) fail('value', valueText, 'row_value_negative');
	else if (indicator?.unit === 'count' && !Number.isInteger(value))
		fail('value', valueText, 'row_value_not_whole', { code: indicator.code });
	else if (indicator?.unit === 'percent' && value > 100)
		fail('value', valueText, 'row_value_over_100', { code: indicator.code });

	if (errors.length || !indicator || !period || !province || !sex || !ageGroup || value === null)
		return { errors };
	const note = raw.note?.trim() || null;
	return {
		row: {
			row,
			reporter,
			indicator: indicator.code,
			province,
			period: period.code,
			sex,
			ageGroup,
			value,
			note: note && note.length > 1000 ? note.slice(0, 1000) : note
		}
	};
}
