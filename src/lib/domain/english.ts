/**
 * The English text of a message of `messages/en.json`, its `{name}` placeholders filled in: what
 * the command line, the logs and an error's own `message` say. Pages show the same message in
 * the reader's language instead (`messageText` in `$lib/labels`).
 */
import en from '../../../messages/en.json';

/** A message of messages/*.json. */
export type MessageKey = Exclude<keyof typeof en, '$schema'>;

/** A message's parameters: numbers and lists of numbers (shown in the reader's digits), and text. */
export type MessageParams = Record<string, number | string | number[]>;

/**
 * The English text of message `key`, its `{name}` placeholders filled in from `params` (digits
 * ungrouped, lists joined with commas, as the importer's messages are).
 */
export function renderEnglish(key: MessageKey, params: MessageParams = {}): string {
	return en[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
		const value = params[name];
		if (value === undefined) return whole;
		return Array.isArray(value) ? value.join(', ') : String(value);
	});
}
