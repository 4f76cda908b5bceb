import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import * as t from '../db/schema';
import { recoverableCells } from '../../../../tests/support/disclosure-audit';
import { pageRecords, readTier } from '../release';
import { tempDatabase } from '../testing/temp-db';
import { hasDemoData, loadDemo } from './load';

let db: Db;
let dispose: () => void;
let loaded: ReturnType<typeof loadDemo>;

beforeAll(() => {
	({ db, dispose } = tempDatabase());
	loaded = loadDemo(db);
});
afterAll(() => dispose());

describe('demonstration data', () => {
	it('loads as submissions through approval, and says so', () => {
		expect(loaded?.submissions).toBeGreaterThan(250);
		expect(hasDemoData(db)).toBe(true);
		const approved = db
			.select({ n: count() })
			.from(t.submission)
			.where(eq(t.submission.status, 'approved'))
			.get()?.n;
		expect(approved).toBe((loaded?.submissions ?? 0) - 3); // two wait for review, one is a draft
		const values = db.select({ n: count() }).from(t.dataValue).get()?.n;
		expect(values).toBe(loaded?.values);
	});

	it('is loaded only into a database without submissions', () => {
		expect(loadDemo(db)).toBeNull();
	});

	it('is the same every time (seeded)', () => {
		const again = tempDatabase();
		loadDemo(again.db);
		const digest = (d: Db) =>
			d.$client
				.prepare(
					`SELECT count(*) n, sum(value) s, group_concat(indicator_code || province_code || period || sex || age_group || value, '') g FROM (SELECT * FROM data_value ORDER BY 1, 2, 3, 4, 5, 6)`
				)
				.get() as { n: number; s: number };
		const a = digest(db);
		const b = digest(again.db);
		again.dispose();
		expect(a).toEqual(b);
	});

	it('looks like the seed report: about 311 victims rescued in 2001, 75 offenders to court', () => {
		const year = (code: string, y: number) =>
			db
				.select({ s: sql<number>`sum(${t.dataValue.value})` })
				.from(t.dataValue)
				.where(
					and(
						eq(t.dataValue.indicatorCode, code),
						eq(t.dataValue.sex, 'total'),
						eq(t.dataValue.ageGroup, 'all'),
						sql`${t.dataValue.period} LIKE ${`${y}Q%`}`
					)
				)
				.get()?.s ?? 0;
		expect(year('PROT-02', 2001)).toBeGreaterThan(280);
		expect(year('PROT-02', 2001)).toBeLessThan(340);
		expect(year('PROT-03', 2001)).toBeGreaterThan(65);
		expect(year('PROT-03', 2001)).toBeLessThan(85);
		// 1,125 children back to school over two years
		expect(year('PREV-02', 2000) + year('PREV-02', 2001)).toBeGreaterThan(1000);
		expect(year('PREV-02', 2000) + year('PREV-02', 2001)).toBeLessThan(1250);
	});

	it('has breakdowns that add up to their totals', () => {
		const bad = db.$client
			.prepare(
				`SELECT t.indicator_code, t.province_code, t.period, t.reporter_code, t.value,
					(SELECT sum(value) FROM data_value p WHERE p.indicator_code = t.indicator_code
						AND p.province_code = t.province_code AND p.period = t.period
						AND p.reporter_code = t.reporter_code AND p.age_group = 'all' AND p.sex IN ('female', 'male')) AS sexes
				 FROM data_value t WHERE t.sex = 'total' AND t.age_group = 'all'`
			)
			.all() as { value: number; sexes: number | null }[];
		const withSexes = bad.filter((r) => r.sexes !== null);
		expect(withSexes.length).toBeGreaterThan(1000);
		expect(withSexes.filter((r) => r.sexes !== r.value)).toEqual([]);
	});

	it('has small sensitive counts in some provinces', () => {
		const small = db.$client
			.prepare(
				`SELECT count(*) n FROM data_value d JOIN indicator i ON i.code = d.indicator_code
				 WHERE i.sensitive AND d.sex = 'total' AND d.age_group = 'all' AND d.value BETWEEN 1 AND 9`
			)
			.get() as { n: number };
		expect(small.n).toBeGreaterThan(50);
	});

	it('gives some indicators on track and some behind', () => {
		const { asOf, areas } = readTier(db, 'review').plan;
		expect(asOf).toEqual({ year: 2004, quarter: 4 });
		const statuses = areas.flatMap((a) => a.indicators.map((i) => i.assessment.status));
		expect(statuses).toHaveLength(29);
		expect(statuses.filter((s) => s === 'on_track').length).toBeGreaterThan(8);
		expect(statuses.filter((s) => s === 'at_risk').length).toBeGreaterThan(2);
		expect(statuses.filter((s) => s === 'off_track').length).toBeGreaterThan(2);
		expect(statuses).not.toContain('no_data');
		const coor03 = areas.flatMap((a) => a.indicators).find((i) => i.indicator.code === 'COOR-03');
		expect(coor03?.assessment.actual).toBeGreaterThan(40);
		expect(coor03?.assessment.actual).toBeLessThan(100);
	});

	it('publishes no small count of children, and nothing withheld can be worked back', () => {
		const tier = readTier(db, 'public');
		const sensitive = tier.pages().filter((p) => p.progress.indicator.sensitive);
		expect(sensitive).toHaveLength(9);
		for (const page of sensitive) {
			const records = pageRecords(page);
			const code = page.progress.indicator.code;
			expect(
				records.filter((r) => r.value !== null && r.value > 0 && r.value < 10),
				code
			).toEqual([]);
			expect(recoverableCells(records), code).toEqual([]);
		}
		// The release says what it withheld: every small count, and what protects it.
		const hidden = sensitive.flatMap((p) => pageRecords(p).filter((r) => r.suppressed));
		expect(tier.release.withheld).toBe(hidden.length);
		expect(tier.release.withheld).toBeGreaterThan(20);
	});
});
