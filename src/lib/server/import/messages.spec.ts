/**
 * Every message the importer can say exists in English and in Khmer, with the same parameters
 * (a Khmer text may use a parameter's Khmer form, `name_km`), and renders in English for the
 * command line.
 */
import { describe, expect, it } from 'vitest';
import en from '../../../../messages/en.json';
import km from '../../../../messages/km.json';
import { readFileSync } from 'node:fs';
import { renderEnglish } from './messages';

const source = readFileSync(new URL('./messages.ts', import.meta.url), 'utf8');
/** The keys listed in the RefusalKey and RowErrorKey types. */
const keys = [...source.matchAll(/\| '((?:import|row)_\w+)'/g)].map((m) => m[1]);
const placeholders = (text: string) =>
	[...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1].replace(/_km$/, '')).sort();

describe('the importer’s messages', () => {
	it('are listed, and each is in both message files with the same parameters', () => {
		expect(keys.length).toBeGreaterThan(40);
		for (const key of keys) {
			const english = (en as Record<string, string>)[key];
			const khmer = (km as Record<string, string>)[key];
			expect(english, key).toBeTypeOf('string');
			expect(khmer, key).toBeTypeOf('string');
			expect(placeholders(khmer), key).toEqual(placeholders(english));
			if (key !== 'row_as_written') expect(khmer, key).toMatch(/[\u1780-\u17ff]/);
		}
	});

	it('render in English with their parameters, lists of rows joined', () => {
		expect(
			renderEnglish({
				key: 'row_breakdown_sexes',
				params: { rows: [7, 8], parts: 55, total: 50, totalRow: 9 }
			})
		).toBe('female and male (rows 7, 8) add up to 55, more than the total of 50 in row 9');
	});
});
