/**
 * What a file can make the importer hold, keep and show: bounded, whatever the file holds. A
 * file past a reading limit is refused naming the limit, the row and the column, and nothing of
 * it is kept; a file with many long rejected values keeps a report of a bounded size.
 */
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import * as t from '../db/schema';
import { getSubmission } from '.';
import { tempDatabase } from '../testing/temp-db';
import { importFile, type ImportOptions } from './from-file';
import { eachRecord, READ_LIMITS } from '../import/records';
import { MAX_STORED_ERRORS, MAX_UNKNOWN, SHOWN_CHARS } from '../import/report';

let db: Db;
let dispose: () => void;
beforeEach(() => ({ db, dispose } = tempDatabase()));
afterEach(() => dispose());

const HEADER = 'reporter,indicator,province,period,sex,age_group,value,note\n';
/** A reporter's upload, kept as a draft as the web keeps it. */
const upload = (content: string, options: Partial<ImportOptions> = {}) =>
	importFile(db, {
		file: { name: 'upload.csv', content: Buffer.from(content) },
		reporter: 'LICADHO',
		mode: 'draft',
		actor: 'u',
		maxBytes: 50_000_000,
		...options
	});
const submissions = () => db.select({ n: count() }).from(t.submission).get()?.n;
const storedReport = (id: number) =>
	db.select({ s: t.submission.summary }).from(t.submission).where(eq(t.submission.id, id)).get()
		?.s ?? '';

describe('a file past a reading limit is refused, and nothing of it is kept', () => {
	it('a one-line file: its header too long, named by row and column', () => {
		const r = upload('x'.repeat(3_000_000));
		expect(r).toMatchObject({
			refused: `Row 1, column A: the header is longer than 200 characters, the limit. The first row must hold the column names, such as indicator, period and value.`,
			message: { key: 'import_header_too_long', params: { row: 1, column: 'A', max: 200 } }
		});
		expect(submissions()).toBe(0);
	});

	it('a header with too many columns', () => {
		const r = upload(
			Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',') + '\nLICADHO,PROT-02\n'
		);
		expect(r).toMatchObject({
			message: {
				key: 'import_too_many_columns',
				params: { row: 1, size: 100_000, max: READ_LIMITS.columns }
			}
		});
		expect(submissions()).toBe(0);
	});

	it('a cell too long, with the row and the column letter', () => {
		const r = upload(
			HEADER +
				'LICADHO,PROT-02,KH-12,2001Q2,,,40,\n' +
				`LICADHO,PROT-02,KH-12,2001Q3,,,${'9'.repeat(20_000)},\n`
		);
		expect(r).toMatchObject({
			message: {
				key: 'import_cell_too_long',
				params: { row: 3, column: 'G', size: 20_000, max: READ_LIMITS.cellChars }
			}
		});
		expect('refused' in r && r.refused).toMatch(
			/^Row 3, column G: the cell is longer than 10000 characters/
		);
		expect(submissions()).toBe(0);
	});

	it('a quotation mark never closed: refused at the limit, not read to the end as one cell', () => {
		const r = upload(
			HEADER + 'LICADHO,"PROT-02,KH-12\n' + 'LICADHO,PROT-02,KH-12,2001Q2,,,40,\n'.repeat(100_000)
		);
		expect(r).toMatchObject({
			message: { key: 'import_cell_too_long', params: { row: 2, column: 'B' } }
		});
	});

	it('stops reading at the first piece past the limit', () => {
		let pieces = 0;
		function* text() {
			yield 'a,b\n1,';
			for (;;) {
				pieces++;
				yield 'x'.repeat(1 << 16);
			}
		}
		const { exceeded } = eachRecord(text(), () => undefined);
		expect(exceeded).toMatchObject({ limit: 'cell', row: 2, column: 2 });
		expect(pieces).toBeLessThanOrEqual(Math.ceil(READ_LIMITS.recordChars / (1 << 16)) + 1);
	});
});

describe('the report kept with a draft is bounded', () => {
	it('keeps the first problems with their values cut to size, and counts them all', () => {
		const rows = Array.from(
			{ length: 3000 },
			(_, i) => `LICADHO,PROT-02,KH-12,2001Q2,,,${'n'.repeat(5000)}${i},\n`
		);
		const r = upload(HEADER + rows.join(''));
		if ('refused' in r) throw new Error(r.refused);
		expect(r.rejected).toBe(3000);
		expect(r.errorCount).toBe(3000);
		expect(r.errors).toHaveLength(MAX_STORED_ERRORS);
		expect(Math.max(...r.errors.map((e) => e.value.length))).toBe(SHOWN_CHARS);
		expect(r.errors[0].value).toMatch(/^n+…$/);
		// 15 MB of rejected values keep a report of a few hundred kilobytes.
		expect(storedReport(r.submissions[0]).length).toBeLessThan(400_000);
	});

	it('offers at most a hundred unknown names for mapping, none of them too long to be a name', () => {
		const rows = Array.from(
			{ length: 500 },
			(_, i) =>
				`LICADHO,indicator ${i},KH-12,2001Q2,,,4,\nLICADHO,${'i'.repeat(300)}${i},KH-12,2001Q2,,,4,\n`
		);
		const r = upload(HEADER + rows.join(''));
		if ('refused' in r) throw new Error(r.refused);
		expect(r.unknown.indicators).toHaveLength(MAX_UNKNOWN);
		expect(r.unknown.indicators.every((n) => n.length <= SHOWN_CHARS)).toBe(true);
	});

	it('a report kept before the bounds is shown within them, and the page never gets it whole', () => {
		const r = upload(HEADER + 'LICADHO,PROT-02,KH-12,2001Q2,,,forty,\n');
		if ('refused' in r) throw new Error(r.refused);
		const id = r.submissions[0];
		const { errorCount, ...before } = JSON.parse(storedReport(id));
		expect(errorCount).toBe(1);
		const huge = {
			...before,
			errors: Array.from({ length: 5000 }, (_, i) => ({
				row: i + 2,
				column: 'value',
				value: 'v'.repeat(10_000),
				message: 'not a number'
			})),
			unknown: { headers: ['h'.repeat(100_000)], indicators: [], provinces: [] }
		};
		db.update(t.submission)
			.set({ summary: JSON.stringify(huge) })
			.where(eq(t.submission.id, id))
			.run();
		const found = getSubmission(db, id, { role: 'reporter', reporterCode: 'LICADHO' });
		expect(found?.report?.errors).toHaveLength(MAX_STORED_ERRORS);
		expect(found?.report?.errorCount).toBe(5000);
		expect(found?.report?.unknown.headers).toEqual([]);
		expect(JSON.stringify(found).length).toBeLessThan(400_000);
		expect(found?.submission).not.toHaveProperty('summary');
	});
});
