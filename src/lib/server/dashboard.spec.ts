import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadIndicatorPage, pageRecords, recordsCsv, type IndicatorPage } from './dashboard';
import type { Db } from './db';
import { importFile } from './import/pipeline';
import { tempDatabase } from './testing/temp-db';

let db: Db;
let dispose: () => void;
beforeEach(() => {
	({ db, dispose } = tempDatabase());
	// PROT-07 counts children (sensitive). One quarter: three provinces, breakdowns in one.
	const rows = [
		'KH-12,,,40',
		'KH-12,female,,36',
		'KH-12,male,,4',
		'KH-12,,under18,38',
		'KH-12,,adult,2',
		'KH-12,,under15,3',
		'KH-12,,15to17,35',
		'KH-2,,,30',
		'KH-1,,,5'
	].map((r) => {
		const [province, sex, age, value] = r.split(',');
		return `LICADHO,PROT-07,${province},2001Q1,${sex},${age},${value},`;
	});
	const result = importFile(db, {
		file: {
			name: 'prot-07.csv',
			content: Buffer.from(
				['reporter,indicator,province,period,sex,age_group,value,note', ...rows].join('\n')
			)
		},
		mode: 'approve',
		actor: 'test',
		maxBytes: 1e6
	});
	if ('refused' in result || result.rejected) throw new Error(JSON.stringify(result));
});
afterEach(() => dispose());

const page = (suppress: boolean) => loadIndicatorPage(db, 'PROT-07', { suppress }) as IndicatorPage;
const shown = (cells: { value: number | null; hidden: boolean }[]) =>
	cells.map((c) => (c.hidden ? 'hidden' : c.value));

describe('loadIndicatorPage', () => {
	it('withholds small counts and, in each relation, what would give them back', () => {
		const p = page(true);
		expect(p.national).toEqual({ value: 75, hidden: false });
		const province = (code: string) => p.provinces.find((c) => c.code === code);
		// 5 is small; 30 goes with it, or 75 − 40 would give the 5 back.
		expect(shown([province('KH-1')!, province('KH-2')!, province('KH-12')!])).toEqual([
			'hidden',
			'hidden',
			40
		]);
		expect(shown(p.sexes)).toEqual(['hidden', 'hidden']);
		// Adults (2) and under 18 against all ages; under 18 withheld, so its parts are too.
		expect(p.ages.map((a) => a.ageGroup)).toEqual(['under15', '15to17', 'under18', 'adult']);
		expect(shown(p.ages)).toEqual(['hidden', 'hidden', 'hidden', 'hidden']);
		expect(shown(p.quarters.filter((q) => q.period.startsWith('2001')))).toEqual([
			75,
			null,
			null,
			null
		]);
		// A withheld cell carries no value at all, not even in the page data.
		expect(p.provinces.filter((c) => c.hidden).every((c) => c.value === null)).toBe(true);
	});

	it('gives reviewers every figure when asked to', () => {
		const p = page(false);
		expect(shown(p.sexes)).toEqual([36, 4]);
		expect(shown(p.ages)).toEqual([3, 35, 38, 2]);
		expect(p.provinces.find((c) => c.code === 'KH-1')).toMatchObject({ value: 5, hidden: false });
	});

	it('downloads flag withheld cells instead of giving a number', () => {
		const csv = recordsCsv(pageRecords(page(true))).split('\r\n');
		expect(csv[0]).toBe('indicator,table,period,province,sex,age_group,value,suppressed');
		expect(csv).toContain('PROT-07,plan,2000Q1-2001Q1,national,total,all,75,false');
		expect(csv).toContain('PROT-07,province,2000Q1-2001Q1,KH-1,total,all,,true');
		expect(csv).toContain('PROT-07,breakdown,2000Q1-2001Q1,national,male,all,,true');
		expect(csv.filter((line) => /,[1-9],/.test(line))).toEqual([]);
	});
});
