import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key, recoverableCells } from '../../../../tests/support/disclosure-audit';
import { ranges } from '../../../../tests/support/intruder-lp';
import type { IndicatorPage } from '../../domain/indicator-page';
import { openDatabase, type Db } from '../db';
import { importFile } from '../submissions';
import {
	ensureRelease,
	listReleases,
	liveTier,
	pageJson,
	pageRecords,
	publicationSchedule,
	publicThreshold,
	publish,
	publishIfDue,
	publishNow,
	readTier,
	recordsCsv,
	setPublicThreshold
} from '.';
import { approveSubmission, createSubmission, takeAction } from '../submissions';
import { tempDatabase } from '../testing/temp-db';
import { Refused } from '../refused';

let db: Db;
let dispose: () => void;
beforeEach(() => ({ db, dispose } = tempDatabase()));
afterEach(() => dispose());

function importRows(rows: string[], mode: 'approve' | 'submit' = 'approve') {
	const result = importFile(db, {
		file: {
			name: 'rows.csv',
			content: Buffer.from(
				['reporter,indicator,province,period,sex,age_group,value,note', ...rows].join('\n')
			)
		},
		mode,
		actor: 'test',
		maxBytes: 1e6
	});
	if ('refused' in result || result.rejected) throw new Error(JSON.stringify(result));
	return result.submissions;
}

/** PROT-07 counts children (sensitive). One quarter: three provinces, breakdowns in one. */
function prot07() {
	importRows(
		[
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
		})
	);
}

/** The release made at start-up, or the first the calendar makes: what the public reads. */
const firstRelease = () => publish(db, 'first release');
const publicPage = (code: string) => readTier(db, 'public').page(code) as IndicatorPage;

/**
 * The intruder's view of an indicator's public download (GLPK over every relation): every small
 * count could be none, or k or more; no withheld cell can be computed exactly.
 */
function expectProtected(code: string) {
	const records = pageRecords(publicPage(code));
	const k = readTier(db, 'public').release.k;
	const truth = new Map(
		pageRecords(readTier(db, 'review').page(code)!).map((r) => [key(r), r.value ?? 0])
	);
	for (const [cell, [min, max]] of ranges(records)) {
		const value = truth.get(cell) ?? 0;
		if (value < 1 || value >= k) continue;
		expect(min, cell).toBeLessThanOrEqual(1e-6);
		expect(max, cell).toBeGreaterThanOrEqual(k - 1e-6);
	}
	expect(recoverableCells(records)).toEqual([]);
}
const shown = (cells: { value: number | null; hidden: boolean }[]) =>
	cells.map((c) => (c.hidden ? 'hidden' : c.value));

describe('the public tier', () => {
	it('withholds small counts and whatever would give them back, across every table', () => {
		prot07();
		firstRelease();
		const p = publicPage('PROT-07');
		const province = (code: string) => p.provinces.find((c) => c.code === code)!;
		// The small counts: KH-1 (5), male (4), under 15 (3), adults (2). Which other cells protect
		// them follows a secret order (see privacy.ts): what is checked is that they are protected.
		expect(province('KH-1').hidden).toBe(true);
		expect(p.sexes.find((c) => c.sex === 'male')?.hidden).toBe(true);
		expect(p.ages.filter((a) => a.hidden).map((a) => a.ageGroup)).toEqual(
			expect.arrayContaining(['under15', 'adult'])
		);
		expectProtected('PROT-07');
		// A withheld cell carries no value at all, not even in the stored page.
		const stored = db.$client
			.prepare(`SELECT body FROM public_page WHERE key = 'indicator:PROT-07'`)
			.get() as { body: string };
		expect(stored.body).not.toMatch(/"value":[1-9],/);
		expect(recoverableCells(pageRecords(p))).toEqual([]);
		const log = db.$client
			.prepare(`SELECT reason FROM release_withheld WHERE indicator_code = 'PROT-07'`)
			.all() as { reason: string }[];
		expect(log.filter((w) => w.reason === 'primary')).toHaveLength(5);
		// The page itself says nothing of why a cell is withheld.
		expect(stored.body).not.toMatch(/primary|complementary/);
	});

	it('names the organisations whose figures are published, apart from any figure', () => {
		prot07();
		firstRelease();
		const names = readTier(db, 'public')
			.contributors()
			.map((c) => c.nameEn);
		expect(names).toHaveLength(1);
		expect(names[0]).toMatch(/LICADHO|Cambodian League/);
		expect(JSON.stringify(publicPage('PROT-07'))).not.toMatch(/LICADHO/);
	});

	it('gives reviewers every figure', () => {
		prot07();
		firstRelease();
		const p = readTier(db, 'review').page('PROT-07') as IndicatorPage;
		expect(shown(p.sexes)).toEqual([36, 4, 35]);
		expect(p.ages.map((a) => a.value)).toEqual([3, 35, 38, 2, 35]);
		expect(p.provinces.find((c) => c.code === 'KH-1')).toMatchObject({ value: 5, hidden: false });
	});

	it('downloads flag withheld cells instead of giving a number', () => {
		prot07();
		firstRelease();
		const csv = recordsCsv(pageRecords(publicPage('PROT-07'))).split('\r\n');
		expect(csv[0]).toBe('indicator,table,period,province,sex,age_group,value,suppressed');
		// A published cell gives its value; a withheld one none.
		for (const line of csv.slice(1).filter(Boolean))
			expect(line, line).toMatch(/(,\d+(\.\d+)?,false|,,true)$/);
		expect(csv).toContain('PROT-07,province,2000Q1-2001Q1,KH-1,total,all,,true');
		expect(csv).toContain('PROT-07,province-year,2001,KH-1,total,all,,true');
		expect(csv).toContain('PROT-07,breakdown,2000Q1-2001Q1,national,male,all,,true');
		expect(csv.filter((line) => /,[1-9],/.test(line))).toEqual([]);
		const json = pageJson(publicPage('PROT-07'));
		expect(json).toMatchObject({ indicator: { code: 'PROT-07', sensitive: true }, k: 10 });
		expect(json.note).toContain('from 1 to 9');
		// Withheld records carry no value at all, as in the CSV.
		const withheld = json.records.filter((r) => r.suppressed);
		expect(withheld.length).toBeGreaterThan(0);
		expect(new Set(withheld.map((r) => r.value))).toEqual(new Set([null]));
	});

	it('withholds a small count of children and the shares computed from it', () => {
		importRows(['CWCC,PROT-07,KH-12,2002Q1,,,4,']);
		firstRelease();
		const p = publicPage('PROT-07');
		expect(p.progress.hidden).toBe(true);
		expect(p.progress.assessment).toMatchObject({ actual: null, progress: null, ratio: null });
		expect(p.years.find((y) => y.year === 2002)).toMatchObject({ actual: null, hidden: true });
		const overview = readTier(db, 'public').plan.areas.flatMap((a) => a.indicators);
		expect(overview.find((i) => i.indicator.code === 'PROT-07')?.assessment.actual).toBeNull();
	});

	it('withholds a second year where one small year could be recovered from the plan to date', () => {
		importRows([
			'CWCC,PROT-07,KH-12,2001Q1,,,40,',
			'CWCC,PROT-07,KH-12,2002Q1,,,3,',
			'CWCC,PROT-07,KH-12,2003Q1,,,25,'
		]);
		firstRelease();
		const p = publicPage('PROT-07');
		const year = (y: number) => p.years.find((r) => r.year === y)!;
		expect(year(2002).hidden).toBe(true);
		// 3 = the plan to date less the other years: one more of them (or the plan) goes with it.
		expect([year(2001).hidden, year(2003).hidden, p.national.hidden]).toContain(true);
		expectProtected('PROT-07');
	});

	it('shows small counts of things that are not children, and counts of children from k', () => {
		importRows(['CWCC,PROT-04,KH-12,2002Q1,,,4,', 'CWCC,RECO-01,KH-12,2002Q1,,,12,']);
		firstRelease();
		expect(publicPage('PROT-04').national).toEqual({ value: 4, hidden: false });
		expect(publicPage('RECO-01').national).toEqual({ value: 12, hidden: false });
	});

	it('waits for the calendar: approvals and reopenings go public at the next release', () => {
		publish(db, 'first release', '2002-04-01T00:00:00.000Z');
		const [id] = importRows(['CWCC,RECO-01,KH-12,2002Q1,,,12,'], 'submit');
		expect(publicPage('RECO-01').national.value).toBeNull();
		approveSubmission(db, id, { reviewer: 'r', at: '2002-05-01T00:00:00.000Z' });
		// Reviewers see it at once; the public when it is published.
		expect(readTier(db, 'review').page('RECO-01')?.national.value).toBe(12);
		expect(publicPage('RECO-01').national.value).toBeNull();
		const schedule = publicationSchedule(db, new Date('2002-05-02T00:00:00.000Z'));
		expect(schedule).toMatchObject({ waiting: 1, due: false });
		expect(publishIfDue(db, new Date('2002-05-02T00:00:00.000Z'))).toBeNull();
		// 2002Q1's publication: 30 days after the quarter, then 15 more.
		expect(schedule.next).toBe('2002-05-15T23:59:59.999Z');
		expect(publishIfDue(db, new Date('2002-05-16T00:00:00.000Z'))?.reason).toBe(
			'scheduled publication of 2002-05-15'
		);
		expect(publicPage('RECO-01').national).toEqual({ value: 12, hidden: false });

		const user = { id: 'admin', role: 'admin' as const, reporterCode: null };
		takeAction(db, { id, action: 'reopen', user, comment: 'check the province' });
		expect(readTier(db, 'review').page('RECO-01')?.national.value).toBeNull();
		expect(() => publishNow(db, { reason: ' ', actor: 'admin' })).toThrow(Refused);
		const now = publishNow(db, { reason: 'court order', actor: 'admin' });
		expect(now).toMatchObject({ reason: 'published now: court order', corrected: true });
		// The reopened figure has left the public tier.
		expect(publicPage('RECO-01').national.value).toBeNull();

		expect(publicThreshold(db)).toBe(10);
		setPublicThreshold(db, 15, { actor: 'admin' });
		expect(() => setPublicThreshold(db, 4, { actor: 'admin' })).toThrow(Refused);
		const releases = listReleases(db);
		expect(releases.map((r) => r.reason)).toEqual([
			'k changed from 10 to 15',
			'published now: court order',
			'scheduled publication of 2002-05-15',
			'first release'
		]);
	});

	it('withholds a small change since the last release, and protects it across releases', () => {
		importRows(['CWCC,RECO-01,KH-12,2002Q1,,,30,', 'CWCC,RECO-01,KH-2,2002Q1,,,25,']);
		firstRelease();
		expect(publicPage('RECO-01').national).toEqual({ value: 55, hidden: false });
		// Three more children in one province and quarter: every total they enter moves by 3.
		importRows(['CWCC,RECO-01,KH-12,2002Q2,,,3,']);
		publishNow(db, { reason: 'test', actor: 'admin' });
		const p = publicPage('RECO-01');
		expect(p.national.hidden).toBe(true);
		expect(p.provinces.find((c) => c.code === 'KH-12')?.hidden).toBe(true);
		expect(p.quarters.find((q) => q.period === '2002Q2')).toMatchObject({ hidden: true });
		const log = listReleases(db)[0];
		expect(log.changes).toBeGreaterThanOrEqual(3);
		expect(log.narrowest).toBeGreaterThanOrEqual(10);
		// Once the change since it was last published reaches k, the total is published again.
		importRows(['CWCC,RECO-01,KH-2,2002Q2,,,12,']);
		publishNow(db, { reason: 'test', actor: 'admin' });
		const latest = listReleases(db)[0].cells.filter((c) => c.indicatorCode === 'RECO-01');
		expect(latest.find((c) => c.table === 'plan')?.reason).not.toBe('change');
		expectProtected('RECO-01');
	});
});

describe('the reviewer views computed now', () => {
	it('include values in review, and preview what approving one would publish', () => {
		importRows(['CWCC,RECO-01,KH-12,2002Q1,,,30,']);
		const [waiting] = importRows(['CWCC,RECO-01,KH-1,2002Q1,,,3,'], 'submit');
		firstRelease();
		expect(publicPage('RECO-01').national.value).toBe(30);
		const withSubmitted = liveTier(db, { suppress: false, include: [waiting] }).page(
			'RECO-01'
		) as IndicatorPage;
		expect(withSubmitted.national.value).toBe(33);
		const preview = liveTier(db, { suppress: true, include: [waiting] }).page(
			'RECO-01'
		) as IndicatorPage;
		// The nation moved by 3 since it was published: that change is withheld too.
		expect(preview.national).toEqual({ value: null, hidden: true });
		expect(shown(preview.provinces.filter((p) => p.code === 'KH-1' || p.code === 'KH-12'))).toEqual(
			['hidden', 30]
		);
		// Nothing was published by looking.
		expect(publicPage('RECO-01').national.value).toBe(30);
	});

	it('compute the one page asked for exactly as the whole dashboard would', () => {
		importRows(['CWCC,RECO-01,KH-12,2002Q1,,,30,', 'LICADHO,PROT-07,KH-12,2001Q1,,,4,']);
		const [waiting] = importRows(['CWCC,RECO-01,KH-1,2002Q1,,,3,'], 'submit');
		firstRelease();
		for (const suppress of [false, true]) {
			const whole = liveTier(db, { suppress, include: [waiting] }).pages();
			for (const code of ['RECO-01', 'PROT-07', 'COOR-03']) {
				// A tier of its own, so that the page is computed alone.
				const alone = liveTier(db, { suppress, include: [waiting] }).page(code);
				expect(alone).toEqual(whole.find((p) => p.progress.indicator.code === code));
			}
		}
	});
});

describe('a database from an earlier version', () => {
	it('gets its public pages made again, once, when the stored pages are of another format', () => {
		expect(ensureRelease(db)?.reason).toBe('first release');
		db.$client.prepare(`UPDATE setting SET value = '1' WHERE key = 'public_tier_format'`).run();
		const file = db.$client.name;
		const again = openDatabase(file);
		try {
			// At start-up; a read never makes a release.
			expect(ensureRelease(again)?.reason).toBe('pages rebuilt for a new version of the app');
			expect(readTier(again, 'public').release.reason).toBe(
				'pages rebuilt for a new version of the app'
			);
			expect(listReleases(again).length).toBe(2);
			expect(ensureRelease(again)).toBeNull();
			readTier(again, 'public');
			expect(listReleases(again).length).toBe(2);
		} finally {
			again.$client.close();
		}
	});
});

describe('workflow without a release in between', () => {
	it('still publishes what was approved before the tier existed', () => {
		const id = createSubmission(db, {
			reporter: 'CWCC',
			period: '2002Q1',
			source: 'cli',
			at: '2002-04-10T00:00:00.000Z',
			rows: [
				{
					indicator: 'PREV-01',
					province: 'KH-12',
					period: '2002Q1',
					sex: 'total',
					ageGroup: 'all',
					value: 7
				}
			]
		});
		approveSubmission(db, id, { reviewer: 'r', at: '2002-04-20T00:00:00.000Z', refresh: false });
		db.$client.exec('DELETE FROM public_page; DELETE FROM review_page; DELETE FROM release');
		// The release start-up makes for a database without one.
		ensureRelease(db);
		expect(publicPage('PREV-01').national.value).toBe(7);
	});
});
