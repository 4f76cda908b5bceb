/**
 * Random and mangled CSV text through the whole pipeline: it never throws, always answers with a
 * summary or a refusal in words, and never leaves a partial submission behind.
 */
import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import * as t from '../db/schema';
import { tempDatabase } from '../testing/temp-db';
import { importFile } from './from-file';
import { renderEnglish } from '../import/messages';

let db: Db;
let dispose: () => void;
beforeAll(() => ({ db, dispose } = tempDatabase()));
afterAll(() => dispose());

const HEADER = ['reporter', 'indicator', 'province', 'period', 'sex', 'age_group', 'value', 'note'];
const cell = fc.oneof(
	fc.constantFrom(
		'CLA',
		'CWCC',
		'PREV-02',
		'PROT-02',
		'KH-12',
		'Kandal',
		'កណ្ដាល',
		'2001Q2',
		'Q3 2002',
		'female',
		'male',
		'total',
		'under18',
		'១២',
		'40',
		'1,234',
		'-1',
		'',
		'"',
		'""',
		'\n',
		';',
		','
	),
	fc.string({ maxLength: 12 }),
	fc.integer({ min: -5, max: 2000 }).map(String)
);
const row = fc.array(cell, { minLength: 0, maxLength: 10 });
const quote = (c: string) =>
	/[",\n;]/.test(c) && Math.random() < 2 ? `"${c.replace(/"/g, '""')}"` : c;

/** CSV-ish text: a header (sometimes), rows, a delimiter, and now and then raw junk. */
const csvText = fc
	.record({
		header: fc.oneof(fc.constant(HEADER), fc.shuffledSubarray(HEADER), row),
		quoted: fc.boolean(),
		rows: fc.array(row, { maxLength: 30 }),
		delimiter: fc.constantFrom(',', ';', '\t'),
		newline: fc.constantFrom('\n', '\r\n'),
		junk: fc.option(fc.string({ maxLength: 40 }))
	})
	.map(
		({ header, rows, delimiter, newline, junk }) =>
			[header, ...rows].map((r) => r.map(quote).join(delimiter)).join(newline) + (junk ?? '')
	);

const bytes = fc.oneof(
	csvText.map((s) => Buffer.from(s)),
	csvText.map((s) => Buffer.from(s, 'utf16le')),
	fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b))
);

describe('any input', () => {
	it('gets a summary or a refusal, never an exception, and never a partial submission', () => {
		fc.assert(
			fc.property(
				bytes,
				fc.constantFrom('dry-run', 'submit', 'draft') as fc.Arbitrary<
					'dry-run' | 'submit' | 'draft'
				>,
				(content, mode) => {
					const before = {
						submissions: db.select({ n: count() }).from(t.submission).get()?.n ?? 0,
						values: db.select({ n: count() }).from(t.submissionValue).get()?.n ?? 0
					};
					const result = importFile(db, {
						file: { name: 'random.csv', content },
						mode,
						reporter: mode === 'draft' ? 'CLA' : undefined,
						actor: 'test',
						maxBytes: 1_000_000
					});
					const after = {
						submissions: db.select({ n: count() }).from(t.submission).get()?.n ?? 0,
						values: db.select({ n: count() }).from(t.submissionValue).get()?.n ?? 0
					};
					if ('refused' in result) {
						expect(result.refused.length).toBeGreaterThan(10);
						expect(after).toEqual(before);
						return;
					}
					expect(result.rows).toBeGreaterThanOrEqual(0);
					expect(result.rejected).toBeLessThanOrEqual(result.rows);
					expect(result.new + result.changed + result.unchanged).toBeLessThanOrEqual(result.rows);
					for (const e of result.errors) {
						expect(e.row).toBeGreaterThanOrEqual(1);
						expect(renderEnglish(e).length).toBeGreaterThan(5);
					}
					if (mode === 'dry-run' || result.alreadyImported) {
						expect(after).toEqual(before);
						return;
					}
					// Foreign keys hold, and are enforced again after the import.
					expect(db.$client.pragma('foreign_key_check')).toEqual([]);
					expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
					// What was written is exactly the summary's submissions and their valid rows.
					expect(after.submissions - before.submissions).toBe(result.submissions.length);
					expect(after.values - before.values).toBe(result.new + result.changed + result.unchanged);
				}
			),
			{ numRuns: 300, seed: 20011015 }
		);
	});
});
