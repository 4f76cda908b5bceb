import { count, eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import * as t from '../db/schema';
import { readStoredFile } from '../files';
import { tempDatabase } from '../testing/temp-db';
import { rememberMapping } from './remap';
import { importFile, type ImportOptions, type ImportSummary } from './from-file';
import { renderEnglish } from '../import/messages';
import { readHeader } from '../import/records';

let db: Db;
let dispose: () => void;
beforeEach(() => ({ db, dispose } = tempDatabase()));
afterEach(() => dispose());

const MB = 1_000_000;
const sample = (name: string) => readFileSync(`tests/fixtures/samples/${name}`);
const run = (content: string | Uint8Array, options: Partial<ImportOptions> = {}) =>
	importFile(db, {
		file: {
			name: 'test.csv',
			content: typeof content === 'string' ? Buffer.from(content) : content
		},
		mode: 'dry-run',
		actor: 'cli',
		maxBytes: 50 * MB,
		...options
	});
const summary = (
	content: string | Uint8Array,
	options: Partial<ImportOptions> = {}
): ImportSummary => {
	const r = run(content, options);
	if ('refused' in r) throw new Error(`refused: ${r.refused}`);
	return r;
};
const refusal = (content: string | Uint8Array, options: Partial<ImportOptions> = {}) => {
	const r = run(content, options);
	return 'refused' in r ? r.refused : null;
};
const HEADER = 'reporter,indicator,province,period,sex,age_group,value,note\n';
const oneError = (row: string) => {
	const s = summary(HEADER + row);
	expect(s.rejected).toBe(1);
	expect(s.errors).toHaveLength(1);
	return s.errors[0];
};
const staged = () => db.select({ n: count() }).from(t.submissionValue).get()?.n;

describe('the sample files', () => {
	it('reads the canonical template (CRLF, a quoted note with a comma)', () => {
		const s = summary(sample('licadho-2002q1-canonical.csv'));
		expect(s).toMatchObject({ format: 'canonical', rows: 7, new: 7, rejected: 0, errors: [] });
	});

	it('reads what a spreadsheet saves: BOM, semicolons, names instead of codes, Khmer names and digits, period spellings', () => {
		const s = summary(sample('ccpcr-2002q2-spreadsheet.csv'));
		expect(s).toMatchObject({ format: 'canonical', delimiter: ';', rows: 5, new: 5, rejected: 0 });
	});

	it('reads a DHIS2 data value set', () => {
		const s = summary(sample('mosalvy-2002q2-dhis2.csv'));
		expect(s).toMatchObject({ format: 'dhis2', rows: 3, new: 3, rejected: 0 });
	});

	it('explains every problem of problems.csv by row, column, value and reason', () => {
		const s = summary(sample('problems.csv'));
		expect(s.rows).toBe(8);
		expect(s.new).toBe(1);
		expect(s.errors.map((e) => [e.row, e.column, e.value])).toEqual([
			[2, 'value', 'forty'],
			[3, 'period', '2001Q5'],
			[4, 'indicator', 'PREV-09'],
			[5, 'province', 'Mesang'],
			[6, 'sex', 'girls'],
			[7, 'value', '30'],
			[8, 'value', '25']
		]);
		expect(renderEnglish(s.errors[6])).toBe(
			'female and male (rows 7, 8) add up to 55, more than the total of 50 in row 9'
		);
	});
});

describe('each rule', () => {
	it.each([
		['CLA,PREV-99,KH-14,2001Q2,,,40,', 'indicator', /unknown indicator/],
		['CLA,PREV-02,Mesang,2001Q2,,,40,', 'province', /unknown province/],
		['NOBODY,PREV-02,KH-14,2001Q2,,,40,', 'reporter', /unknown reporter/],
		['CLA,PREV-02,KH-14,2001Q9,,,40,', 'period', /not a quarter/],
		[
			'CLA,PREV-02,KH-14,1999Q4,,,40,',
			'period',
			/outside the plan: the plan runs from 2000Q1 to 2004Q4/
		],
		['CLA,PREV-02,KH-14,2001-07-01,,,40,', 'period', /not a quarter/],
		['CLA,PREV-02,Tboung Khmum,2001Q2,,,40,', 'province', /Tboung Khmum did not exist before 2014/],
		['CLA,PREV-03,KH-14,2001Q2,female,,40,', 'sex', /PREV-03 is not broken down by sex/],
		['CLA,PREV-02,KH-14,2001Q2,,under15,40,', 'age_group', /PREV-02 is not broken down by age/],
		[
			'CLA,PREV-01,KH-14,2001Q2,,under15,40,',
			'age_group',
			/takes the age groups under18, adult only/
		],
		['CLA,PREV-02,KH-14,2001Q2,girls,,40,', 'sex', /unknown sex/],
		['CLA,PREV-02,KH-14,2001Q2,,teens,40,', 'age_group', /unknown age group/],
		['CLA,PREV-02,KH-14,2001Q2,,,-3,', 'value', /negative/],
		['CLA,PREV-02,KH-14,2001Q2,,,forty,', 'value', /not a number/],
		['CLA,PREV-02,KH-14,2001Q2,,,4.5,', 'value', /whole number/],
		['CLA,PREV-02,KH-14,2001Q2,,,,"no figure yet"', 'value', /missing/],
		['MOI,PREV-08,,2001Q2,,,101,', 'value', /between 0 and 100/],
		['CLA,COOR-03,,2001Q2,,,80,', 'indicator', /computed by the system/]
	])('%s → %s', (row, column, message) => {
		const e = oneError(row);
		expect(e.column).toBe(column);
		expect(renderEnglish(e)).toMatch(message);
		expect(e.row).toBe(2);
	});

	it('accepts a percentage with decimals, and Tboung Khmum from 2014 on', () => {
		expect(summary(HEADER + 'MOI,PREV-08,,2001Q2,,,12.5,').rejected).toBe(0);
	});

	it('rejects a row that repeats a figure, naming the first one', () => {
		const s = summary(
			HEADER + 'CLA,PREV-02,KH-14,2001Q2,,,40,\nCLA,PREV-02,Prey Veng,Q2 2001,total,all,41,'
		);
		expect(s.errors).toEqual([
			{
				row: 3,
				column: 'value',
				value: '41',
				key: 'row_repeated',
				params: { first: 2 }
			}
		]);
	});

	it('rejects rows for another reporter than the file is for', () => {
		const s = summary(HEADER + 'CLA,PREV-02,KH-14,2001Q2,,,40,\nCWCC,PREV-02,KH-14,2001Q2,,,40,', {
			reporter: 'CWCC'
		});
		expect(s.errors.map((e) => [e.row, e.column])).toEqual([[2, 'reporter']]);
		expect(renderEnglish(s.errors[0])).toMatch(/this row is for CLA, but the file is for CWCC/);
	});

	it('checks age groups against their totals too', () => {
		const s = summary(
			HEADER +
				[
					'PROT-02,KH-12,2001Q2,,,10',
					'PROT-02,KH-12,2001Q2,,under18,6',
					'PROT-02,KH-12,2001Q2,,adult,5'
				]
					.map((r) => `MOI,${r},`)
					.join('\n')
		);
		expect(s.errors.map((e) => e.row)).toEqual([3, 4]);
		expect(renderEnglish(s.errors[0])).toMatch(
			/the age groups \(rows 3, 4\) add up to 11, more than the total of 10 in row 2/
		);
	});

	it('checks breakdowns whose rows are apart in the file, and stages none of the parts', () => {
		const s = summary(
			HEADER +
				[
					'PROT-02,KH-12,2001Q2,female,all,30',
					'PROT-02,KH-14,2001Q2,total,all,4',
					'PROT-02,KH-12,2001Q2,total,all,50',
					'PROT-02,KH-14,2001Q2,male,all,3',
					'PROT-02,KH-12,2001Q2,male,all,25'
				]
					.map((r) => `MOI,${r},`)
					.join('\n'),
			{ mode: 'draft', reporter: 'MOI' }
		);
		expect(s.errors.map((e) => [e.row, renderEnglish(e)])).toEqual([
			[2, 'female and male (rows 2, 6) add up to 55, more than the total of 50 in row 4'],
			[6, 'female and male (rows 2, 6) add up to 55, more than the total of 50 in row 4']
		]);
		expect(staged()).toBe(3);
	});
});

describe('what real files look like', () => {
	const rows = 'CLA;Out-of-school children returned to school;PREY VENG;q3 2001;Female;;"1,234";\n';

	it.each([
		['comma', HEADER, ','],
		['semicolon', HEADER.replace(/,/g, ';'), ';'],
		['tab', HEADER.replace(/,/g, '\t'), '\t']
	])('detects a %s delimiter', (_, header, delimiter) => {
		const row = `CLA${delimiter}PREV-02${delimiter}KH-14${delimiter}2001Q2${delimiter}${delimiter}${delimiter}40${delimiter}`;
		const s = summary(header + row);
		expect(s.delimiter).toBe(delimiter);
		expect(s.new).toBe(1);
	});

	it('reads thousands separators, names in any case, period spellings', () => {
		const s = summary(HEADER.replace(/,/g, ';') + rows);
		expect(s.rejected).toBe(0);
		const v = db.select().from(t.submissionValue).all();
		expect(v).toEqual([]); // a dry run writes nothing
	});

	it('reads Khmer headers, names and digits', () => {
		const s = summary(
			'អ្នករាយការណ៍,សូចនាករ,ខេត្ត,ត្រីមាស,ភេទ,ក្រុមអាយុ,តម្លៃ\nCCPCR,កុមារដែលទទួលបានការប្រឹក្សា ឬការគាំទ្រផ្លូវចិត្តសង្គម,កណ្តាល,២០០២Q២,ស្រី,,២៤\n'
		);
		expect(s).toMatchObject({ rows: 1, new: 1, rejected: 0 });
	});

	it.each([
		[
			'UTF-8 with BOM',
			Buffer.concat([
				Buffer.from([0xef, 0xbb, 0xbf]),
				Buffer.from(HEADER + 'CLA,PREV-02,ព្រៃវែង,2001Q2,,,40,')
			])
		],
		[
			'UTF-16 LE with BOM',
			Buffer.concat([
				Buffer.from([0xff, 0xfe]),
				Buffer.from(HEADER + 'CLA,PREV-02,ព្រៃវែង,2001Q2,,,40,', 'utf16le')
			])
		],
		[
			'UTF-16 BE with BOM',
			Buffer.concat([
				Buffer.from([0xfe, 0xff]),
				Buffer.from(HEADER + 'CLA,PREV-02,ព្រៃវែង,2001Q2,,,40,', 'utf16le').swap16()
			])
		],
		['UTF-16 LE without BOM', Buffer.from(HEADER + 'CLA,PREV-02,KH-14,2001Q2,,,40,', 'utf16le')]
	])('decodes %s', (_, bytes) => {
		expect(summary(bytes)).toMatchObject({ rows: 1, new: 1, rejected: 0 });
	});

	it('reads quoted fields with commas, quotes and line breaks, and CRLF', () => {
		const s = summary(
			HEADER.replace('\n', '\r\n') +
				'CLA,PREV-02,KH-14,2001Q2,,,40,"two lines,\r\nand a ""quote"""\r\nCLA,PREV-02,KH-20,2001Q2,,,7,\r\n'
		);
		expect(s).toMatchObject({ rows: 2, rejected: 0 });
	});

	it('counts spreadsheet rows as a spreadsheet does, blank lines included', () => {
		const s = summary(HEADER + 'CLA,PREV-02,KH-14,2001Q2,,,40,\n\nCLA,PREV-02,KH-20,2001Q2,,,x,\n');
		expect(s.errors[0].row).toBe(4);
	});

	it('reads a file of many pieces as a small one: notes over two lines, repeats and breakdowns far apart', () => {
		// About 1.8 MB: the text is read a megabyte at a time, records go on across pieces.
		const provinces = readFileSync('data/geo/provinces.csv', 'utf8')
			.split('\n')
			.slice(1)
			.map((line) => line.split(','))
			.filter(([code, , , kind, from]) => code && kind === 'province' && !from)
			.map(([, , khmer]) => khmer);
		const quarters = [2000, 2001, 2002, 2003, 2004].flatMap((y) =>
			[1, 2, 3, 4].map((q) => `${y}Q${q}`)
		);
		const note = '"visits; a ""quoted"" word,\r\nand a second line ' + 'x'.repeat(180) + '"';
		const lines: string[] = [];
		for (const indicator of ['PREV-02', 'PROT-05', 'RECO-04', 'REIN-02', 'COOR-05'])
			for (const province of provinces)
				for (const quarter of quarters)
					for (const [sex, value] of [
						['total', '1 000'],
						['Female', '400'],
						['male', '៥០០']
					])
						lines.push(
							['CLA', indicator, province, quarter, sex, '', `"${value}"`, note].join(';')
						);
		const [firstTotal, firstFemale, firstMale] = lines.splice(0, 3);
		// The first group's male figure comes last, and exceeds its share; the total is repeated.
		lines.push(firstTotal.replace('"1 000"', '"1,000"'), firstMale.replace('"៥០០"', '"700"'));
		const text =
			'\ufeff' + [HEADER.trim().replace(/,/g, ';'), firstTotal, firstFemale, ...lines].join('\r\n');
		expect(text.length).toBeGreaterThan(1_500_000);
		const s = summary(text, { mode: 'submit' });
		const last = lines.length + 3;
		expect(s).toMatchObject({ delimiter: ';', rows: lines.length + 2, rejected: 3 });
		const exceed = `female and male (rows 3, ${last}) add up to 1100, more than the total of 1000 in row 2`;
		expect(s.errors.map((e) => [e.row, e.value, renderEnglish(e)])).toEqual([
			[3, '400', exceed],
			[last - 1, '1,000', expect.stringContaining('already in row 2')],
			[last, '700', exceed]
		]);
		expect(staged()).toBe(lines.length - 1);
		const notes = db.select({ note: t.submissionValue.note }).from(t.submissionValue).all();
		expect(new Set(notes.map((n) => n.note))).toEqual(
			new Set([note.slice(1, -1).replace(/""/g, '"')])
		);
	});

	it('picks the delimiter that splits the header, not a note', () => {
		expect(readHeader('a;b;c;"x, y, z"\n1,2,3,4,5,6')).toEqual({ delimiter: ';', whole: true });
		expect(readHeader('a;b;c;"x, y,\nz')).toEqual({ delimiter: ';', whole: false });
	});
});

describe('refused files', () => {
	it.each([
		['empty', '', /empty/],
		['blank', '\n\n  \n', /empty/],
		['a header only', HEADER, /no figures/],
		['an Excel workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /Excel workbook/],
		['a PDF', Buffer.from('%PDF-1.4 ...'), /PDF/],
		['binary data', Buffer.from([0x41, 0x00, 0x42, 0x43, 0x00, 0x00, 0x01, 0x41]), /binary/],
		[
			'Latin-1 text',
			Buffer.from(
				'reporter,indicator,province,period,value\nCLA,PREV-02,Kand\xe9al,2001Q2,4\n',
				'latin1'
			),
			/not in UTF-8/
		],
		[
			'case records',
			'Name,Date of birth,Province,Sex\nSok Dara,2003-04-05,KH-12,female\n',
			/case records.*"Name", "Date of birth"/
		],
		['Khmer case records', 'ឈ្មោះ,ខេត្ត\nសុខ,KH-12\n', /case records/],
		['unknown columns', 'what,when,how many\nx,y,3\n', /were not found in the header row/]
	])('refuses %s', (_, content, reason) => {
		expect(refusal(content)).toMatch(reason);
	});

	it('refuses a file over the size limit', () => {
		expect(refusal(HEADER + 'CLA,PREV-02,KH-14,2001Q2,,,40,', { maxBytes: 20 })).toMatch(
			/larger than the limit/
		);
	});
});

describe('writing', () => {
	it('stages the valid rows as a submitted submission, keeps the file and the report', () => {
		const s = summary(sample('problems.csv'), { mode: 'submit' });
		expect(s.submissions).toHaveLength(1);
		const sub = db.select().from(t.submission).get();
		expect(sub).toMatchObject({
			reporterCode: 'CLA',
			status: 'submitted',
			period: '2001Q3',
			format: 'canonical'
		});
		expect(JSON.parse(sub?.summary ?? '{}')).toMatchObject({ rows: 8, rejected: 7 });
		const stored = db.select().from(t.storedFile).get();
		expect(stored?.compression).toBe('gzip');
		expect(readStoredFile(db, stored?.hash ?? '')?.equals(sample('problems.csv'))).toBe(true);
		expect(staged()).toBe(1);
	});

	it('changes nothing when the same file comes again', () => {
		const first = summary(sample('licadho-2002q1-canonical.csv'), { mode: 'submit' });
		const again = summary(sample('licadho-2002q1-canonical.csv'), { mode: 'submit' });
		expect(again.submissions).toEqual(first.submissions);
		expect(again.alreadyImported).toBe(true);
		expect(db.select({ n: count() }).from(t.submission).get()?.n).toBe(1);
		expect(staged()).toBe(7);
	});

	it('approves on request, and then a changed file shows what it changes', () => {
		summary(sample('licadho-2002q1-canonical.csv'), { mode: 'approve' });
		expect(db.select({ n: count() }).from(t.dataValue).get()?.n).toBe(7);
		const changed = sample('licadho-2002q1-canonical.csv')
			.toString()
			.replace('KH-7,2002Q1,total,all,640', 'KH-7,2002Q1,total,all,700');
		const s = summary(changed);
		expect(s).toMatchObject({ new: 0, changed: 1, unchanged: 6 });
		expect(s.changes).toEqual([
			expect.objectContaining({ indicator: 'PREV-01', province: 'KH-7', old: 640, new: 700 })
		]);
	});

	it('makes one submission per reporter in a bulk file', () => {
		const s = summary(
			HEADER +
				'CLA,PREV-02,KH-14,2001Q2,,,40,\nCWCC,PROT-07,KH-12,2001Q2,,,4,\nCLA,PREV-02,KH-20,2001Q2,,,7,',
			{ mode: 'submit' }
		);
		expect(s.submissions).toHaveLength(2);
		expect(
			db
				.select()
				.from(t.submission)
				.all()
				.map((x) => x.reporterCode)
				.sort()
		).toEqual(['CLA', 'CWCC']);
	});

	it('writes nothing in a dry run', () => {
		summary(sample('licadho-2002q1-canonical.csv'));
		expect(db.select({ n: count() }).from(t.submission).get()?.n).toBe(0);
		expect(db.select({ n: count() }).from(t.storedFile).get()?.n).toBe(0);
	});
});

describe('mapping by hand, remembered per reporter', () => {
	const file =
		'Org,Indicator,Where,Quarter,Figure,Checked by\nCCPCR,Shelter admissions,Kandal,2002Q2,12,Dara\n';
	const remember = (kind: 'header' | 'indicator', source: string, target: string) =>
		rememberMapping(db, { reporter: 'CCPCR', kind, source, target, actor: 'u' });

	it('keeps a draft whose columns are not recognised, then reads it once they are mapped', () => {
		const s = summary(file, { mode: 'draft', reporter: 'CCPCR' });
		expect(s.unknown.headers).toEqual(['Where', 'Checked by']);
		expect(s.rows).toBe(0);
		expect(s.submissions).toHaveLength(1);
		remember('header', 'Where', 'province');
		remember('header', 'checked  BY', '-');
		const again = summary(file, { mode: 'draft', reporter: 'CCPCR', into: s.submissions[0] });
		expect(again.unknown.headers).toEqual([]);
		expect(again.unknown.indicators).toEqual(['Shelter admissions']);
		remember('indicator', 'Shelter admissions', 'RECO-01');
		const mapped = summary(file, { mode: 'draft', reporter: 'CCPCR', into: s.submissions[0] });
		expect(mapped).toMatchObject({ rows: 1, new: 1, rejected: 0 });
		const values = db
			.select()
			.from(t.submissionValue)
			.where(eq(t.submissionValue.submissionId, s.submissions[0]));
		expect(values.all()).toEqual([
			expect.objectContaining({ indicatorCode: 'RECO-01', provinceCode: 'KH-8', value: 12 })
		]);
	});

	it('remembers for that reporter only', () => {
		remember('header', 'Where', 'province');
		const header = 'Indicator,Where,Quarter,Number\nRECO-01,Kandal,2002Q2,12\n';
		expect(summary(header, { reporter: 'CCPCR' }).rejected).toBe(0);
		expect(refusal(header, { reporter: 'CWCC' })).toMatch(/not known: "Where"/);
	});
});
