/**
 * Refusals: every message one can be is in English and Khmer, with the same placeholders; the
 * English text is the error's own message; schema problems and the importer's refusals become
 * refusals with their message.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseOrRefuse, REFUSALS, Refused, refusedFile } from './refused';

const messages = (locale: 'en' | 'km'): Record<string, string> =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const en = messages('en');
const km = messages('km');

/** The refusal `run` throws. */
function refusalOf(run: () => unknown): Refused {
	try {
		run();
	} catch (e) {
		if (e instanceof Refused) return e;
		throw e;
	}
	throw new Error('not refused');
}

describe('the messages of refusals', () => {
	it.each(REFUSALS)('%s is in English and Khmer, with the same placeholders', (key) => {
		expect(en[key]).toBeTruthy();
		expect(km[key]).toBeTruthy();
		expect(placeholders(km[key])).toEqual(placeholders(en[key]));
	});

	it('are written in Khmer in km.json, not copied from English', () => {
		const english = REFUSALS.filter((key) => !/[\u1780-\u17ff]/.test(km[key]));
		expect(english).toEqual([]);
	});
});

describe('Refused', () => {
	it('says its English text as its message, with its status, key and parameters', () => {
		const refused = new Refused(409, 'refused_report_exists', { period: '2004Q4', id: '12' });
		expect(refused).toBeInstanceOf(Error);
		expect(refused.message).toBe('A report for 2004Q4 has been submitted already (submission 12).');
		expect(refused).toMatchObject({ status: 409, key: 'refused_report_exists', name: 'Refused' });
	});

	it('keeps the message of a file the importer refused', () => {
		const tooLarge = refusedFile({
			refused: 'too large',
			message: { key: 'import_too_large', params: { limit: 50 } }
		});
		expect(tooLarge).toMatchObject({ status: 400, key: 'import_too_large', params: { limit: 50 } });
		expect(tooLarge.message).toMatch(/limit of 50 MB/);
	});
});

describe('parseOrRefuse', () => {
	const schema = z.object({
		name: z.string().trim().min(1, 'refused_name_required').max(5),
		kind: z.enum(['ngo'], 'refused_kind_required'),
		age: z.number().optional()
	});

	it('gives the data, or refuses with the message of its first problem', () => {
		expect(parseOrRefuse(schema, { name: ' A ', kind: 'ngo' })).toEqual({ name: 'A', kind: 'ngo' });
		expect(refusalOf(() => parseOrRefuse(schema, { name: '', kind: 'ngo' }))).toMatchObject({
			status: 400,
			key: 'refused_name_required'
		});
		expect(refusalOf(() => parseOrRefuse(schema, { name: 'A', kind: 'x' })).key).toBe(
			'refused_kind_required'
		);
	});

	it('says how long a text may be, and which field is wrong when the schema does not say', () => {
		expect(refusalOf(() => parseOrRefuse(schema, { name: 'Too long', kind: 'ngo' }))).toMatchObject(
			{
				key: 'refused_too_long',
				params: { max: 5 }
			}
		);
		expect(
			refusalOf(() => parseOrRefuse(schema, { name: 'A', kind: 'ngo', age: 'old' }))
		).toMatchObject({ key: 'refused_invalid', params: { field: 'age' } });
	});
});
