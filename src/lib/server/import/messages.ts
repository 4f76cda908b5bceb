/**
 * Everything the importer says to people, as messages of `messages/*.json`: the refusal of a whole
 * file and the reason a row is rejected each travel as a key and its parameters, and a page shows
 * them in the reader's language (`importMessageText` in $lib/labels). Their English text, rendered
 * from `messages/en.json`, is for the command line and logs. One wording, in one place, whoever
 * refuses: the web upload while it streams, the command line while it reads, or the importer.
 */
import { renderEnglish, type MessageParams } from '../../domain/english';
import type { LimitExceeded } from './records';

/** The messages a refusal of a whole file can be (keys of messages/*.json). */
export type RefusalKey =
	| 'import_too_large'
	| 'import_too_many_columns'
	| 'import_cell_too_long'
	| 'import_header_too_long'
	| 'import_record_too_long'
	| 'import_out_of_memory'
	| 'import_empty'
	| 'import_binary'
	| 'import_not_csv_xlsx'
	| 'import_not_csv_xls'
	| 'import_not_csv_pdf'
	| 'import_not_csv_png'
	| 'import_not_csv_jpeg'
	| 'import_not_utf8'
	| 'import_bad_utf16'
	| 'import_case_records'
	| 'import_columns_missing'
	| 'import_columns_unknown'
	| 'import_no_figures';

/** The messages a rejected row's reason can be (keys of messages/*.json). */
export type RowErrorKey =
	| 'row_reporter_unknown'
	| 'row_reporter_other'
	| 'row_reporter_missing'
	| 'row_indicator_missing'
	| 'row_indicator_unknown'
	| 'row_indicator_computed'
	| 'row_indicator_retired'
	| 'row_period_unknown'
	| 'row_period_outside'
	| 'row_province_unknown'
	| 'row_province_later'
	| 'row_combo_unknown'
	| 'row_sex_unknown'
	| 'row_age_unknown'
	| 'row_sex_not_broken_down'
	| 'row_age_not_broken_down'
	| 'row_age_groups_only'
	| 'row_value_missing'
	| 'row_value_not_number'
	| 'row_value_negative'
	| 'row_value_not_whole'
	| 'row_value_over_100'
	| 'row_unclosed_quote'
	| 'row_repeated'
	| 'row_breakdown_sexes'
	| 'row_breakdown_children'
	| 'row_breakdown_ages'
	| 'row_as_written';

/**
 * A message's parameters (domain/english.ts): numbers and lists of numbers, shown in the reader's
 * digits, and texts shown as they are (codes, column letters, what the file wrote). A parameter
 * whose name ends in `_km` is the Khmer form of the one without it (a province's name).
 */
export type { MessageParams };

/** A message of messages/*.json with its parameters. */
export interface Message<K extends string = RefusalKey | RowErrorKey> {
	key: K;
	params: MessageParams;
}

/** A file refused whole, and why. */
export interface Refusal {
	/** Why, in English (the command line, logs). */
	refused: string;
	/** The same as a message of messages/*.json, for pages to show in the reader's language. */
	message: Message<RefusalKey>;
}

/** The English text of an importer's message, for the command line and logs. */
export const messageEnglish = ({ key, params }: Message): string => renderEnglish(key, params);

/** A refusal that is message `key` of messages/*.json. */
export function refusal(key: RefusalKey, params: MessageParams = {}): Refusal {
	return { refused: messageEnglish({ key, params }), message: { key, params } };
}

/** A file over the size limit (`maxBytes`), however it was found out. */
export function tooLarge(maxBytes: number): Refusal {
	return refusal('import_too_large', { limit: Math.round(maxBytes / 1_000_000) });
}

/** A spreadsheet's name for a column: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
	let name = '';
	for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
		name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

/** A record that went past a reading limit (records.ts). */
export function limitRefusal(e: LimitExceeded): Refusal {
	const params = { row: e.row, column: columnLetter(e.column), size: e.size, max: e.max };
	switch (e.limit) {
		case 'columns':
			return refusal('import_too_many_columns', params);
		case 'header':
			return refusal('import_header_too_long', params);
		case 'cell':
			return refusal('import_cell_too_long', params);
		case 'record':
			return refusal('import_record_too_long', params);
	}
}
