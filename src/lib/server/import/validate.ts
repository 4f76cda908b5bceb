/**
 * One row of a reporter's file, read and checked against the plan: pure, given a dictionary of
 * the plan (`Dictionary`). Every problem is a `RowError` naming the spreadsheet row, the column as
 * the file names it, the value as written and the reason in plain words; a row with no problem
 * becomes a `ValidRow` in our codes.
 */
import { formatPeriod, parsePeriod, toAsciiDigits } from '../../domain/periods';
import type { Figure } from '../../domain/words';

/** One valid figure of a submission. */
export type SubmissionRow = Figure;
import { normaliseName, readAgeGroup, readSex, type Field } from './vocabulary';

export interface RowError {
	/** Spreadsheet row number: header = 1, first record = 2. */
	row: number;
	column: string;
	value: string;
	message: string;
}

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
	provinceNames: ReadonlyMap<string, string>;
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

const SEX_WORDS = 'total, female or male';
const AGE_WORDS = 'all, under15, 15to17, under18 or adult';

/** Checks one row. `row` is its spreadsheet row number. */
export function validateRow(
	raw: RawRow,
	row: number,
	dict: Dictionary,
	ctx: RowContext
): { row: ValidRow } | { errors: RowError[] } {
	const errors: RowError[] = [];
	const fail = (field: Field | 'combo', value: string | undefined, message: string) =>
		errors.push({ row, column: ctx.columns[field] ?? field, value: value ?? '', message });

	// Reporter: the file's column, which must agree with the reporter the file is for.
	let reporter = ctx.reporter ?? '';
	const named = raw.reporter?.trim() ?? '';
	if (named) {
		const code = remember(ctx, 'reporter', named, dict, lookupReporter);
		if (!code) fail('reporter', named, 'unknown reporter: use the reporter code, such as LICADHO');
		else if (ctx.reporter && code !== ctx.reporter)
			fail(
				'reporter',
				named,
				`this row is for ${code}, but the file is for ${ctx.reporter}: a file holds one organisation's figures`
			);
		else reporter = code;
	} else if (!reporter)
		fail('reporter', named, 'the reporter is missing: say which organisation reports this figure');

	// Indicator
	const indicatorText = raw.indicator?.trim() ?? '';
	const code = remember(ctx, 'indicator', indicatorText, dict, lookupIndicator);
	const indicator = code ? dict.indicators.get(code) : undefined;
	if (!indicatorText) fail('indicator', indicatorText, 'the indicator is missing');
	else if (!indicator)
		fail(
			'indicator',
			indicatorText,
			'unknown indicator: use a code such as PROT-02, or its name as in the plan'
		);
	else if (indicator.computed)
		fail(
			'indicator',
			indicatorText,
			`${indicator.code} is computed by the system from the submissions; it is never uploaded`
		);

	// Period
	const periodText = raw.period?.trim() ?? '';
	const period = remember(ctx, 'period', periodText, dict, readQuarter);
	if (!period)
		fail('period', periodText, 'not a quarter: write it like 2001Q3, 2001-Q3 or Q3 2001');
	else if (period.year < dict.firstYear || period.year > dict.lastYear)
		fail(
			'period',
			periodText,
			`outside the plan: the plan runs from ${dict.firstYear}Q1 to ${dict.lastYear}Q4`
		);

	// Province (blank or "national": no province)
	const provinceText = raw.province?.trim() ?? '';
	const province = remember(ctx, 'province', provinceText, dict, lookupProvince);
	if (!province)
		fail(
			'province',
			provinceText,
			'unknown province: use a province (not a district) by its name or its code, such as KH-12, or leave it blank for national figures'
		);
	else if (period) {
		const from = dict.provinceFrom.get(province);
		if (from && period.year < from)
			fail(
				'province',
				provinceText,
				`${dict.provinceNames.get(province)} did not exist before ${from}: report its area under the province it was part of then`
			);
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
			fail(
				'combo',
				raw.combo,
				`unknown category option combo: use default, a sex (${SEX_WORDS}), an age group (${AGE_WORDS}) or both, such as female_under18`
			);
	}
	const sex = remember(ctx, 'sex', sexText, dict, readSex);
	const ageGroup = remember(ctx, 'age', ageText, dict, readAgeGroup);
	if (raw.combo === undefined) {
		if (!sex)
			fail('sex', sexText, `unknown sex: use ${SEX_WORDS}, or leave it blank for the total`);
		if (!ageGroup)
			fail(
				'age_group',
				ageText,
				`unknown age group: use ${AGE_WORDS}, or leave it blank for all ages`
			);
	}
	if (indicator && sex && sex !== 'total' && !indicator.sexes.has(sex))
		fail(
			raw.combo !== undefined ? 'combo' : 'sex',
			raw.combo ?? sexText,
			`${indicator.code} is not broken down by sex: report its total only`
		);
	if (indicator && ageGroup && ageGroup !== 'all' && !indicator.ageGroups.has(ageGroup))
		fail(
			raw.combo !== undefined ? 'combo' : 'age_group',
			raw.combo ?? ageText,
			indicator.ageGroups.size
				? `${indicator.code} takes the age groups ${[...indicator.ageGroups].join(', ')} only`
				: `${indicator.code} is not broken down by age: report all ages only`
		);

	// Value
	const valueText = raw.value?.trim() ?? '';
	const value = remember(ctx, 'value', valueText, dict, readNumber);
	if (valueText === '')
		fail('value', valueText, 'the value is missing: write 0 if there was nothing to count');
	else if (value === null)
		fail('value', valueText, 'not a number: write the figure in digits, such as 40');
	else if (value < 0)
		fail('value', valueText, 'a negative figure: counts and percentages cannot be below zero');
	else if (indicator?.unit === 'count' && !Number.isInteger(value))
		fail(
			'value',
			valueText,
			`${indicator.code} counts people or things: the figure must be a whole number`
		);
	else if (indicator?.unit === 'percent' && value > 100)
		fail('value', valueText, `${indicator.code} is a percentage: it must be between 0 and 100`);

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
