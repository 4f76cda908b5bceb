/**
 * Loads the demonstration data into a database that has no submissions: the generated figures
 * go through the same path as real ones (a submission with its original CSV file, then approval),
 * and the `demo` setting makes every page say "demonstration data".
 */
import { asc, eq, sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toCsv } from '../../domain/csv';
import type { Target } from '../../domain/progress';
import { projectRoot } from '../config';
import { inTransaction, type Db } from '../db';
import * as t from '../db/schema';
import { ensurePlan, getPlan, loadTargets } from '../plan';
import { publish } from '../release';
import { approveSubmission, createSubmission } from '../submissions';
import { FIELDS } from '../import/vocabulary';
import { generateDemo, type DemoIndicator, type DemoProfile } from './generate';

export const DEMO_PROFILE_FILE = 'data/demo/profile.json';
export const DEMO_REVIEWER = 'demo-reviewer';

/** True while the database holds demonstration data. */
export function hasDemoData(db: Db): boolean {
	return db.select().from(t.setting).where(eq(t.setting.key, 'demo')).get() !== undefined;
}

/**
 * Generates and loads the demonstration data, in one transaction, after the default plan if the
 * database has none. Does nothing (and returns null) if the database already has submissions:
 * demonstration data never mixes with real data.
 */
export function loadDemo(db: Db): { submissions: number; values: number } | null {
	ensurePlan(db);
	const any = db.select({ id: t.submission.id }).from(t.submission).limit(1).get();
	if (any) return null;
	const profile: DemoProfile = JSON.parse(
		readFileSync(resolve(projectRoot(), DEMO_PROFILE_FILE), 'utf8')
	);
	const plan = getPlan(db);
	const targets = loadTargets(db, plan);
	const indicators: DemoIndicator[] = db
		.select()
		.from(t.indicator)
		.orderBy(asc(t.indicator.position))
		.all()
		.map((ind) => {
			return {
				code: ind.code,
				unit: ind.unit,
				accumulation: ind.accumulation,
				sexes: ind.sexes ? ind.sexes.split(',') : [],
				ageGroups: ind.ageGroups ? ind.ageGroups.split(',') : [],
				computed: ind.computed,
				target: targets.get(ind.code) as Target
			};
		});
	const links = db.select().from(t.reporterProvince).all();
	const reporters = db
		.select({ code: t.reporter.code })
		.from(t.reporter)
		.all()
		.map((r) => ({
			code: r.code,
			provinces: links.filter((l) => l.reporterCode === r.code).map((l) => l.provinceCode)
		}));

	const demo = generateDemo({
		firstYear: plan.firstYear,
		lastYear: plan.lastYear,
		indicators,
		reporters,
		profile
	});

	return inTransaction(db, () => {
		let values = 0;
		for (const s of demo) {
			const csv = toCsv([
				[...FIELDS],
				...s.rows.map((r) => [
					s.reporter,
					r.indicator,
					r.province,
					r.period,
					r.sex,
					r.ageGroup,
					r.value,
					''
				])
			]);
			const id = createSubmission(db, {
				reporter: s.reporter,
				period: s.period,
				source: 'demo',
				format: 'canonical',
				file: {
					name: `${s.reporter.toLowerCase()}-${s.period.toLowerCase()}.csv`,
					content: Buffer.from(csv)
				},
				status: s.status === 'draft' ? 'draft' : 'submitted',
				nothingToReport: s.nothingToReport,
				createdBy: s.reporter,
				at: s.submittedAt,
				rows: s.rows
			});
			if (s.status === 'approved' && s.approvedAt)
				values += approveSubmission(db, id, {
					reviewer: DEMO_REVIEWER,
					at: s.approvedAt,
					refresh: false
				});
		}
		db.insert(t.setting)
			.values({
				key: 'demo',
				value: JSON.stringify({ seed: profile.seed, submissions: demo.length })
			})
			.run();
		publish(db, 'demonstration data loaded');
		db.run(
			sql`INSERT INTO audit_log (actor, action, detail) VALUES ('system', 'demo.load', ${JSON.stringify({ submissions: demo.length, values })})`
		);
		return { submissions: demo.length, values };
	});
}
