/**
 * A read never writes: every way pages, downloads and the calendar read the public tier runs on
 * a read-only connection to the database (SQLite refuses any write on it), and changes nothing
 * on the server's own connection either, with or without a release.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import * as schema from '../db/schema';
import { importFile } from '../submissions';
import { tempDatabase } from '../testing/temp-db';
import {
	allRecords,
	areaOf,
	awaitsPublication,
	currentReleaseId,
	latestRelease,
	listReleases,
	liveTier,
	overviewOf,
	pageJson,
	pageRecords,
	provinceOf,
	publicationSchedule,
	publicThreshold,
	publish,
	readTier,
	recordsCsv
} from '.';

let db: Db;
let file: string;
let dispose: () => void;
beforeEach(() => ({ db, file, dispose } = tempDatabase()));
afterEach(() => dispose());

/** Approved figures of a sensitive and a plain indicator, and one submission in review. */
function figures(): number {
	const run = (rows: string[], mode: 'approve' | 'submit') => {
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
		return result.submissions[0];
	};
	run(
		[
			'CWCC,PROT-07,KH-12,2002Q1,,,40,',
			'CWCC,PROT-07,KH-1,2002Q1,,,4,',
			'CWCC,RECO-01,KH-12,2002Q1,,,12,'
		],
		'approve'
	);
	return run(['CWCC,RECO-01,KH-1,2002Q1,,,3,'], 'submit');
}

/** Everything public pages, downloads, reviewers' views and the calendar read. */
function readEverything(on: Db, waiting: number) {
	for (const audience of ['public', 'review'] as const) {
		const tier = readTier(on, audience);
		tier.contributors();
		for (const page of tier.pages()) {
			pageJson(page);
			recordsCsv(pageRecords(page));
		}
		recordsCsv(allRecords(tier));
		overviewOf(tier, { map: 'PROT-07', year: '2002' });
		areaOf(tier, 'PROT');
		provinceOf(tier, 'KH-12');
	}
	liveTier(on, { suppress: false, include: [waiting] }).page('RECO-01');
	liveTier(on, { suppress: true, include: [waiting] }).page('RECO-01');
	publicationSchedule(on, new Date('2002-06-01T00:00:00.000Z'));
	awaitsPublication(on, waiting);
	latestRelease(on);
	currentReleaseId(on);
	listReleases(on);
	publicThreshold(on);
}

describe('reading the public tier', () => {
	it('works on a read-only connection: no read writes', () => {
		const waiting = figures();
		publish(db, 'first release');
		const readOnly = new Database(file, { readonly: true, fileMustExist: true });
		try {
			readEverything(drizzle(readOnly, { schema }), waiting);
		} finally {
			readOnly.close();
		}
	});

	it("changes nothing on the server's connection", () => {
		const waiting = figures();
		publish(db, 'first release');
		const changes = () =>
			(db.$client.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
		const before = changes();
		readEverything(db, waiting);
		expect(changes()).toBe(before);
	});

	it('makes no release when there is none: start-up makes the first', () => {
		figures();
		expect(() => readTier(db, 'public')).toThrow(/no release/);
		expect(latestRelease(db)).toBeNull();
		expect(currentReleaseId(db)).toBe(0);
		expect(db.$client.prepare('SELECT count(*) AS n FROM public_page').get()).toEqual({ n: 0 });
	});
});
