/**
 * The intruder of src/lib/domain/PRIVACY.md, on the demonstration data: from public downloads alone,
 * with linear programming (GLPK, independent of the HiGHS check inside a release), it can pin no
 * small count into less than [0, k] — nor, comparing two releases, any small change of one
 * province in one quarter, a figure no table publishes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { key } from '../../../tests/support/disclosure-audit';
import { changeRanges, ranges } from '../../../tests/support/intruder-lp';
import type { Db } from './db';
import { loadDemo } from './demo/load';
import { importFile } from './submissions';
import { pageRecords, publishNow, readTier, type PublicRecord } from './release';
import { takeAction } from './submissions';
import { tempDatabase } from './testing/temp-db';

let db: Db;
let dispose: () => void;
beforeAll(() => {
	({ db, dispose } = tempDatabase());
	loadDemo(db);
}, 120_000);
afterAll(() => dispose());

const records = (audience: 'public' | 'review', code: string): PublicRecord[] =>
	pageRecords(readTier(db, audience).page(code)!);

describe('the intruder, on the demonstration data', () => {
	it('cannot tell any small count from none, or from k or more', () => {
		const tier = readTier(db, 'public');
		const k = tier.release.k;
		const sensitive = tier.pages().filter((p) => p.progress.indicator.sensitive);
		let small = 0;
		let narrowest = Infinity;
		for (const page of sensitive) {
			const code = page.progress.indicator.code;
			const truth = new Map(records('review', code).map((r) => [key(r), r.value ?? 0]));
			for (const [cell, [min, max]] of ranges(pageRecords(page))) {
				const value = truth.get(cell) ?? 0;
				if (value < 1 || value >= k) continue;
				small++;
				narrowest = Math.min(narrowest, max - min);
				expect(min, `${code} ${cell} = ${value}`).toBeLessThanOrEqual(1e-6);
				expect(max, `${code} ${cell} = ${value}`).toBeGreaterThanOrEqual(k - 1e-6);
			}
		}
		expect(small).toBeGreaterThan(40);
		expect(narrowest).toBeGreaterThanOrEqual(k);
	});

	it('cannot work out a small change of one province in one quarter by comparing releases', () => {
		const code = 'PROT-02';
		const base = db.$client
			.prepare(
				`SELECT reporter_code AS reporter, province_code AS province, value FROM data_value
				 WHERE indicator_code = ? AND period = '2003Q2' AND sex = 'total' AND age_group = 'all'
				   AND province_code LIKE 'KH-%' ORDER BY value LIMIT 1`
			)
			.get(code) as { reporter: string; province: string; value: number };
		const approve = (value: number) => {
			const result = importFile(db, {
				file: {
					name: 'change.csv',
					content: Buffer.from(
						'reporter,indicator,province,period,value\n' +
							`${base.reporter},${code},${base.province},2003Q2,${value}\n`
					)
				},
				mode: 'approve',
				actor: 'test',
				maxBytes: 1e6
			});
			if ('refused' in result || result.rejected) throw new Error(JSON.stringify(result));
			return result.submissions[0];
		};
		const provinces = [
			...new Set(
				records('public', code)
					.filter((r) => r.table === 'province')
					.map((r) => r.province)
			)
		];
		const quarters = records('public', code)
			.filter((r) => r.table === 'quarter')
			.map((r) => r.period);
		const k = readTier(db, 'public').release.k;
		const asked = `${base.province}|2003Q2`;
		const releases = [records('public', code)];
		const check = (corrected: boolean, change: number) => {
			const [before, after] = releases.slice(-2);
			const [min, max] = changeRanges(before, after, {
				provinces,
				quarters,
				corrected,
				ask: [asked]
			}).get(asked)!;
			// The change is feasible (the model is the truth's), and is not pinned: it could be none,
			// or k or more.
			expect(min).toBeLessThanOrEqual(change + 1e-6);
			expect(max).toBeGreaterThanOrEqual(change - 1e-6);
			expect(min, `${asked} changed by ${change}`).toBeLessThanOrEqual(1e-6);
			expect(max, `${asked} changed by ${change}`).toBeGreaterThanOrEqual(k - 1e-6);
		};

		// Three more children that quarter in that province, approved and published.
		approve(base.value + 3);
		publishNow(db, { reason: 'three more', actor: 'test' });
		releases.push(records('public', code));
		check(false, 3);

		// A correction to five.
		const correction = approve(base.value + 5);
		publishNow(db, { reason: 'corrected', actor: 'test' });
		releases.push(records('public', code));
		check(false, 2);

		// Reopened: the corrected figure leaves the record. No value the public saw went down (the
		// cells it changed were withheld since), so the release need not say it corrected; an
		// intruder who suspects a correction anyway still cannot pin the change.
		const admin = { id: 'admin', role: 'admin' as const, reporterCode: null };
		takeAction(db, { id: correction, action: 'reopen', user: admin, comment: 'check it' });
		const release = publishNow(db, { reason: 'reopened', actor: 'test' });
		expect(release.corrected).toBe(false);
		const value = db.$client
			.prepare(
				`SELECT value FROM data_value WHERE indicator_code = ? AND province_code = ?
				 AND period = '2003Q2' AND reporter_code = ? AND sex = 'total' AND age_group = 'all'`
			)
			.get(code, base.province, base.reporter) as { value: number };
		expect(value.value).toBe(base.value + 3);
		const reviewed = records('review', code).find((r) => r.table === 'plan')!.value as number;
		const published = records('public', code).find((r) => r.table === 'plan')!;
		expect(published.suppressed || published.value === reviewed).toBe(true);
		releases.push(records('public', code));
		check(true, -2);
	}, 120_000);
});
