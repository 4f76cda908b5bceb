import { describe, expect, it } from 'vitest';
import { FIELD_LIMITS, fieldTooLong, OTHER_FIELD } from './limits';

const form = (entries: Record<string, string>) => Object.entries(entries);

describe('fieldTooLong', () => {
	it('passes texts within their limits', () => {
		expect(fieldTooLong(form({ comment: 'x'.repeat(FIELD_LIMITS.comment), userId: 'abc' }))).toBe(
			null
		);
	});

	it('names the first text over its limit, with the limit and its length', () => {
		expect(fieldTooLong(form({ comment: 'x'.repeat(5_000_000) }))).toEqual({
			field: 'comment',
			max: FIELD_LIMITS.comment,
			length: 5_000_000
		});
		expect(fieldTooLong(form({ nameEn: 'x'.repeat(OTHER_FIELD + 1) }))).toMatchObject({
			field: 'nameEn',
			max: OTHER_FIELD
		});
	});

	it('leaves files to the upload', () => {
		const data = new FormData();
		data.set('file', new Blob(['x'.repeat(10_000)]), 'big.csv');
		expect(fieldTooLong(data)).toBe(null);
	});
});
