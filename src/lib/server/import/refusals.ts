/**
 * The refusals of a whole file that people read in both languages: each is a message of
 * `messages/*.json` (its key and parameters travel with the refusal, and a page shows it in the
 * reader's language), with its English text, rendered from `messages/en.json`, for the command
 * line and logs. One wording, in one place, whoever refuses: the web upload while it streams,
 * the command line while it reads, or the importer itself.
 */
import en from '../../../../messages/en.json';
import type { LimitExceeded } from './records';

/** The messages a refusal can be (keys of messages/*.json). */
export type RefusalKey =
	| 'import_too_large'
	| 'import_too_many_columns'
	| 'import_cell_too_long'
	| 'import_header_too_long'
	| 'import_record_too_long'
	| 'import_out_of_memory';

/** A refusal's parameters: numbers (shown in the reader's digits) and column letters. */
export type RefusalParams = Record<string, number | string>;

/** A file refused whole, and why. */
export interface Refusal {
	/** Why, in English (the command line, logs). */
	refused: string;
	/** The same as a message of messages/*.json, for pages to show in the reader's language. */
	message?: { key: RefusalKey; params: RefusalParams };
}

/** The English text of a message, its `{name}` placeholders filled in. */
export function renderEnglish(key: RefusalKey, params: RefusalParams): string {
	return en[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
		const value = params[name];
		if (value === undefined) return whole;
		return typeof value === 'number' ? value.toLocaleString('en') : value;
	});
}

/** A refusal that is message `key` of messages/*.json. */
export function refusal(key: RefusalKey, params: RefusalParams): Refusal {
	return { refused: renderEnglish(key, params), message: { key, params } };
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
